package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import org.bcos.ledger.block.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 item 5: a transaction lookup reads one index entry (not its block), a request's work
 * is bounded, and a request stops once its client has gone.
 */
class RpcWorkTest {
  private RpcTestNode node;

  @AfterEach
  void stop() {
    if (node != null) node.close();
  }

  private static String batch(String method, String params, int calls) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < calls; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i).append(",\"method\":\"").append(method)
          .append("\",\"params\":").append(params.replace("$i", Integer.toString(i))).append('}');
    }
    return sb.append(']').toString();
  }

  private RawHttp.Response post(String body) throws Exception {
    return RawHttp.exchange(node.port, "POST", "/rpc", "127.0.0.1:" + node.port, null,
        "application/json", body);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Prints the CPU figure of issue #8 (a 1,000-lookup batch into one full block). */
  @Test
  void aBatchOfLookupsIsAnsweredFromTheIndex() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    Block block = node.commitTransfers(2_000);
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 1_000; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
          .append(",\"method\":\"bcos_getTransaction\",\"params\":[\"")
          .append(block.transactions().get(i * 2).hash().toHex()).append("\"]}");
    }
    sb.append(']');
    post(sb.toString()); // warm-up
    long cpu = processCpuNanos();
    RawHttp.Response r = post(sb.toString());
    long batchCpuMillis = (processCpuNanos() - cpu) / 1_000_000;
    JsonNode out = JsonViews.JSON.readTree(r.body());
    assertEquals(1_000, out.size(), r.body());
    assertEquals(block.hash().toHex(), out.get(999).path("result").path("blockHash").asText());
    assertEquals(1_998, out.get(999).path("result").path("index").asInt());
    long decodeCpu = threadCpu(() -> {
      for (int i = 0; i < 1_000; i++) node.ledger.block(1).orElseThrow(); // the old lookup path
    });
    long indexCpu = threadCpu(() -> {
      for (int i = 0; i < 1_000; i++) {
        node.ledger.finalTransaction(block.transactions().get(i).hash()).orElseThrow();
      }
    });
    System.out.printf("1,000 lookups into a 2,000-tx block (%d bytes): RPC batch %d ms CPU "
        + "(%d bytes of request); 1,000 block decodes (old path) %d ms, 1,000 index reads %d ms%n",
        block.encode().length, batchCpuMillis, sb.length(), decodeCpu / 1_000_000,
        indexCpu / 1_000_000);
  }

  private static long threadCpu(Runnable work) {
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    work.run();
    return threads.getCurrentThreadCpuTime() - start;
  }

  @Test
  void aDisconnectedClientsBatchStops() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.maxRequestWorkUnits = 1L << 40;
    limits.requestTimeoutMillis = 600_000;
    node = new RpcTestNode(limits);
    node.commitTransfers(2_000);
    try (RawHttp client = new RawHttp(node.port)) {
      client.send(RawHttp.request("POST", "/rpc", "127.0.0.1:" + node.port, null,
          "application/json", batch("bcos_getBlock", "[1, true]", 1_000), false));
      Thread.sleep(100);
    }
    RpcServerMetrics m = node.server.serverMetrics();
    long end = System.currentTimeMillis() + 60_000;
    while (m.count(RpcRefusal.CLIENT_GONE) == 0 && System.currentTimeMillis() < end) {
      Thread.sleep(10);
    }
    assertEquals(1, m.count(RpcRefusal.CLIENT_GONE));
    long calls = rpcCalls();
    assertTrue(calls < 1_000, calls + " calls ran for a client that had gone");
    System.out.printf("client gone: %d of 1,000 full-block calls ran%n", calls);
  }

  private long rpcCalls() {
    for (String line : node.metrics.text().split("\n")) {
      if (line.startsWith("bcos_rpc_requests_total ")) {
        return (long) Double.parseDouble(line.substring(24));
      }
    }
    throw new AssertionError("no bcos_rpc_requests_total");
  }

  @Test
  void aRequestsWorkIsBoundedByItsBudget() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.maxRequestWorkUnits = 10_000;
    node = new RpcTestNode(limits);
    node.commitTransfers(2_000);
    JsonNode out = JsonViews.JSON.readTree(post(batch("bcos_getBlock", "[1, true]", 20)).body());
    assertEquals(20, out.size());
    assertEquals(1, out.get(0).path("result").path("height").asInt());
    assertEquals("WORK_LIMIT_EXCEEDED", out.get(19).path("error").path("data").path("reason")
        .asText());
    assertTrue(rpcCalls() <= 6, rpcCalls() + " calls ran on a budget of five blocks");
    assertEquals(1, node.server.serverMetrics().count(RpcRefusal.WORK_LIMIT_EXCEEDED));
  }
}
