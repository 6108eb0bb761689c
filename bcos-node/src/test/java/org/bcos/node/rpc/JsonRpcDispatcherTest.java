package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 item 5: a request stops when its client has gone, its deadline has passed or its work
 * units are spent; the rest of a batch is not run.
 */
class JsonRpcDispatcherTest {
  private final List<String> stops = new ArrayList<>();
  private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(1_000, stops::add);
  private final AtomicInteger ran = new AtomicInteger();
  private final JsonRpcDispatcher.Methods counting = (method, params, budget) -> {
    ran.incrementAndGet();
    return JsonViews.JSON.getNodeFactory().numberNode(ran.get());
  };

  private static String batch(int calls) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < calls; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"m\"}");
    }
    return sb.append(']').toString();
  }

  @Test
  void aBatchStopsWhenItsClientDisconnects() {
    WorkBudget budget = new WorkBudget(1_000_000, 60_000, System::nanoTime,
        () -> ran.get() < 3);
    assertNull(dispatcher.handle(batch(1_000), counting, budget), "nobody to answer");
    assertEquals(3, ran.get(), "calls ran after the client had gone");
    assertEquals(List.of("CLIENT_GONE"), stops);
  }

  @Test
  void aBatchStopsAtItsDeadline() throws Exception {
    AtomicLong now = new AtomicLong();
    JsonRpcDispatcher.Methods slow = (method, params, budget) -> {
      now.addAndGet(1_000_000); // each call takes 1 ms
      return counting.call(method, params, budget);
    };
    WorkBudget budget = new WorkBudget(1_000_000, 5, now::get, () -> true);
    JsonNode out = JsonViews.JSON.readTree(dispatcher.handle(batch(100), slow, budget));
    assertEquals(100, out.size(), "every call is answered");
    assertEquals(6, ran.get());
    assertEquals("DEADLINE_EXCEEDED", out.get(99).path("error").path("data").path("reason")
        .asText());
    assertEquals(RpcException.DEADLINE_EXCEEDED, out.get(99).path("error").path("code").asInt());
    assertEquals(List.of("DEADLINE_EXCEEDED"), stops);
  }

  @Test
  void aBatchStopsWhenItsWorkUnitsAreSpent() throws Exception {
    WorkBudget budget = new WorkBudget(100, 60_000, System::nanoTime, () -> true);
    JsonNode out = JsonViews.JSON.readTree(dispatcher.handle(batch(1_000), counting, budget));
    assertEquals(100, ran.get());
    assertEquals("WORK_LIMIT_EXCEEDED", out.get(100).path("error").path("data").path("reason")
        .asText());
    assertEquals(List.of("WORK_LIMIT_EXCEEDED"), stops);
  }
}
