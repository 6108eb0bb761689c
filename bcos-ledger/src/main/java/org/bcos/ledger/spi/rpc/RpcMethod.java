package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON-RPC method: what it is (its {@link RpcMethodSpec}, from which the OpenRPC document is
 * generated) and what it does. One class per method, registered by name in the node's method
 * table; ledger modules contribute their own query methods through this interface.
 *
 * <p>The table checks the number of parameters against {@link RpcMethodSpec#params()} and charges
 * {@link RpcCosts#CALL} before {@link #call}; the method reads its arguments through
 * {@link RpcArgs} (every bad one is {@code INVALID_PARAMS} by name) and charges {@code budget}
 * for any further work as it goes.
 */
public interface RpcMethod {
  /** The method's description: name, parameters, result and the errors it names. */
  RpcMethodSpec spec();

  /**
   * Runs one call. Expected failures are {@link RpcException}s with a stable reason; anything else
   * is a bug, answered {@code INTERNAL_ERROR}.
   */
  JsonNode call(RpcArgs args, WorkBudget budget);

  /** The method's name, as clients call it. */
  default String name() {
    return spec().name();
  }
}
