package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tally subscription goes to the WebSocket beside the RPC URL the user gave. */
class TallyFollowerTest {
  @Test
  void theWebSocketSitsBesideTheRpcUrl() {
    assertEquals("ws://127.0.0.1:8645/ws",
        TallyFollower.webSocketUri("http://127.0.0.1:8645").toString());
    assertEquals("ws://127.0.0.1:8645/ws",
        TallyFollower.webSocketUri("http://127.0.0.1:8645/rpc").toString());
    assertEquals("wss://node.example:443/ws",
        TallyFollower.webSocketUri("https://node.example:443/rpc").toString());
  }
}
