package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.codec.FuzzContract;

/**
 * Fuzz target for the JSON-RPC body parser and envelope handling: whatever the body, the
 * dispatcher answers with a JSON-RPC response (or nothing, for notifications) and never throws.
 * The methods behind it echo their parameters or refuse by name, as real methods do.
 */
class JsonRpcDispatcherFuzzTest {
  private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(16, reason -> { });

  /** Echoes its first parameter, reads an integer as the real methods do, or is not found. */
  private static JsonNode method(String name, RpcArgs params, WorkBudget budget) {
    budget.charge(1);
    if (name.equals("echo")) return params.has(0) ? params.raw(0) : JsonViews.JSON.getNodeFactory().nullNode();
    if (name.equals("height")) return JsonViews.JSON.getNodeFactory().numberNode(params.uint(0, "height"));
    throw new RpcException(RpcException.METHOD_NOT_FOUND, "METHOD_NOT_FOUND", "no " + name);
  }

  @FuzzTest(maxDuration = "10s")
  void requestBody(byte[] input) throws Exception {
    String body = new String(input, StandardCharsets.UTF_8);
    String response = FuzzContract.decode(input.length, List.of(),
        () -> dispatcher.handle(body, JsonRpcDispatcherFuzzTest::method,
            WorkBudget.unbounded()));
    if (response == null) return;
    JsonNode parsed = JsonViews.JSON.readTree(response);
    assertTrue(parsed.isArray() || "2.0".equals(parsed.path("jsonrpc").asText()), response);
  }
}
