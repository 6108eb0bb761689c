package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Schema (draft 7, as OpenRPC 1.2 uses) pieces for the API's shapes, so every method
 * describes an address, a hash, an amount or an integer parameter the same way. Each call returns
 * a new node.
 */
public final class JsonSchemas {
  private JsonSchemas() {}

  /**
   * An integer parameter as {@link RpcArgs#uint} reads it: a JSON integer or a decimal string,
   * in 0..2^63-1.
   */
  public static ObjectNode uintParam() {
    ObjectNode n = RpcJson.object();
    ArrayNode oneOf = n.putArray("oneOf");
    oneOf.add(uint());
    oneOf.addObject().put("type", "string").put("pattern", "^[0-9]{1,30}$");
    return n;
  }

  /** A non-negative JSON integer (below 2^63). */
  public static ObjectNode uint() {
    return type("integer").put("minimum", 0).put("maximum", Long.MAX_VALUE);
  }

  public static ObjectNode integer() {
    return type("integer");
  }

  public static ObjectNode string() {
    return type("string");
  }

  public static ObjectNode bool() {
    return type("boolean");
  }

  /** A bech32m account address ({@code dd1…}). */
  public static ObjectNode address() {
    return string().put("pattern", "^dd1[02-9ac-hj-np-z]+$");
  }

  /** A SHA-256 hash: 64 hex digits. */
  public static ObjectNode hash() {
    return string().put("pattern", "^(0x)?[0-9a-fA-F]{64}$");
  }

  /** Bytes as hex digits. */
  public static ObjectNode hex() {
    return string().put("pattern", "^[0-9a-fA-F]*$");
  }

  /** An exact DDC decimal string ({@code "1250.5"}); see {@link RpcJson#amount}. */
  public static ObjectNode amount() {
    return string().put("pattern", "^[0-9]+(\\.[0-9]{1,8})?$");
  }

  /** Base units as a decimal string (no JSON parser rounds it). */
  public static ObjectNode units() {
    return string().put("pattern", "^[0-9]+$");
  }

  /** One of the given strings. */
  public static ObjectNode oneOfText(String... values) {
    ObjectNode n = string();
    ArrayNode e = n.putArray("enum");
    for (String v : values) e.add(v);
    return n;
  }

  /** Any one of the given schemas. */
  public static ObjectNode anyOf(JsonNode... schemas) {
    ObjectNode n = RpcJson.object();
    ArrayNode any = n.putArray("oneOf");
    for (JsonNode s : schemas) any.add(s.deepCopy());
    return n;
  }

  public static ObjectNode array(JsonNode items) {
    ObjectNode n = type("array");
    n.set("items", items.deepCopy());
    return n;
  }

  /** An array of at most {@code maxItems} elements. */
  public static ObjectNode array(JsonNode items, int maxItems) {
    return array(items).put("maxItems", maxItems);
  }

  /** A new object schema, built field by field. */
  public static ObjectSchema object() {
    return new ObjectSchema();
  }

  /** Adds {@code description} to a copy of {@code schema}. */
  public static ObjectNode described(JsonNode schema, String description) {
    return ((ObjectNode) schema.deepCopy()).put("description", description);
  }

  private static ObjectNode type(String type) {
    return RpcJson.object().put("type", type);
  }

  /** Builds an object schema: fields always present, fields sometimes present. */
  public static final class ObjectSchema {
    private final ObjectNode node = type("object");
    private final ObjectNode properties = node.putObject("properties");
    private final ArrayNode required = node.putArray("required");

    private ObjectSchema() {}

    /** A field every answer has. */
    public ObjectSchema field(String name, JsonNode schema) {
      properties.set(name, schema.deepCopy());
      required.add(name);
      return this;
    }

    /** An amount: {@code name} (DDC) and {@code nameUnits} (base units), as one writes them. */
    public ObjectSchema amountField(String name) {
      return field(name, amount()).field(name + "Units", units());
    }

    /** A field only some answers have (the description says when). */
    public ObjectSchema optional(String name, JsonNode schema) {
      properties.set(name, schema.deepCopy());
      return this;
    }

    /** Fields of another object schema, as they are there (shapes that extend another). */
    public ObjectSchema fieldsOf(ObjectNode other) {
      other.path("properties").properties().forEach(e -> properties.set(e.getKey(),
          e.getValue().deepCopy()));
      other.path("required").forEach(required::add);
      return this;
    }

    public ObjectNode build() {
      return node.deepCopy();
    }
  }
}
