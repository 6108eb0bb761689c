package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 item 6: a web page may not drive the node. Host must be a configured name (DNS
 * rebinding), Origin must be the node's own or a configured one, POST /rpc must be JSON.
 */
class RpcAccessTest {
  private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bcos_chainId\"}";
  private RpcTestNode node;

  @AfterEach
  void stop() {
    if (node != null) node.close();
  }

  private RpcTestNode start(RpcTestNode.Limits limits) throws Exception {
    node = new RpcTestNode(limits);
    return node;
  }

  private String self() {
    return "127.0.0.1:" + node.port;
  }

  private RawHttp.Response post(String host, String origin, String type) throws Exception {
    return RawHttp.exchange(node.port, "POST", "/rpc", host, origin, type, CALL);
  }

  private static void assertRefused(int status, String reason, RawHttp.Response r) {
    assertEquals(status, r.status(), r.head() + r.body());
    assertTrue(r.body().contains("\"reason\":\"" + reason + "\""), r.body());
  }

  @Test
  void webSocketUpgradeFromAForeignOriginIsRefused() throws Exception {
    start(new RpcTestNode.Limits());
    for (String origin : List.of("http://evil.example", "null")) {
      try (RawHttp ws = new RawHttp(node.port)) {
        ws.send(RawHttp.upgrade(self(), origin));
        assertRefused(403, "ORIGIN_NOT_ALLOWED", ws.readResponse());
      }
    }
    try (RawHttp ws = new RawHttp(node.port)) {
      ws.send(RawHttp.upgrade(self(), "http://" + self()));
      assertEquals(101, ws.readResponse().status(), "the node's own origin upgrades");
    }
    try (RawHttp ws = new RawHttp(node.port)) {
      ws.send(RawHttp.upgrade(self(), null));
      assertEquals(101, ws.readResponse().status(), "a client without Origin is no web page");
    }
    assertEquals(2, node.server.serverMetrics().count(RpcRefusal.ORIGIN_NOT_ALLOWED));
  }

  @Test
  void crossSitePostsAreRefusedAndSameOriginOnesServed() throws Exception {
    start(new RpcTestNode.Limits());
    assertRefused(403, "ORIGIN_NOT_ALLOWED", post(self(), "http://evil.example",
        "application/json"));
    assertRefused(415, "UNSUPPORTED_CONTENT_TYPE", post(self(), null, "text/plain"));
    assertRefused(415, "UNSUPPORTED_CONTENT_TYPE", post(self(), null, null));
    assertRefused(415, "UNSUPPORTED_CONTENT_TYPE",
        post(self(), null, "application/x-www-form-urlencoded"));
    RawHttp.Response own = post(self(), "http://" + self(), "application/json; charset=utf-8");
    assertEquals(200, own.status(), own.body());
    assertTrue(own.body().contains(RpcTestNode.CHAIN));
    assertNull(own.header("Access-Control-Allow-Origin"), "same origin needs no CORS");
  }

  @Test
  void foreignHostNamesAreRefusedAgainstDnsRebinding() throws Exception {
    start(new RpcTestNode.Limits());
    assertRefused(403, "HOST_NOT_ALLOWED", post("evil.example:" + node.port,
        "http://evil.example:" + node.port, "application/json"));
    assertRefused(403, "HOST_NOT_ALLOWED", RawHttp.exchange(node.port, "GET", "/health",
        "rebind.attacker.example", null, null, ""));
    assertRefused(403, "HOST_NOT_ALLOWED", RawHttp.exchange(node.port, "GET", "/metrics",
        null, null, null, ""));
    for (String host : List.of("localhost:" + node.port, "127.0.0.1:" + node.port,
        "[::1]:" + node.port)) {
      assertEquals(200, post(host, null, "application/json").status(), host);
    }
    assertEquals(3, node.server.serverMetrics().count(RpcRefusal.HOST_NOT_ALLOWED));
  }

  @Test
  void configuredOriginsAndHostsAreServedWithCors() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.allowedHosts = List.of("api.example.org");
    limits.allowedOrigins = List.of("https://wallet.example.org");
    start(limits);
    RawHttp.Response ok = post("api.example.org", "https://wallet.example.org",
        "application/json");
    assertEquals(200, ok.status(), ok.body());
    assertEquals("https://wallet.example.org", ok.header("Access-Control-Allow-Origin"));
    RawHttp.Response preflight = RawHttp.exchange(node.port, "OPTIONS", "/rpc",
        "api.example.org", "https://wallet.example.org", null, "");
    assertEquals(204, preflight.status());
    assertEquals("https://wallet.example.org", preflight.header("Access-Control-Allow-Origin"));
    assertRefused(403, "HOST_NOT_ALLOWED", post("localhost:" + node.port, null,
        "application/json"));
    assertEquals(200, post(self(), null, "application/json").status(),
        "the address the node binds stays allowed");
    assertRefused(403, "ORIGIN_NOT_ALLOWED", post("api.example.org", "https://evil.example",
        "application/json"));
  }

  @Test
  void aStarAllowsEveryHostAndOrigin() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.allowedHosts = List.of("*");
    limits.allowedOrigins = List.of("*");
    start(limits);
    assertEquals(200, post("anything.example", "null", "application/json").status());
    assertRefused(415, "UNSUPPORTED_CONTENT_TYPE", post("anything.example", null, "text/plain"));
  }
}
