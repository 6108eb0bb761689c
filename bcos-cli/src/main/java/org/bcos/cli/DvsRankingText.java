package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code dvs_ranking} answer for people: the full ranking as a table (place, option by name,
 * the figure it was placed by; tied places marked "="), the Schulze matrices as option × option
 * tables, and the IRV rounds as a table of counts with a line per round saying who went and why.
 */
final class DvsRankingText {
  private DvsRankingText() {}

  /**
   * Prints {@code ranking}; {@code names} are the option names (index; -1 the status
   * quo), {@code matrix} and {@code rounds} add the Schulze matrices and the IRV rounds.
   */
  static void print(PrintStream out, JsonNode ranking, List<String> names, boolean matrix,
      boolean rounds) {
    out.println();
    out.println(ranking.path("final").asBoolean() ? "ranking (final):"
        : "ranking so far (provisional: voting is open):");
    table(ranking, names).print(out);
    List<String> off = new ArrayList<>();
    ranking.path("notOnBallot").forEach(o -> off.add(name(names, o.asInt())));
    if (!off.isEmpty()) out.println("not on the ballot: " + String.join(", ", off));
    if (ranking.has("decision")) decision(out, ranking.path("decision"));
    if (matrix) matrices(out, ranking, names);
    if (rounds) rounds(out, ranking, names);
  }

  private static Table table(JsonNode ranking, List<String> names) {
    JsonNode entries = ranking.path("ranking");
    String method = ranking.path("method").asText();
    Table table = switch (method) {
      case "SCHULZE" -> new Table("PLACE", "OPTION", "FIRST CHOICES", "BEATS", "BEATEN BY");
      case "IRV" -> new Table("PLACE", "OPTION", "FIRST CHOICES", "ELIMINATED");
      case "YES_NO" -> new Table("PLACE", "CHOICE", "WEIGHT");
      default -> new Table("PLACE", "OPTION", totalHeading(method));
    };
    for (JsonNode e : entries) {
      String place = place(entries, e.path("place").asInt());
      String option = e.has("choice") ? e.path("choice").asText()
          : name(names, e.path("option").asInt());
      switch (method) {
        case "SCHULZE" -> table.row(place, option, e.path("firstChoices").asText("-"),
            e.path("beats").asText(), e.path("beatenBy").asText());
        case "IRV" -> table.row(place, option, e.path("firstChoices").asText("0"),
            e.has("eliminatedInRound") ? "round " + e.path("eliminatedInRound").asText() : "-");
        case "YES_NO" -> table.row(place, option, e.path("weight").asText());
        default -> table.row(place, option, e.path("total").asText());
      }
    }
    return table;
  }

  private static String totalHeading(String method) {
    return switch (method) {
      case "APPROVAL" -> "APPROVALS";
      case "SCORE" -> "SCORE";
      case "QUADRATIC" -> "NET VOTES";
      default -> "VOTES";
    };
  }

  /** "2" alone, or "2=" when another entry shares the place. */
  private static String place(JsonNode entries, int place) {
    int sharing = 0;
    for (JsonNode e : entries) if (e.path("place").asInt() == place) sharing++;
    return sharing > 1 ? place + "=" : String.valueOf(place);
  }

  private static void decision(PrintStream out, JsonNode d) {
    out.printf(Locale.ROOT, "yes is %s %% of yes + no (threshold %s %%); turnout %d of the "
        + "quorum %d%s%n", percent(d.path("yesShareBps").asLong()),
        percent(d.path("thresholdBps").asLong()), d.path("turnoutWeight").asLong(),
        d.path("quorumWeight").asLong(), d.has("vetoBps") ? String.format(Locale.ROOT,
            "; veto %d (vetoed above %s %% of the turnout)", d.path("noWithVeto").asLong(),
            percent(d.path("vetoBps").asLong())) : "");
  }

