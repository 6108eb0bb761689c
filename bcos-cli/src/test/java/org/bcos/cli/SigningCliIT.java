package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key handling, nonce assignment and bench funding as users meet them: separate {@code bcos}
 * processes sharing one {@code BCOS_HOME} against a dev node.
 */
class SigningCliIT {
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
  void parallelSendsFromOneKeyAllBecomeFinalWithDistinctNonces() throws Exception {
    Address to = InProcessNode.freshKey().address();
    int sends = 6;
    List<CliProcess.Pending> running = new ArrayList<>();
    for (int i = 1; i <= sends; i++) {
      running.add(cli.start("send", "--from", "dev", "--to", to.toString(), "--amount", "" + i,
          "--json", "--rpc", chain.url()));
    }
    Set<Long> nonces = new HashSet<>();
    for (CliProcess.Pending p : running) {
      CliProcess.Run run = p.finish();
      assertEquals(0, run.exitCode(), run.toString());
      assertEquals("final", run.json().path("status").asText(), run.toString());
      nonces.add(run.json().path("nonce").asLong());
    }
    assertEquals(sends, nonces.size(), "every send used its own nonce: " + nonces);
    assertEquals(Amount.parse("" + sends * (sends + 1) / 2), chain.balance(to));
  }

  @Test
  void devKeysAreListedAsSuchAndNewKeysRefuseAnEmptyPassphrase() throws Exception {
    JsonNode dev = cli.run("key", "show", "dev", "--json").json();
    assertTrue(dev.path("devKey").asBoolean(), dev.toString());
    assertEquals("N=2^15 r=8 p=1", dev.path("kdf").asText());
    assertTrue(!dev.path("upgradeAdvised").asBoolean(), dev.toString());

    CliProcess.Run refused = cli.run("key", "new", "--name", "alice", "--passphrase-file",
        passphraseFile("empty", "").toString());
    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(refused.stderr().startsWith("error: EMPTY_PASSPHRASE"), refused.stderr());
    assertEquals(1, cli.run("key", "list", "--json").json().size(), "only dev: nothing written");

    JsonNode alice = cli.run("key", "new", "--name", "alice", "--passphrase-file",
        passphraseFile("pass", "correct horse").toString(), "--json").json();
    JsonNode listed = cli.run("key", "show", "alice", "--json").json();
    assertEquals(alice.path("address"), listed.path("address"));
    assertEquals("N=2^18 r=8 p=1", listed.path("kdf").asText());
    assertTrue(!listed.path("devKey").asBoolean() && !listed.path("upgradeAdvised").asBoolean());
  }

  @Test
  void anOldKeyWithAnEmptyPassphraseNeverSignsUntilUpgraded() throws Exception {
    Ed25519KeyPair old = InProcessNode.freshKey();
    writeLegacyEmptyPassphraseKey("legacy", old);
    chain.fund(old.address(), Amount.parse("10"));
    String empty = passphraseFile("empty", "").toString();
    String pass = passphraseFile("pass", "correct horse").toString();
    String[] send = {"send", "--from", "legacy", "--to", chain.dev.address().toString(),
        "--amount", "1", "--json", "--rpc", chain.url()};

    CliProcess.Run silent = cli.run(send);
    assertEquals(1, silent.exitCode(), "the empty passphrase is never tried: " + silent);
    assertTrue(silent.stderr().startsWith("error: PASSPHRASE_REQUIRED"), silent.stderr());
    CliProcess.Run explicit = cli.run(append(send, "--passphrase-file", empty));
    assertEquals(1, explicit.exitCode(), explicit.toString());
    assertTrue(explicit.stderr().startsWith("error: EMPTY_PASSPHRASE"), explicit.stderr());
    assertTrue(explicit.stderr().contains("bcos key upgrade legacy"), explicit.stderr());
    assertEquals(0, chain.nonce(old.address()), "nothing was signed");

    JsonNode upgraded = cli.run("key", "upgrade", "legacy", "--passphrase-file", empty,
        "--new-passphrase-file", pass, "--json").json();
    assertEquals("N=2^18 r=8 p=1", upgraded.path("kdf").asText(), upgraded.toString());
    CliProcess.Run signed = cli.run(append(send, "--passphrase-file", pass));
    assertEquals(0, signed.exitCode(), signed.toString());
    assertEquals("final", signed.json().path("status").asText());
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
    Path pass = passphraseFile("pass", "correct horse");
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

  /** A key file as `bcos node --dev` wrote it before dev keys were marked. */
  private void writeLegacyEmptyPassphraseKey(String name, Ed25519KeyPair key) throws Exception {
    new Keystore(chain.keysDir).createDevKey(name, key);
    Path file = chain.keysDir.resolve(name + ".key");
    Files.writeString(file, Files.readString(file).replace("  \"devKey\": true,\n", ""));
  }

  private Path passphraseFile(String name, String passphrase) throws Exception {
    Path file = root.resolve(name + ".txt");
    Files.writeString(file, passphrase + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static String[] append(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
