package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bcos.client.BcosClient;

/**
 * A tally or final result for people: options by name, winners by name, a live count labelled
 * provisional (its outcome is "so far", never a bare PASSED while voting is open), the closing
 * block's time in ISO-8601, and tables for the totals and the regions.
 */
final class DvsResultText {
  private static final List<String> YES_NO = List.of("yes", "no", "abstain", "veto");
  private static final List<String> RANKED = List.of("SCHULZE", "IRV");

  private DvsResultText() {}

  /** Prints {@code tally} (a {@code dvs_tally} or {@code dvs_result} answer). */
  static void print(PrintStream out, BcosClient client, JsonNode tally) {
    print(out, client, tally, null, false, false);
  }

  /**
   * Prints {@code tally}, then, when {@code ranking} (a {@code dvs_ranking} answer) is given, the
   * full ranking and, on request, the Schulze matrices or the IRV rounds ({@link DvsRankingText}).
   */
  static void print(PrintStream out, BcosClient client, JsonNode tally, JsonNode ranking,
      boolean matrix, boolean rounds) {
    JsonNode issue = client.call("dvs_getIssue", tally.path("issue").asLong());
    String method = issue.path("rules").path("method").asText();
    List<String> names = names(issue, method);
    out.println(heading(client, tally, issue));
    String outcome = tally.path("outcome").asText();
    out.println(tally.path("final").asBoolean() ? "outcome: " + outcome
        : "outcome so far: " + outcome + " (provisional: voting is open)");
    out.println("winners: " + winners(tally.path("winners"), names));
    out.printf(Locale.ROOT, "ballots: %d, counted weight %d of %d (turnout %s %%), quorum %s%n",
        tally.path("ballots").asLong(), tally.path("countedWeight").asLong(),
        tally.path("electorateWeight").asLong(), percent(tally.path("turnoutBps").asLong()),
        tally.path("quorumMet").asBoolean() ? "met" : "not met");
    totals(out, tally.path("totals"), names, RANKED.contains(method));
    regions(out, tally, names);
    if (!tally.path("action").asText().isEmpty()
        && !tally.path("action").asText().equals("none")) {
      out.println("action: " + tally.path("action").asText());
    }
    out.println("ballots root: " + tally.path("ballotsRoot").asText());
    if (ranking != null) DvsRankingText.print(out, ranking, names, matrix, rounds);
  }

  private static String heading(BcosClient client, JsonNode tally, JsonNode issue) {
    long height = tally.path("height").asLong();
    String which = "issue " + tally.path("issue").asText() + " (" + issue.path("rules")
        .path("method").asText().toLowerCase(Locale.ROOT) + ")";
    if (!tally.path("final").asBoolean()) {
      return which + ": provisional count at height " + height + "; voting ends at height "
          + issue.path("phaseEnd").asText();
    }
    return which + ": final result, closed at height " + height + " (" + time(client, height)
        + ")";
  }

  /** The ISO-8601 time of block {@code height}, or "time unknown". */
  static String time(BcosClient client, long height) {
    JsonNode block = client.call("bcos_getBlock", height);
    return block.has("timeMillis")
        ? Instant.ofEpochMilli(block.path("timeMillis").asLong()).toString() : "time unknown";
  }

  /** Names of the counted slots: yes/no/abstain/veto, or the options then the status quo. */
  private static List<String> names(JsonNode issue, String method) {
    if (method.equals("YES_NO")) return YES_NO;
    List<String> names = new ArrayList<>();
    issue.path("options").forEach(o -> names.add(o.path("text").asText()));
    names.add(BallotText.STATUS_QUO);
    return names;
  }

  private static String winners(JsonNode winners, List<String> names) {
    List<String> out = new ArrayList<>();
    winners.forEach(w -> out.add(name(names, w.asInt())));
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static void totals(PrintStream out, JsonNode totals, List<String> names,
      boolean ranked) {
    Table table = new Table("OPTION", ranked ? "FIRST CHOICES" : "VOTES");
    for (int i = 0; i < totals.size(); i++) table.row(name(names, i), totals.get(i).asText());
    table.print(out);
    if (ranked) {
      out.println("(ranked method: the winners above come from the full count; the totals are"
          + " first choices only)");
    }
  }

  /**
   * The regional breakdown: counted members and weight per cell, and, when the node gives each
   * cell's electorate (members' electorates), its turnout and the regions where nothing counted.
   */
  private static void regions(PrintStream out, JsonNode tally, List<String> names) {
    JsonNode regions = tally.path("regions");
    if (regions.isEmpty()) return;
    boolean turnout = regions.get(0).has("turnoutBps");
    Table table = turnout ? new Table("REGION", "MEMBERS", "WEIGHT", "TURNOUT", "FIRST CHOICES")
        : new Table("REGION", "MEMBERS", "WEIGHT", "FIRST CHOICES");
    for (JsonNode r : regions) {
      List<String> choices = new ArrayList<>();
      JsonNode fc = r.path("firstChoices");
      for (int i = 0; i < fc.size(); i++) {
        if (fc.get(i).asLong() > 0) choices.add(name(names, i) + " " + fc.get(i).asText());
      }
      List<String> row = new ArrayList<>(List.of(regionName(r),
          r.path("members").asText() + counted(r, "electorateMembers", turnout),
          r.path("weight").asText() + counted(r, "electorateWeight", turnout)));
      if (turnout) row.add(percent(r.path("turnoutBps").asLong()) + " %");
      row.add(choices.isEmpty() ? "-" : String.join(", ", choices));
      table.row(row.toArray(String[]::new));
    }
    table.print(out);
    for (JsonNode r : tally.path("regionsWithoutVotes")) {
      long members = r.path("electorateMembers").asLong();
      out.printf(Locale.ROOT, "no votes counted in %s: %d member%s, weight %d (turnout 0.00 %%)%n",
          regionName(r), members, members == 1 ? "" : "s", r.path("electorateWeight").asLong());
    }
  }

  private static String regionName(JsonNode r) {
    return r.path("region").asText().isEmpty() ? "(none)" : r.path("region").asText();
  }

  /** " of N" for a counted figure when the electorate is known. */
  private static String counted(JsonNode r, String field, boolean turnout) {
    return turnout ? " of " + r.path(field).asText() : "";
  }

  /** Slot {@code i} by name; -1 is the status quo (as winners name it). */
  static String name(List<String> names, int i) {
    if (i == -1) return BallotText.STATUS_QUO;
    return i >= 0 && i < names.size() ? names.get(i) : "#" + i;
  }

  static String percent(long bps) {
    return String.format(Locale.ROOT, "%d.%02d", bps / 100, bps % 100);
  }
}
