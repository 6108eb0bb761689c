package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.types.Amount;

/**
 * The one Jackson mapper of the API, and the JSON conventions every method shares: amounts are
 * exact DDC strings plus base units under {@code …Units} (a string, so no JSON parser rounds it).
 */
public final class RpcJson {
  /** Shared and thread-safe once configured (it is never reconfigured). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private RpcJson() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Puts {@code field} as an exact DDC string and {@code fieldUnits} as base units. */
  public static void amount(ObjectNode node, String field, long units) {
    node.put(field, Amount.format(units));
    node.put(field + "Units", Long.toString(units));
  }
}
