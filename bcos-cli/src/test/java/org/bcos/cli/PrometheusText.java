package org.bcos.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): metric and label
 * names, escaped label values, float values, one HELP and TYPE per family before its samples,
 * families not interleaved, no repeated series. A line it cannot read fails with the line. Test
 * fixture: /metrics is read by Prometheus servers, not by our own code.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary",
      "untyped");

  /** One sample: its name, labels (sorted) and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** One metric family: type, help text and samples in order. */
  record Family(String name, String type, String help, List<Sample> samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();
  private final Set<String> series = new HashSet<>();
  private final Set<String> closed = new HashSet<>();
  private Family current;

  private PrometheusText() {}

  /** The families of {@code text}, by name, in order. */
  static Map<String, Family> parse(String text) {
    PrometheusText reader = new PrometheusText();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      try {
        reader.line(line);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + number + " '" + line + "': "
            + e.getMessage(), e);
      }
    }
    return reader.families;
  }

  private void line(String line) {
    if (line.isEmpty()) return;
    if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
      String[] parts = line.substring(7).split(" ", 2);
      Family family = family(parts[0]);
      if (line.startsWith("# HELP ")) {
        require(family.help() == null, "second HELP");
        replace(new Family(family.name(), family.type(), parts.length > 1 ? parts[1] : "",
            family.samples()));
      } else {
        require(parts.length == 2 && TYPES.contains(parts[1]), "unknown type");
        require(family.type() == null && family.samples().isEmpty(), "TYPE after samples");
        replace(new Family(family.name(), parts[1], family.help(), family.samples()));
      }
    } else if (!line.startsWith("#")) {
      sample(line);
    }
  }

  private Family family(String name) {
    require(NAME.matcher(name).matches(), "bad metric name");
    if (current != null && current.name().equals(name)) return current;
    require(!closed.contains(name) && !families.containsKey(name), "family " + name
        + " interleaved with another");
    if (current != null) closed.add(current.name());
    current = new Family(name, null, null, new ArrayList<>());
    families.put(name, current);
    return current;
  }

  private void replace(Family family) {
    families.put(family.name(), family);
    current = family;
  }

  private void sample(String line) {
    Matcher name = NAME.matcher(line);
    require(name.lookingAt(), "bad metric name");
    String sampleName = name.group();
    int at = name.end();
    Map<String, String> labels = new TreeMap<>();
    if (at < line.length() && line.charAt(at) == '{') at = labels(line, at + 1, labels);
    require(at < line.length() && line.charAt(at) == ' ', "no value");
    String[] rest = line.substring(at + 1).split(" ");
    require(rest.length == 1 || rest.length == 2, "value and at most a timestamp");
    double value = value(rest[0]);
    if (rest.length == 2) Long.parseLong(rest[1]);
    Family family = owner(sampleName);
    require(series.add(sampleName + labels), "repeated series");
    family.samples().add(new Sample(sampleName, labels, value));
  }

  /** The family a sample belongs to: the current one (with a histogram/summary suffix) or its own. */
  private Family owner(String sampleName) {
    if (current != null) {
      String suffix = sampleName.startsWith(current.name())
          ? sampleName.substring(current.name().length()) : null;
      boolean distribution = "histogram".equals(current.type())
          || "summary".equals(current.type());
      if ("".equals(suffix) || distribution && Set.of("_sum", "_count", "_bucket", "_created")
          .contains(suffix)) {
        return current;
      }
    }
    return family(sampleName);
  }

  private static int labels(String line, int at, Map<String, String> labels) {
    while (line.charAt(at) != '}') {
      Matcher name = LABEL_NAME.matcher(line).region(at, line.length());
      require(name.lookingAt(), "bad label name");
      at = name.end();
      require(line.startsWith("=\"", at), "label without =\"");
      StringBuilder value = new StringBuilder();
      for (at += 2; line.charAt(at) != '"'; at++) {
        char c = line.charAt(at);
        if (c == '\\') {
          char escaped = line.charAt(++at);
          require(escaped == '\\' || escaped == '"' || escaped == 'n', "bad escape");
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      require(labels.put(name.group(), value.toString()) == null, "repeated label");
      at++;
      if (line.charAt(at) == ',') at++;
    }
    return at + 1;
  }

  private static double value(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        require(text.matches("[-+]?[0-9.eE+-]+"), "bad value");
        yield Double.parseDouble(text);
      }
    };
  }

  private static void require(boolean ok, String problem) {
    if (!ok) throw new IllegalArgumentException(problem);
  }
}
