package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Proposals as people read them, from answers of {@code gov_proposals} and {@code gov_proposal}. */
final class GovText {
  private GovText() {}

  /** A page of proposals as a table, and how to get the next page. */
  static List<String> table(JsonNode page) {
    if (page.path("proposals").isEmpty()) return List.of("no proposals");
    Table t = new Table("ID", "STATUS", "KIND", "DEPOSIT (DDC)", "VOTING ENDS", "TITLE");
    for (JsonNode p : page.path("proposals")) {
      t.row(p.path("id").asLong(), p.path("status").asText(),
          p.path("content").path("kind").asText(), p.path("totalDeposit").asText(),
          p.has("votingEndHeight") ? "height " + p.path("votingEndHeight").asLong() : "-",
          p.path("title").asText());
    }
    List<String> out = lines(t);
    if (page.has("nextAfter")) out.add("more: --after " + page.path("nextAfter").asLong());
    return out;
  }

  /**
   * One proposal, with heights relative to {@code head} (the node's current height) and the
   * values of a parameter change as {@code units} (name to {@code bcos_params} unit) says: an
   * amount in DDC, a parameter it does not name as the bare number.
   */
  static List<String> show(JsonNode p, long head, Map<String, String> units) {
    List<String> out = new ArrayList<>();
    out.add("proposal " + p.path("id").asLong() + ": " + p.path("title").asText());
    out.add("status: " + p.path("status").asText()
        + (p.has("result") ? " (" + p.path("outcome").asText() + "; " + p.path("result").asText()
            + ")" : ""));
    out.add("proposer: " + p.path("proposer").asText());
    out.add("kind: " + content(p.path("content"), units));
    if (!p.path("description").asText().isEmpty()) {
      out.add("description: " + p.path("description").asText());
    }
    out.add("submitted at height " + p.path("submitHeight").asLong() + "; deposit "
        + p.path("totalDeposit").asText() + " DDC");
    heights(p, head, out);
    for (JsonNode d : p.path("deposits")) {
      out.add("  deposit " + d.path("amount").asText() + " DDC from " + d.path("depositor")
          .asText());
    }
    if (p.has("tally")) out.addAll(tally(p.path("tally")));
    for (JsonNode v : p.path("votes")) {
      out.add("  vote " + v.path("choice").asText() + " by " + v.path("voter").asText());
    }
    if (p.path("votesTruncated").asBoolean()) out.add("  (more votes: see --json or dvs result)");
    return out;
  }

  private static void heights(JsonNode p, long head, List<String> out) {
    String status = p.path("status").asText();
    if (status.equals("DEPOSIT_PERIOD")) {
      long end = p.path("depositEndHeight").asLong();
      out.add("deposit period ends at height " + end + " (" + Math.max(0, end - head)
          + " blocks left)");
    } else if (p.has("votingEndHeight")) {
      long end = p.path("votingEndHeight").asLong();
      out.add("voting " + (status.equals("VOTING_PERIOD") ? "ends" : "ended") + " at height "
          + end + (status.equals("VOTING_PERIOD") ? " (" + Math.max(0, end - head)
          + " blocks left); issue " + p.path("issue").asLong() + " of the chain community" : ""));
    }
  }

  private static List<String> tally(JsonNode t) {
    String head = t.path("final").asBoolean() ? "result" : "provisional count";
    return List.of(head + ": yes " + ddc(t.path("yes")) + ", no " + ddc(t.path("no"))
        + ", abstain " + ddc(t.path("abstain")) + ", veto " + ddc(t.path("veto")) + " DDC of "
        + ddc(t.path("electorateWeight")) + " DDC bonded",
        "turnout " + percent(t.path("turnoutBps").asLong()) + " (quorum "
            + (t.path("quorumMet").asBoolean() ? "met" : "not met") + "); outcome "
            + (t.path("final").asBoolean() ? "" : "so far ") + t.path("outcome").asText());
  }

  private static String content(JsonNode c, Map<String, String> units) {
    return switch (c.path("kind").asText()) {
      case "param" -> {
        List<String> sets = new ArrayList<>();
        for (JsonNode s : c.path("changes")) {
          String name = s.path("name").asText();
          sets.add(name + " = " + QueryCommands.Params.text(s.path("value").asLong(),
              units.getOrDefault(name, "")));
        }
        yield "parameter change: " + String.join(", ", sets);
      }
      case "upgrade" -> "software upgrade \"" + c.path("name").asText() + "\" to protocol "
          + "version " + c.path("version").asLong() + " at height " + c.path("height").asLong()
          + " (release sha256 " + c.path("release").asText() + ")";
      case "cancel-upgrade" -> "cancel the scheduled upgrade \"" + c.path("name").asText() + "\"";
      case "spend" -> "community-pool spend of " + c.path("amount").asText() + " DDC to "
          + c.path("recipient").asText();
      default -> "text";
    };
  }

  /** Base units as exact DDC text. */
  private static String ddc(JsonNode units) {
    return org.bcos.types.Amount.format(units.asLong());
  }

  private static String percent(long bps) {
    return bps / 100 + "." + String.format(java.util.Locale.ROOT, "%02d", bps % 100) + " %";
  }

  private static List<String> lines(Table t) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    t.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    return new ArrayList<>(List.of(buffer.toString(StandardCharsets.UTF_8).split("\n")));
  }
}
