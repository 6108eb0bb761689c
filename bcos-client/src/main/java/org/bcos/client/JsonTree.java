package org.bcos.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * JSON trees read and written with Jackson's streaming core only. Building an {@code ObjectMapper}
 * costs a short CLI call ~50 ms of CPU (hundreds of databind classes initialised); the trees the
 * client and the CLI handle need none of it. The text is the one an {@code ObjectMapper} gives
 * ({@code readTree}, {@code toString}, {@code writerWithDefaultPrettyPrinter}): the same node
 * types are made and the same generator writes them. Values a tree cannot hold directly (a POJO)
 * still go through an {@code ObjectMapper}, made on first need.
 */
public final class JsonTree {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {}

  /** The one JSON value in {@code json}; trailing content is an error, no content a missing node. */
  public static JsonNode parse(byte[] json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return parseAll(parser);
    }
  }

  /** The one JSON value in {@code json} (see {@link #parse(byte[])}). */
  public static JsonNode parse(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return parseAll(parser);
    }
  }

  private static JsonNode parseAll(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) return MissingNode.getInstance();
    JsonNode value = value(parser, first);
    if (parser.nextToken() != null) {
      throw new JsonParseException(parser, "content after the JSON value");
    }
    return value;
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
          String name = parser.currentName();
          object.set(name, value(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(value(parser, t));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new JsonParseException(parser, "unexpected " + token);
    };
  }

  /** {@code node} as compact JSON (as {@code JsonNode.toString()}). */
  public static String compact(JsonNode node) {
    return write(node, false);
  }

  /** {@code node} as indented JSON (as {@code writerWithDefaultPrettyPrinter()}). */
  public static String pretty(JsonNode node) {
    return write(node, true);
  }

  private static String write(JsonNode node, boolean pretty) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      if (pretty) generator.useDefaultPrettyPrinter();
      write(generator, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);  // a StringWriter does not fail
    }
    return text.toString();
  }

  private static void write(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          out.writeFieldName(field.getKey());
          write(out, field.getValue());
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode element : node) write(out, element);
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case NUMBER -> writeNumber(out, node);
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NULL -> out.writeNull();
      default -> out.writeTree(Databind.MAPPER.valueToTree(node));  // POJO, binary: databind
    }
  }

  private static void writeNumber(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.numberType()) {
      case INT -> out.writeNumber(node.intValue());
      case LONG -> out.writeNumber(node.longValue());
      case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
      case FLOAT -> out.writeNumber(node.floatValue());
      case DOUBLE -> out.writeNumber(node.doubleValue());
      case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
    }
  }

  /**
   * {@code value} as a tree, as {@code ObjectMapper.valueToTree} makes it: text, numbers,
   * booleans, null, trees, arrays, lists and string-keyed maps here; anything else by databind.
   */
  public static JsonNode toTree(Object value) {
    return switch (value) {
      case null -> NODES.nullNode();
      case JsonNode node -> node;
      case String text -> NODES.textNode(text);
      case Integer n -> NODES.numberNode(n);
      case Long n -> NODES.numberNode(n);
      case Boolean b -> NODES.booleanNode(b);
      case BigInteger n -> NODES.numberNode(n);
      case BigDecimal n -> NODES.numberNode(n);
      case Object[] array -> {
        ArrayNode node = NODES.arrayNode();
        for (Object element : array) node.add(toTree(element));
        yield node;
      }
      case List<?> list -> {
        ArrayNode node = NODES.arrayNode();
        for (Object element : list) node.add(toTree(element));
        yield node;
      }
      default -> Databind.MAPPER.valueToTree(value);
    };
  }

  /** The databind mapper, made only when a value needs it. */
  private static final class Databind {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
