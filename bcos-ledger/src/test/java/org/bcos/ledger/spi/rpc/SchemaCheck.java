package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against the subset of JSON Schema the API's specs use (type, properties,
 * required, items, maxItems, oneOf, enum, pattern, minimum, maximum), strictly: a property the
 * schema does not declare is an error, so a schema that forgets a field a method returns fails.
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  /** The places where {@code value} departs from {@code schema}; empty when it conforms. */
  public static List<String> errors(JsonNode schema, JsonNode value) {
    List<String> errors = new ArrayList<>();
    check(schema, value, "$", errors);
    return errors;
  }

  private static void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
    if (schema.has("oneOf")) {
      int matches = 0;
      for (JsonNode alternative : schema.get("oneOf")) {
        if (errors(alternative, value).isEmpty()) matches++;
      }
      if (matches != 1) errors.add(at + ": matches " + matches + " of oneOf: " + value);
      return;
    }
    if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
      errors.add(at + ": not " + schema.get("type").asText() + ": " + value);
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      errors.add(at + ": not one of " + schema.get("enum") + ": " + value);
    }
    if (schema.has("pattern")
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      errors.add(at + ": does not match " + schema.get("pattern").asText() + ": " + value);
    }
    bounds(schema, value, at, errors);
    if (value.isObject()) object(schema, value, at, errors);
    if (value.isArray()) array(schema, value, at, errors);
  }

  private static void bounds(JsonNode schema, JsonNode value, String at, List<String> errors) {
    if (!value.isIntegralNumber()) return;
    BigInteger v = value.bigIntegerValue();
    if (schema.has("minimum") && v.compareTo(schema.get("minimum").bigIntegerValue()) < 0) {
      errors.add(at + ": below " + schema.get("minimum") + ": " + value);
    }
    if (schema.has("maximum") && v.compareTo(schema.get("maximum").bigIntegerValue()) > 0) {
      errors.add(at + ": above " + schema.get("maximum") + ": " + value);
    }
  }

  private static void object(JsonNode schema, JsonNode value, String at, List<String> errors) {
    JsonNode properties = schema.path("properties");
    for (JsonNode name : schema.path("required")) {
      if (!value.has(name.asText())) errors.add(at + ": missing " + name.asText());
    }
    value.properties().forEach(e -> {
      if (!properties.has(e.getKey())) {
        errors.add(at + ": undeclared property " + e.getKey());
      } else {
        check(properties.get(e.getKey()), e.getValue(), at + "." + e.getKey(), errors);
      }
    });
  }

  private static void array(JsonNode schema, JsonNode value, String at, List<String> errors) {
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      errors.add(at + ": more than " + schema.get("maxItems") + " items");
    }
    if (!schema.has("items")) return;
    for (int i = 0; i < value.size(); i++) {
      check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "boolean" -> value.isBoolean();
      default -> throw new IllegalArgumentException("schema type not checked here: " + type);
    };
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode v : values) {
      if (v.equals(value)) return true;
    }
    return false;
  }
}
