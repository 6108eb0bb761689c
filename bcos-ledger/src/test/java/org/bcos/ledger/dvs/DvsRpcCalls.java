package org.bcos.ledger.dvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.SchemaCheck;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * Calls a ledger's DVS RPC methods as the node's method table does, checking every answer
 * against its published schema, and joins paged lists.
 */
final class DvsRpcCalls {
  private final Ledger ledger;
  private final JsonNodeFactory json = JsonNodeFactory.instance;

  DvsRpcCalls(Ledger ledger) {
    this.ledger = ledger;
  }

  private RpcMethod method(String name) {
    return ledger.modules().rpcMethods(ledger).stream()
        .filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  JsonNode call(String name, Object... params) {
    return call(WorkBudget.unbounded(), name, params);
  }

  JsonNode call(WorkBudget budget, String name, Object... params) {
    List<JsonNode> nodes = new ArrayList<>();
    for (Object p : params) {
      nodes.add(p == null ? NullNode.instance : p instanceof Number n ? json.numberNode(n.longValue())
          : json.textNode(p.toString()));
    }
    RpcMethod m = method(name);
    JsonNode out = m.call(RpcArgs.of(nodes.toArray(JsonNode[]::new)), budget);
    assertEquals(List.of(), SchemaCheck.errors(m.spec().result().schema(), out), name + out);
    return out;
  }

  String reason(String name, Object... params) {
    return assertThrows(RpcException.class, () -> call(name, params)).reason();
  }

  /** Every item of a list, page by page of {@code size}, then the field {@code key} of each. */
  List<String> all(String name, String field, String key, int size, Object... fixed) {
    return allThen(name, field, key, size, List.of(), fixed);
  }

  /** As {@link #all}, with parameters that follow the cursor ({@code after}). */
  List<String> allThen(String name, String field, String key, int size, List<Object> after,
      Object... fixed) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    do {
      List<Object> params = new ArrayList<>(Arrays.asList(fixed));
      params.add(size);
      params.add(cursor);
      params.addAll(after);
      JsonNode page = call(name, params.toArray());
      page.path(field).forEach(item -> out.add(key.isEmpty() ? item.toString()
          : item.path(key).asText()));
      cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return out;
  }
}
