package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 item 3: connections are capped (total, per IP, descriptor reserve), slow heads, slow
 * bodies and idle connections time out, and request bytes are bounded per request and in total.
 */
class RpcConnectionLimitsTest {
  private RpcTestNode node;
  private final List<RawHttp> sockets = new ArrayList<>();

  @AfterEach
  void stop() {
    if (node != null) node.close();
  }

  private RawHttp open() throws Exception {
    RawHttp s = node.connect(0);
    sockets.add(s);
    return s;
  }

  private String host() {
    return "127.0.0.1:" + node.port;
  }

  private RawHttp.Response health() throws Exception {
    return RawHttp.exchange(node.port, "GET", "/health", host(), null, null, "");
  }

  /** A POST whose head promises {@code length} bytes, of which {@code sent} are sent. */
  private RawHttp unfinishedPost(int length, int sent) throws Exception {
    RawHttp s = open();
    s.send("POST /rpc HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + length + "\r\n\r\n");
    if (sent > 0) s.send(new byte[sent]);
    return s;
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long end = System.currentTimeMillis() + 5_000;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < end, "condition not reached in 5 s");
      Thread.sleep(10);
    }
  }

  @Test
  void idleConnectionsAtTheCapMakeRoomAndHealthStillAnswers() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.maxConnections = 20;
    limits.maxConnectionsPerIp = 20;
    node = new RpcTestNode(limits);
    for (int i = 0; i < 60; i++) open();
    await(() -> node.server.openConnections() == 20);
    for (int i = 0; i < 10; i++) assertEquals(200, health().status());
    assertTrue(node.server.openConnections() <= 20);
    assertTrue(node.server.serverMetrics().count(RpcRefusal.EVICTED_IDLE) >= 40);
    int closed = 0;
    for (RawHttp s : sockets) if (s.closedWithin(50)) closed++;
    assertTrue(closed >= 40, "the server kept " + (60 - closed) + " idle sockets");
  }

  @Test
  void busyConnectionsAtTheCapRefuseNewOnesByName() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.maxConnections = 6;
    limits.maxConnectionsPerIp = 4;
    node = new RpcTestNode(limits);
    for (int i = 0; i < 4; i++) unfinishedPost(1_000, 10);
    await(() -> node.server.openConnections() == 4);
    RawHttp.Response perIp = health();
    assertEquals(503, perIp.status());
    assertTrue(perIp.body().contains("TOO_MANY_CONNECTIONS_FROM_IP"), perIp.body());
    assertEquals(1, node.server.serverMetrics().count(RpcRefusal.TOO_MANY_CONNECTIONS_FROM_IP));
  }

  @Test
  void connectionsAreRefusedWhenTheProcessNearsItsDescriptorLimit() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.reservedFileDescriptors = 100;
    long[] free = {1_000};
    node = new RpcTestNode(limits, open -> free[0]);
    assertEquals(200, health().status());
    // one connection at a time, so the oldest idle one is `idle` whatever the event loops do
    await(() -> node.server.openConnections() == 0);
    RawHttp idle = open();
    await(() -> node.server.openConnections() == 1);
    unfinishedPost(1_000, 10); // busy: it cannot make room
    await(() -> node.server.openConnections() == 2);
    free[0] = 99;
    assertEquals(200, health().status(), "an idle connection makes room");
    assertTrue(idle.closedWithin(3_000));
    RawHttp.Response r = health();
    assertEquals(503, r.status());
    assertTrue(r.body().contains("FD_RESERVE"), r.body());
    assertEquals(1, node.server.serverMetrics().count(RpcRefusal.FD_RESERVE));
  }

  @Test
  void slowHeadsIdleConnectionsAndSlowBodiesAreClosed() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.headerTimeoutMillis = 300;
    limits.idleTimeoutMillis = 300;
    limits.bodyTimeoutMillis = 300;
    node = new RpcTestNode(limits);
    RawHttp silent = open();
    RawHttp slowloris = open();
    slowloris.send("GET /health HTTP/1.1\r\n");
    for (int i = 0; i < 3; i++) {
      Thread.sleep(100);
      slowloris.send("X-Slow: " + i + "\r\n");
    }
    assertTrue(silent.closedWithin(3_000), "a silent connection was kept");
    assertTrue(slowloris.closedWithin(3_000), "a slow head was kept");
    RawHttp slowBody = unfinishedPost(1_000, 100);
    RawHttp.Response timedOut = slowBody.readResponse();
    assertEquals(408, timedOut.status());
    assertTrue(timedOut.body().contains("BODY_TIMEOUT"));
    RawHttp keptAlive = open();
    keptAlive.send(RawHttp.request("GET", "/health", host(), null, null, "", false));
    assertEquals(200, keptAlive.readResponse().status());
    assertTrue(keptAlive.closedWithin(3_000), "an idle kept-alive connection was kept");
    RpcServerMetrics m = node.server.serverMetrics();
    assertEquals(2, m.count(RpcRefusal.HEADER_TIMEOUT));
    assertEquals(1, m.count(RpcRefusal.BODY_TIMEOUT));
    assertEquals(1, m.count(RpcRefusal.IDLE_TIMEOUT));
    assertEquals(0, m.bufferedBytes.get());
  }

  @Test
  void aFailedWebSocketHandshakeDoesNotHoldItsConnection() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.idleTimeoutMillis = 300;
    limits.requestTimeoutMillis = 100;
    node = new RpcTestNode(limits);
    for (String head : List.of("GET /ws HTTP/1.1\r\nHost: " + host() + "\r\n\r\n",
        RawHttp.upgrade(host(), null).replace("Version: 13", "Version: 99"),
        RawHttp.upgrade(host(), null).replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
            ""))) {
      RawHttp notUpgraded = open();
      notUpgraded.send(head);
      assertTrue(notUpgraded.closedWithin(3_000), "held after a failed upgrade: " + head);
    }
  }

  @Test
  void bufferedRequestBytesAreBoundedInTotalAndReleased() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.maxBodyBytes = 64 << 10;
    limits.maxBufferedBytes = 256 << 10;
    node = new RpcTestNode(limits);
    List<RawHttp> holders = new ArrayList<>();
    for (int i = 0; i < 10; i++) holders.add(unfinishedPost(60_000, 50_000));
    RpcServerMetrics m = node.server.serverMetrics();
    await(() -> m.count(RpcRefusal.RPC_BUFFERS_FULL) >= 5);
    assertTrue(m.bufferedBytes.get() <= limits.maxBufferedBytes,
        "held " + m.bufferedBytes.get());
    int refused = 0;
    for (RawHttp h : holders) {
      if (h.closedWithin(100)) refused++;
    }
    assertTrue(refused >= 5, "refused " + refused);
    for (RawHttp h : holders) h.close();
    await(() -> m.bufferedBytes.get() == 0);
    RawHttp tooLarge = unfinishedPost(65 << 10, 0);
    RawHttp.Response r = tooLarge.readResponse();
    assertEquals(413, r.status());
    assertTrue(r.body().contains("BODY_TOO_LARGE"));
    assertFalse(m.count(RpcRefusal.BODY_TOO_LARGE) == 0);
  }

  @Test
  void aKeptAliveConnectionServesRequestsBackToBack() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    RawHttp client = open();
    String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bcos_chainId\"}";
    for (int i = 0; i < 500; i++) {
      client.send(RawHttp.request("POST", "/rpc", host(), null, "application/json", call, false));
      RawHttp.Response r = client.readResponse();
      assertEquals(200, r.status(), "request " + i + ": " + r.body());
    }
    assertEquals(0, node.server.serverMetrics().count(RpcRefusal.PIPELINED_REQUEST));
  }

  @Test
  void refusalsAreCountedAtMetrics() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    RawHttp.exchange(node.port, "POST", "/rpc", host(), null, "text/plain", "{}");
    RawHttp.Response metrics = RawHttp.exchange(node.port, "GET", "/metrics", host(), null,
        null, "");
    assertTrue(metrics.body().contains(
        "bcos_rpc_requests_refused_total{reason=\"UNSUPPORTED_CONTENT_TYPE\"} 1"),
        metrics.body());
    assertTrue(metrics.body().contains("bcos_rpc_connections_refused_total{reason=\"FD_RESERVE\"} 0"));
    assertTrue(metrics.body().contains("bcos_rpc_buffered_bytes 0"));
  }
}
