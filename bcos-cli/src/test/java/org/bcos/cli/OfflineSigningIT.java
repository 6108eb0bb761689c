package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline signing, {@code bcos submit} and {@code --dry-run} as users run them: separate {@code
 * bcos} processes against a real dev node. "Offline" is proven by pointing {@code --rpc} at a port
 * where no node listens.
 */
class OfflineSigningIT {
  /** Nothing listens here (the port range of this work): a command that asked would fail. */
  private static final String NO_NODE = "http://127.0.0.1:19849";

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
  void signedOfflineThenSubmittedBecomesFinalAndASecondSubmitIsNamed() throws Exception {
    Address to = InProcessNode.freshKey().address();
    long nonce = chain.pendingNonce(chain.dev.address());
    Path file = root.resolve("tx.json");

    JsonNode signed = ok(offline("send", file, nonce, "--to", to.toString(), "--amount", "3"));
    assertEquals("nothing (offline)", signed.path("askedNode").asText(), signed.toString());
    assertEquals(nonce, chain.pendingNonce(chain.dev.address()), "nothing was sent");
    JsonNode document = org.bcos.client.JsonTree.parse(Files.readAllBytes(file));
    assertEquals("bcos-signed-tx/1", document.path("format").asText());
    assertEquals("coin.transfer", document.path("type").asText());
    assertEquals("3", document.path("amount").asText());
    assertEquals(signed.path("hash"), document.path("hash"));

    JsonNode sent = ok(cli.run("submit", file.toString(), "--json", "--rpc", chain.url()));
    assertEquals("final", sent.path("status").asText(), sent.toString());
    assertEquals(document.path("hash"), sent.path("hash"));
    assertEquals(to.toString(), sent.path("to").asText());
    assertTrue(sent.path("height").asLong() > 0, sent.toString());
    assertEquals(Amount.parse("3"), chain.balance(to));

    CliProcess.Run again = cli.run("submit", file.toString(), "--rpc", chain.url());
    assertRefused("ALREADY_FINAL", again);
    assertEquals(Amount.parse("3"), chain.balance(to));
  }

  @Test
  void everyTransactionCommandSignsOfflineWithTheSameOptions() throws Exception {
    long nonce = chain.pendingNonce(chain.dev.address());
    Path file = root.resolve("anchor.json");
    String document = "ab".repeat(32);
    JsonNode signed = ok(offline("notary anchor", file, nonce, "--hash", document, "--label",
        "contract"));
    assertEquals("nothing (offline)", signed.path("askedNode").asText(), signed.toString());

    JsonNode sent = ok(cli.run("submit", file.toString(), "--json", "--rpc", chain.url()));
    assertEquals("final", sent.path("status").asText(), sent.toString());
    JsonNode anchor = chain.client().call("notary_getAnchor", document);
    assertTrue(anchor.path("anchored").asBoolean(), anchor.toString());
    assertEquals(chain.dev.address().toString(), anchor.path("anchor").path("anchorer").asText());
    assertEquals("contract", anchor.path("anchor").path("label").asText());
  }

  @Test
  void submitRefusesAnotherChainAndAUsedNonceByName() throws Exception {
    long nonce = chain.pendingNonce(chain.dev.address());
    Address to = InProcessNode.freshKey().address();
    Path otherChain = root.resolve("other.json");
    ok(cli.run("send", "--from", "dev", "--to", to.toString(), "--amount", "1", "--sign-only",
        "--out", otherChain.toString(), "--chain-id", "bcos-elsewhere", "--nonce", "" + nonce,
        "--fee", "0.001", "--expiry-height", "500", "--json", "--rpc", NO_NODE));
    assertRefused("WRONG_CHAIN_ID", cli.run("submit", otherChain.toString(), "--rpc",
        chain.url()));

    Path late = root.resolve("late.json");
    ok(offline("send", late, nonce, "--to", to.toString(), "--amount", "1"));
    chain.fund(to, 5); // takes the nonce the file was signed with
    assertRefused("NONCE_USED", cli.run("submit", late.toString(), "--rpc", chain.url()));
    assertEquals(5, chain.balance(to));

    Path edited = Files.writeString(root.resolve("edited.json"),
        Files.readString(late).replace("\"amount\" : \"1\"", "\"amount\" : \"100\""));
    assertRefused("NOT_A_SIGNED_TX", cli.run("submit", edited.toString(), "--rpc", chain.url()));
  }

  @Test
  void signOnlyAsksTheNodeForWhatIsNotGiven() throws Exception {
    Path file = root.resolve("tx.json");
    JsonNode signed = ok(cli.run("send", "--from", "dev", "--to", "dev", "--amount", "1",
        "--sign-only", "--out", file.toString(), "--json", "--rpc", chain.url()));
    assertEquals("nonce, chainId, height, minFee", signed.path("askedNode").asText());
    assertEquals(chain.chainId(), signed.path("chainId").asText());
    assertEquals(chain.pendingNonce(chain.dev.address()), signed.path("nonce").asLong());

    CliProcess.Run toStdout = cli.run("send", "--from", "dev", "--to", "dev", "--amount", "1",
        "--sign-only", "--rpc", chain.url());
    assertEquals(0, toStdout.exitCode(), toStdout.toString());
    assertEquals("bcos-signed-tx/1", toStdout.json().path("format").asText(), toStdout.stdout());
  }

  @Test
  void dryRunChecksAgainstTheNodeAndChangesNothing() throws Exception {
    Address to = InProcessNode.freshKey().address();
    long nonce = chain.pendingNonce(chain.dev.address());
    long balance = chain.balance(chain.dev.address());

    JsonNode checked = ok(cli.run("send", "--from", "dev", "--to", to.toString(), "--amount",
        "2.5", "--dry-run", "--json", "--rpc", chain.url()));
    assertTrue(checked.path("status").asText().startsWith("admissible"), checked.toString());
    assertEquals(Amount.format(chain.minFee()), checked.path("fee").asText());
    assertEquals(nonce, checked.path("nonce").asLong());
    assertEquals("2.5", checked.path("amount").asText());

    CliProcess.Run tooMuch = cli.run("send", "--from", "dev", "--to", to.toString(), "--amount",
        "50000000000", "--dry-run", "--rpc", chain.url());
    assertRefused("INSUFFICIENT_BALANCE", tooMuch);

    assertEquals(nonce, chain.nonce(chain.dev.address()));
    assertEquals(nonce, chain.pendingNonce(chain.dev.address()));
    assertEquals(balance, chain.balance(chain.dev.address()));
    assertEquals(0, chain.balance(to));
    assertTrue(chain.client().call("bcos_getAccountTransactions", to.toString())
        .path("transactions").isEmpty());
  }

  /** {@code bcos CMD --from dev … --sign-only --out FILE} with every envelope field, offline. */
  private CliProcess.Run offline(String command, Path file, long nonce, String... more)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--from", "dev", "--sign-only", "--out", file.toString(), "--chain-id",
        chain.chainId(), "--nonce", Long.toString(nonce), "--fee", Amount.format(chain.minFee()),
        "--expiry-height", Long.toString(chain.height() + 500), "--json", "--rpc", NO_NODE));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  private static JsonNode ok(CliProcess.Run run) throws Exception {
    assertEquals(0, run.exitCode(), run.toString());
    return run.json();
  }

  private static void assertRefused(String reason, CliProcess.Run run) {
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().startsWith("error: " + reason + ":"), run.stderr());
    assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
  }
}
