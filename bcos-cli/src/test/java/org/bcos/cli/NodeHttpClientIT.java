package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.mempool.MempoolLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's plain-socket HTTP path ({@code http://} URLs, issue #10 fast start) against the
 * node's real RPC server: calls, host names, the server's refusals by HTTP status (also one sent
 * before the request was read) and a path that is no node's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeHttpClientIT {
  private static final int MAX_BODY_BYTES = 4096;
  @TempDir static Path root;
  private static InProcessNode node;

  @BeforeAll
  static void start() throws Exception {
    node = InProcessNode.start(root, c -> new NodeConfig(c.dataDir(), "127.0.0.1", 0,
        InProcessNode.BLOCK_INTERVAL_MILLIS, MempoolLimits.DEFAULT,
        new NodeConfig.RpcLimits(1_000, MAX_BODY_BYTES, 100, 1_000)).asDevChain());
  }

  @AfterAll
  static void stop() {
    if (node != null) node.close();
  }

  @Test
  void callsAnswerThroughTheSocketClientByAddressAndByHostName() {
    BcosClient byName = new BcosClient("http://localhost:" + node.port());
    assertEquals(node.chainId(), byName.chainId());
    JsonNode head = node.client().block("latest", false);
    assertEquals(head.path("hash").asText(),
        byName.block(head.path("height").asText(), false).path("hash").asText());
    RpcError notFound = assertThrows(RpcError.class,
        () -> node.client().transaction(org.bcos.types.Hash.fromHex("00".repeat(32))));
    assertEquals("NOT_FOUND", notFound.reason());
  }

  @Test
  void aRequestOverTheNodesBodyLimitGetsItsRefusalNotABrokenPipe() {
    // the node answers 413 from the request head and closes without reading the megabyte
    String big = BcosClient.request(1, "bcos_status", "x".repeat(1 << 20));
    RpcError e = assertThrows(RpcError.class, () -> node.client().callPrepared(big));
    assertEquals("HTTP_413", e.reason(), e.getMessage());
    assertTrue(node.client().height() >= 0, "the next call works");
  }

  @Test
  void aPathThatIsNoNodesIsNamedByItsHttpStatus() {
    BcosClient wrongPath = new BcosClient(node.url() + "/api");
    RpcError e = assertThrows(RpcError.class, wrongPath::status);
    assertEquals("HTTP_404", e.reason(), e.getMessage());
  }
}
