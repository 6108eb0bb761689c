package org.bcos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;

/** Printing helpers: pretty JSON for scripts, aligned "label: value" lines for people. */
final class Output {
  static final ObjectMapper JSON = new ObjectMapper();

  private Output() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static void json(PrintStream out, JsonNode node) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Prints each field of a flat object as "label: value" (epoch-ms times as ISO-8601); nested
   * values as compact JSON.
   */
  static void human(PrintStream out, JsonNode node) {
    int width = 0;
    for (var it = node.fieldNames(); it.hasNext(); ) width = Math.max(width, it.next().length());
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().endsWith("Units")) continue;
      String value = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
      String label = e.getKey();
      if (isTime(label, e.getValue())) {
        value = Instant.ofEpochMilli(e.getValue().asLong()).toString();
      }
      out.println(label + ":" + " ".repeat(width - label.length() + 1) + value
          + (isAmount(node, label) ? " DDC" : ""));
    }
  }

  /** Epoch-millisecond fields ({@code timeMillis}, {@code …TimeMillis}) read as ISO-8601. */
  private static boolean isTime(String field, JsonNode value) {
    return (field.equals("timeMillis") || field.endsWith("TimeMillis")) && value.isIntegralNumber();
  }

  private static boolean isAmount(JsonNode node, String field) {
    return node.has(field + "Units");
  }
}
