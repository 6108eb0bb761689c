package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bcos.types.Amount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench transfers} funds its senders within the chain's nonce window and stops at once,
 * with the reason, when the node refuses a funding transfer.
 */
class BenchFundingIT {
  @TempDir Path root;
  private InProcessNode chain;
  private CliProcess cli;

  @BeforeEach
  void start() throws Exception {
    chain = InProcessNode.start(root);
    cli = new CliProcess(root, root);
  }

  @AfterEach
  void stop() {
    chain.close();
  }

  @Test
  void moreSendersThanTheNonceWindowAreFundedInWaves() throws Exception {
    int senders = 2 * chain.genesis.params().maxNonceGap();
    CliProcess.Run run = cli.run("bench", "transfers", "--senders", "" + senders, "--count",
        "" + senders, "--json", "--rpc", chain.url());
    assertEquals(0, run.exitCode(), run.toString());
    JsonNode out = run.json();
    assertEquals(senders, out.path("transfers").asLong(), run.toString());
    assertEquals(senders, out.path("accepted").asLong(), run.toString());
    assertTrue(run.stderr().contains("in waves of at most " + (chain.genesis.params()
        .maxNonceGap() + 1)), run.stderr());
  }

  @Test
  void aRefusedFundingTransferStopsTheBenchWithItsReason() throws Exception {
    Path pass = root.resolve("pass.txt");
    Files.writeString(pass, "correct horse\n", StandardCharsets.UTF_8);
    String poor = cli.run("key", "new", "--name", "poor", "--passphrase-file", pass.toString(),
        "--json").json().path("address").asText();
    chain.fund(Keys.resolve(poor), Amount.parse("1"));
    long started = System.nanoTime();
    CliProcess.Run run = cli.run("bench", "transfers", "--from", "poor", "--passphrase-file",
        pass.toString(), "--senders", "5", "--count", "50000", "--rpc", chain.url());
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().contains("error: TX_REFUSED"), run.stderr());
    assertTrue(run.stderr().contains("INSUFFICIENT_BALANCE"), run.stderr());
    assertTrue(seconds < 60, "failed fast, not after a 120 s wait: " + seconds + " s");
  }
}
