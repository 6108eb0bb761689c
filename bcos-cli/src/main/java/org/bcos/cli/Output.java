package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import org.bcos.client.JsonTree;

/**
 * Printing helpers: pretty JSON for scripts, aligned "label: value" lines for people. Trees are
 * made and written without an {@code ObjectMapper} ({@link JsonTree}: ~50 ms less per call).
 */
final class Output {
  private Output() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  static void json(PrintStream out, JsonNode node) {
    out.println(JsonTree.pretty(node));
  }

  /** Prints {@code node} as pretty JSON for {@code --json}, else as "label: value" lines. */
  static void print(CommonOptions common, JsonNode node) {
    if (common.json) json(System.out, node); else human(System.out, node);
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
      String value = e.getValue().isValueNode() ? e.getValue().asText()
          : JsonTree.compact(e.getValue());
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
