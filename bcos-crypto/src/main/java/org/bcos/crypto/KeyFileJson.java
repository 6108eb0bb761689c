package org.bcos.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tiny JSON subset of key files: objects whose values are strings, non-negative integers,
 * {@code true}/{@code false} or nested objects. Strings are restricted to printable ASCII without escapes, which is all a key
 * file ever contains (names, bech32m, hex, "scrypt").
 */
final class KeyFileJson {
  private final String text;
  private int pos;

  private KeyFileJson(String text) {
    this.text = text;
  }

  /** Parses one object; throws IllegalArgumentException on anything else. */
  static Map<String, Object> parse(String text) {
    KeyFileJson parser = new KeyFileJson(text);
    Map<String, Object> object = parser.object(0);
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw new IllegalArgumentException("trailing characters after the JSON object");
    }
    return object;
  }

  private Map<String, Object> object(int depth) {
    if (depth > 2) {
      throw new IllegalArgumentException("objects nested too deeply");
    }
    expect('{');
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return members;
    }
    while (true) {
      skipWhitespace();
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (members.put(key, value(depth)) != null) {
        throw new IllegalArgumentException("duplicate key " + key);
      }
      skipWhitespace();
      char next = next();
      if (next == '}') {
        return members;
      }
      if (next != ',') {
        throw new IllegalArgumentException("expected ',' or '}' at " + (pos - 1));
      }
    }
  }

  private Object value(int depth) {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '{') {
      return object(depth + 1);
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (c >= '0' && c <= '9') {
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 10) {
        pos++;
      }
      return Long.parseLong(text.substring(start, pos));
    }
    throw new IllegalArgumentException("unsupported JSON value at " + pos);
  }

  private String string() {
    expect('"');
    int start = pos;
    while (true) {
      char c = next();
      if (c == '"') {
        return text.substring(start, pos - 1);
      }
      if (c == '\\' || c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("unsupported character in string at " + (pos - 1));
      }
    }
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + (pos - 1));
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw new IllegalArgumentException("unexpected end of JSON");
    }
    return text.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Quotes a value known to be printable ASCII without quotes or backslashes. */
  static String quote(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("value cannot go in a key file: " + value);
      }
    }
    return "\"" + value + "\"";
  }
}
