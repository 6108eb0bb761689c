package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bcos.ledger.block.Block;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 item 3, WebSocket side: connections per IP, message size and each subscriber's
 * outbound queue are bounded; a subscriber that does not read is dropped by name.
 */
class WebSocketLimitsTest {
  private RpcTestNode node;

  @AfterEach
  void stop() {
    if (node != null) node.close();
  }

  private RawHttp webSocket(int receiveBufferBytes) throws Exception {
    RawHttp ws = node.connect(receiveBufferBytes);
    ws.send(RawHttp.upgrade("127.0.0.1:" + node.port, null));
    assertEquals(101, ws.readResponse().status());
    return ws;
  }

  private static String call(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
        + params + "}";
  }

  @Test
  void callsAndSubscriptionsAreServed() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    RawHttp ws = webSocket(0);
    ws.send(RawHttp.textFrame(call(1, "bcos_chainId", "[]")));
    assertTrue(ws.readFrame().text().contains(RpcTestNode.CHAIN));
    ws.send(RawHttp.textFrame(call(2, "bcos_subscribe", "[\"newBlocks\"]")));
    assertTrue(ws.readFrame().text().contains("\"result\":\"0x"));
    ws.send(RawHttp.textFrame(call(3, "bcos_subscribe", "[\"dvsTally\", 18446744073709551617]")));
    assertTrue(ws.readFrame().text().contains("issue id must be an integer in 0..2^63-1"));
  }

  @Test
  void webSocketsPerAddressAreCappedByName() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.maxWsConnectionsPerIp = 2;
    node = new RpcTestNode(limits);
    webSocket(0);
    webSocket(0);
    RawHttp third = webSocket(0);
    RawHttp.Frame close = third.readFrame();
    assertEquals(8, close.opcode());
    assertEquals("TOO_MANY_WS_CONNECTIONS_FROM_IP", close.closeReason());
    assertEquals(1, node.server.serverMetrics()
        .count(RpcRefusal.TOO_MANY_WS_CONNECTIONS_FROM_IP));
  }

  @Test
  void anOversizedMessageClosesTheWebSocket() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.wsMaxFrameBytes = 1_024;
    node = new RpcTestNode(limits);
    RawHttp ws = webSocket(0);
    ws.send(RawHttp.textFrame(call(1, "bcos_chainId", "[\"" + "x".repeat(2_000) + "\"]")));
    assertTrue(ws.closedWithin(3_000));
  }

  @Test
  void aSubscriberThatDoesNotReadIsDroppedAsASlowConsumer() throws Exception {
    RpcTestNode.Limits limits = new RpcTestNode.Limits();
    limits.wsMaxQueuedBytes = 64 << 10;
    node = new RpcTestNode(limits);
    RawHttp ws = webSocket(4_096);
    ws.send(RawHttp.textFrame(call(1, "bcos_subscribe", "[\"newBlocks\"]")));
    assertTrue(ws.readFrame().text().contains("\"result\""));
    Block head = node.ledger.head();
    RpcServerMetrics m = node.server.serverMetrics();
    for (int i = 0; i < 200_000 && m.count(RpcRefusal.SLOW_CONSUMER) == 0; i++) {
      node.server.onBlock(head);
      if (i % 50 == 49) Thread.sleep(5); // blocks are notified on their own thread
    }
    assertEquals(1, m.count(RpcRefusal.SLOW_CONSUMER));
    assertTrue(ws.closedWithin(5_000));
  }
}
