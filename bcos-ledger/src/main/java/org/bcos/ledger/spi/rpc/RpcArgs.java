package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import org.bcos.types.Address;
import org.bcos.types.Bech32m;
import org.bcos.types.Hash;

/**
 * The positional parameters of one JSON-RPC call, read by type and by name: the one place where a
 * parameter is range-checked, for the node's methods and the modules' alike. Every bad parameter is refused with {@code INVALID_PARAMS} and a
 * sentence naming it (e.g. "height must be an integer in 0..2^63-1"); nothing is ever wrapped,
 * truncated or rounded.
 */
public final class RpcArgs {
  /** Largest integer parameter: heights, ids and indexes are signed 64-bit on the node. */
  public static final String INTEGER_RANGE = "0..2^63-1";
  private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final ArrayNode values;

  /** The positional parameters of a call, as sent (the dispatcher has checked it is an array). */
  public RpcArgs(ArrayNode values) {
    this.values = values;
  }

  /** Arguments from values (tests, internal callers). */
  public static RpcArgs of(JsonNode... values) {
    ArrayNode a = RpcJson.MAPPER.createArrayNode();
    for (JsonNode v : values) a.add(v);
    return new RpcArgs(a);
  }

  /** How many parameters the call gave. */
  public int size() {
    return values.size();
  }

  /** Whether parameter {@code index} was given and is not {@code null}. */
  public boolean has(int index) {
    return index < values.size() && !values.get(index).isNull();
  }

  /** The raw node at {@code index}; the caller has checked {@link #has}. */
  public JsonNode raw(int index) {
    return values.get(index);
  }

  /** Refuses calls with more than {@code max} parameters (a mistyped call is not half-read). */
  public RpcArgs atMost(int max) {
    if (values.size() > max) {
      throw RpcException.invalidParams("at most " + max + " parameters, got " + values.size());
    }
    return this;
  }

  /**
   * A non-negative integer: a JSON integer or a decimal string, in 0..2^63-1. Fractions,
   * exponents, signs, hex and anything out of range are refused by name.
   */
  public long uint(int index, String name) {
    return uintValue(required(index, name), name);
  }

  /** As {@link #uint}, for a value that is not a positional parameter (a list element). */
  public static long uintValue(JsonNode v, String name) {
    BigInteger value = null;
    if (v.isIntegralNumber()) {
      value = v.bigIntegerValue();
    } else if (v.isTextual() && v.asText().matches("[0-9]{1,30}")) {
      value = new BigInteger(v.asText());
    }
    if (value == null || value.signum() < 0 || value.compareTo(MAX) > 0) {
      throw RpcException.invalidParams(name + " must be an integer in " + INTEGER_RANGE);
    }
    return value.longValueExact();
  }

  /** An optional boolean, {@code fallback} when absent; anything but true/false is refused. */
  public boolean flag(int index, String name, boolean fallback) {
    if (!has(index)) return fallback;
    JsonNode v = values.get(index);
    if (!v.isBoolean()) throw RpcException.invalidParams(name + " must be true or false");
    return v.booleanValue();
  }

  /** A required string parameter. */
  public String text(int index, String name) {
    return textValue(required(index, name), name);
  }

  /** As {@link #text}, for a value that is not a positional parameter (a list element). */
  public static String textValue(JsonNode v, String name) {
    if (!v.isTextual()) throw RpcException.invalidParams(name + " must be a string");
    return v.asText();
  }

  /** A required bech32m account address ({@code dd1…}). */
  public Address address(int index, String name) {
    try {
      return Address.parse(text(index, name));
    } catch (Bech32m.Bech32mException e) {
      throw RpcException.invalidParams(name + " is not a valid address: " + e.getMessage());
    }
  }

  /** A required hash: 64 hex digits. */
  public Hash hash(int index, String name) {
    return hashValue(required(index, name), name);
  }

  /** As {@link #hash}, for a value that is not a positional parameter (a list element). */
  public static Hash hashValue(JsonNode v, String name) {
    try {
      return Hash.fromHex(textValue(v, name));
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(name + " must be 64 hex digits: " + e.getMessage());
    }
  }

  /** A JSON array of at most {@code maxSize} elements (over it: {@code LIMIT_EXCEEDED}). */
  public ArrayNode array(int index, String name, int maxSize) {
    JsonNode v = required(index, name);
    if (!v.isArray()) throw RpcException.invalidParams(name + " must be an array");
    if (v.size() > maxSize) {
      throw RpcException.limit(name + " holds " + v.size() + " elements; at most " + maxSize);
    }
    return (ArrayNode) v;
  }

  private JsonNode required(int index, String name) {
    if (!has(index)) {
      throw RpcException.invalidParams("missing parameter " + index + ": " + name);
    }
    return values.get(index);
  }
}
