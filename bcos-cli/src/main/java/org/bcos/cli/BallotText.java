package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A ballot's values as people read them, by the issue's method: the choice or the options by
 * name, a ranking in rank order, scores or votes beside each option. Values are indexed as the
 * issue's options; a ranking's extra last value is the status quo's rank.
 */
final class BallotText {
  static final String STATUS_QUO = "Status quo";
  private static final List<String> YES_NO = List.of("yes", "no", "abstain", "veto");

  private BallotText() {}

  /** One line describing {@code values} under {@code method} ({@code dvs_getIssue} names). */
  static String describe(String method, List<String> options, JsonNode values) {
    List<Long> v = new ArrayList<>();
    values.forEach(x -> v.add(x.asLong()));
    return switch (method) {
      case "YES_NO" -> v.isEmpty() ? "-" : name(YES_NO, v.get(0));
      case "SINGLE_CHOICE" -> v.isEmpty() ? "-" : name(options, v.get(0));
      case "APPROVAL" -> "approves " + String.join(", ", v.stream()
          .map(i -> name(options, i)).toList());
      case "SCHULZE", "IRV" -> ranking(options, v);
      default -> perOption(options, v);
    };
  }

  /**
   * The {@code --values} of a ranking given by name ({@code --rank "B,Status quo,A"}): first
   * named = rank 1; options not named stay unranked (0); naming the status quo (deliberative
   * Schulze issues only) adds its rank as the extra last value. Names match case-insensitively.
   */
  static long[] ranks(JsonNode issue, String text) {
    List<String> options = new ArrayList<>();
    issue.path("options").forEach(o -> options.add(o.path("text").asText()));
    boolean statusQuo = issue.path("mode").asText().equals("deliberative")
        && issue.path("rules").path("method").asText().equals("SCHULZE");
    long[] values = new long[options.size() + 1];
    String[] names = text.split(",");
    for (int rank = 1; rank <= names.length; rank++) {
      int slot = slotOf(options, names[rank - 1].trim(), statusQuo);
      if (values[slot] != 0) {
        throw new CliException("INVALID_DVS_INPUT", "'" + names[rank - 1].trim()
            + "' is ranked twice");
      }
      values[slot] = rank;
    }
    return values[options.size()] == 0 ? java.util.Arrays.copyOf(values, options.size())
        : values;
  }

  private static int slotOf(List<String> options, String name, boolean statusQuo) {
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).equalsIgnoreCase(name)) return i;
    }
    if (statusQuo && name.equalsIgnoreCase(STATUS_QUO)) return options.size();
    throw new CliException("INVALID_DVS_INPUT", "no option '" + name + "' on this issue; its"
        + " options: " + String.join(", ", options) + (statusQuo ? ", " + STATUS_QUO : ""));
  }

  private static String ranking(List<String> options, List<Long> ranks) {
    List<Integer> ranked = new ArrayList<>();
    for (int i = 0; i < ranks.size(); i++) if (ranks.get(i) > 0) ranked.add(i);
    ranked.sort(Comparator.comparingLong(ranks::get));
    List<String> out = new ArrayList<>();
    for (int i : ranked) out.add(ranks.get(i) + ". " + slot(options, i));
    return out.isEmpty() ? "nothing ranked" : String.join(", ", out);
  }

  private static String perOption(List<String> options, List<Long> values) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) out.add(slot(options, i) + ": " + values.get(i));
    return String.join(", ", out);
  }

  /** Option {@code i}, or the status quo for the slot just past the options. */
  private static String slot(List<String> options, int i) {
    return i == options.size() ? STATUS_QUO : name(options, i);
  }

  private static String name(List<String> names, long i) {
    return i >= 0 && i < names.size() ? names.get((int) i) : "#" + i;
  }
}