  /** d and p as option × option tables, rows and columns by name. */
  private static void matrices(PrintStream out, JsonNode ranking, List<String> names) {
    if (!ranking.has("pairwise")) return;
    List<String> candidates = new ArrayList<>();
    ranking.path("candidates").forEach(c -> candidates.add(name(names, c.asInt())));
    out.println();
    out.println("pairwise preferences d[row][column]: weight ranking the row above the column");
    matrix("d", candidates, ranking.path("pairwise")).print(out);
    out.println();
    out.println("strongest paths p[row][column]: the row beats the column when p[row][column] >"
        + " p[column][row]");
    matrix("p", candidates, ranking.path("strongestPaths")).print(out);
  }

  private static Table matrix(String corner, List<String> candidates, JsonNode rows) {
    List<String> header = new ArrayList<>(List.of(corner));
    header.addAll(candidates);
    Table table = new Table(header.toArray(String[]::new));
    for (int i = 0; i < candidates.size(); i++) {
      List<String> row = new ArrayList<>(List.of(candidates.get(i)));
      for (int j = 0; j < candidates.size(); j++) {
        row.add(i == j ? "-" : rows.get(i).get(j).asText());
      }
      table.row(row.toArray());
    }
    return table;
  }

  /** The weight of each option in each round (columns), then one line per round. */
  private static void rounds(PrintStream out, JsonNode ranking, List<String> names) {
    JsonNode rounds = ranking.path("rounds");
    if (rounds.isEmpty()) return;
    List<String> header = new ArrayList<>(List.of("OPTION"));
    for (JsonNode r : rounds) header.add("ROUND " + r.path("round").asText());
    Table table = new Table(header.toArray(String[]::new));
    for (JsonNode first : rounds.get(0).path("totals")) {
      int option = first.path("option").asInt();
      List<String> row = new ArrayList<>(List.of(name(names, option)));
      for (JsonNode r : rounds) row.add(weightIn(r, option));
      table.row(row.toArray());
    }
    List<String> exhausted = new ArrayList<>(List.of("(exhausted)"));
    for (JsonNode r : rounds) exhausted.add(r.path("exhaustedWeight").asText());
    table.row(exhausted.toArray());
    out.println();
    table.print(out);
    for (JsonNode r : rounds) out.println(roundLine(r, names, ranking.path("countedWeight")
        .asLong()));
  }

  private static String weightIn(JsonNode round, int option) {
    for (JsonNode t : round.path("totals")) {
      if (t.path("option").asInt() == option) return t.path("weight").asText();
    }
    return "-";
  }

  static String roundLine(JsonNode r, List<String> names, long counted) {
    String head = "round " + r.path("round").asText() + ": ";
    if (r.has("elected")) {
      int winner = r.path("elected").asInt();
      long active = counted - r.path("exhaustedWeight").asLong();
      return head + name(names, winner) + " elected with " + weightIn(r, winner) + " of "
          + active + " continuing";
    }
    String who = name(names, r.path("eliminated").asInt());
    List<String> tied = new ArrayList<>();
    r.path("tiedWith").forEach(t -> tied.add(name(names, t.asInt())));
    String why = switch (r.path("reason").asText()) {
      case "FEWEST" -> "fewest (" + weightIn(r, r.path("eliminated").asInt()) + ")";
      case "TIED_LESS_EARLIER" -> "tied with " + String.join(", ", tied)
          + ", and had less in the latest earlier round where they differed";
      default -> "tied with " + String.join(", ", tied)
          + " in every round; the highest index goes";
    };
    List<String> moved = new ArrayList<>();
    r.path("transfers").forEach(t -> moved.add(name(names, t.path("option").asInt()) + " +"
        + t.path("weight").asText()));
    if (r.path("exhaustedByTransfer").asLong() > 0) {
      moved.add("exhausted +" + r.path("exhaustedByTransfer").asText());
    }
    return head + who + " eliminated: " + why + "; its ballots: "
        + (moved.isEmpty() ? "none" : String.join(", ", moved));
  }

  private static String name(List<String> names, int i) {
    return DvsResultText.name(names, i);
  }

  private static String percent(long bps) {
    return DvsResultText.percent(bps);
  }
}
