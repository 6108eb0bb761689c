package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bcos.client.RpcError;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.mempool.MempoolLimits;
import org.bcos.types.Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10 item 2: a dev chain makes blocks on request ({@code dev_mine}, {@code bcos dev mine}),
 * any other node refuses by name, and {@code bcos wait --height} returns once the head is there.
 * The node's own blocks come only every minute here, so every block counted was mined on request.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DevChainControlsIT {
  @TempDir Path root;
  private InProcessNode chain;
  private CliProcess cli;

  @BeforeEach
  void start() throws Exception {
    chain = InProcessNode.startMinedOnDemand(root);
    cli = new CliProcess(root, root);
  }

  @AfterEach
  void stop() {
    if (chain != null) chain.close();
  }

  @Test
  void mineMakesExactlyNBlocksAndReturnsTheNewHead() {
    long before = chain.height();
    JsonNode mined = chain.client().call("dev_mine", 5);
    assertEquals(5, mined.path("blocks").asLong());
    assertEquals(before + 1, mined.path("firstHeight").asLong(), mined.toString());
    assertEquals(before + 5, mined.path("height").asLong(), mined.toString());
    assertEquals(before + 5, chain.height());
    assertEquals(before + 6, chain.client().call("dev_mine").path("height").asLong(),
        "one block by default");
  }

  @Test
  void aLongRunAnswersWithinTheDeadlineWithTheBlocksMadeSoFar() {
    long before = chain.height();
    long started = System.nanoTime();
    JsonNode mined = chain.client().call("dev_mine", 1_000);
    long millis = (System.nanoTime() - started) / 1_000_000;
    long blocks = mined.path("blocks").asLong();
    System.out.println("dev_mine 1000: " + blocks + " blocks in " + millis + " ms");
    assertTrue(blocks >= 1 && blocks <= 1_000, mined.toString());
    assertEquals(before + blocks, mined.path("height").asLong());
    assertEquals(before + blocks, chain.height());
    assertTrue(millis < 5_000, "answered within the request deadline: " + millis + " ms");
  }

  @Test
  void aMinedBlockCarriesThePendingTransactions() throws Exception {
    Hash hash = chain.client().send(chain.transfer(chain.dev, 0,
        InProcessNode.freshKey().address(), 1));
    assertEquals("pending", chain.client().transaction(hash).path("status").asText());
    long height = chain.client().call("dev_mine", 1).path("height").asLong();
    JsonNode tx = chain.client().transaction(hash);
    assertEquals("final", tx.path("status").asText());
    assertEquals(height, tx.path("height").asLong());
  }

  @Test
  void blockCountsOutOfBoundsAreRefusedByNameAndMineNothing() throws Exception {
    long before = chain.height();
    assertEquals("INVALID_PARAMS", refusal(0));
    assertEquals("LIMIT_EXCEEDED", refusal(1_001));
    assertEquals("INVALID_PARAMS", refusal(-1));
    assertEquals(before, chain.height());
  }

  @Test
  void aNodeThatIsNotADevChainRefusesToMine() throws Exception {
    chain.restart(c -> new NodeConfig(c.dataDir(), "127.0.0.1", 0, 60_000,
        MempoolLimits.DEFAULT, NodeConfig.RpcLimits.DEFAULT)); // one validator, but not --dev
    chain.awaitStartBlock();
    long before = chain.height();
    assertEquals("DEV_ONLY", refusal(1));
    assertEquals(before, chain.height());
    CliProcess.Run run = cli.run("dev", "mine", "--rpc", chain.url());
    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("error: DEV_ONLY: "), run.stderr());
  }

  @Test
  void cliMinesAndWaitsForHeights() throws Exception {
    long before = chain.height();
    CliProcess.Run mined = cli.run("dev", "mine", "150", "--rpc", chain.url());
    assertEquals(0, mined.exitCode(), mined.stderr());
    assertTrue(mined.stdout().matches("(?s).*height: +" + (before + 150) + "\\n.*"),
        mined.stdout());
    assertTrue(mined.stdout().matches("(?s).*firstHeight: +" + (before + 1) + "\\n.*"),
        mined.stdout());

    CliProcess.Run reached = cli.run("wait", "--height", Long.toString(before + 150), "--json",
        "--rpc", chain.url());
    assertEquals(0, reached.exitCode(), reached.stderr());
    assertEquals(before + 150, reached.json().path("height").asLong());

    CliProcess.Run late = cli.run("wait", "--height", Long.toString(before + 10_000),
        "--timeout", "1", "--rpc", chain.url());
    assertEquals(1, late.exitCode());
    assertTrue(late.stderr().startsWith("error: TIMEOUT: "), late.stderr());

    String unknown = "ab".repeat(32);
    CliProcess.Run never = cli.run("wait", "--tx", unknown, "--timeout", "1", "--rpc",
        chain.url());
    assertEquals(1, never.exitCode());
    assertTrue(never.stderr().startsWith("error: TIMEOUT: transaction " + unknown
        + " not final after 1 s"), never.stderr());
    CliProcess.Run both = cli.run("wait", "--tx", unknown, "--height", "1");
    assertEquals(2, both.exitCode(), "one target only: " + both.stderr());
  }

  private String refusal(long n) {
    return assertThrows(RpcError.class, () -> chain.client().call("dev_mine", n)).reason();
  }
}
