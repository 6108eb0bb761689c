package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.crypto.Mnemonic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bcos key import|export|rename|delete} as a user runs them (separate JVMs, no terminal):
 * the mnemonic comes from stdin or a file, a second copy of a stored key is named, nothing is
 * deleted without a name and a confirmation, and a renamed key still opens to the same address.
 */
class KeyCommandsIT {
  @TempDir Path root;
  private CliProcess cli;
  private Path keys;
  private Path passphrase;

  @BeforeEach
  void setUp() throws Exception {
    Path home = Files.createDirectories(root.resolve("home"));
    keys = home.resolve("keys");
    cli = new CliProcess(home, Files.createDirectories(root.resolve("out")));
    passphrase = Files.writeString(root.resolve("pass"), "correct horse battery\n");
  }

  private JsonNode newKey(String name) throws Exception {
    CliProcess.Run run = cli.run("key", "new", "--name", name, "--passphrase-file",
        passphrase.toString(), "--json");
    assertEquals(0, run.exitCode(), run.stderr());
    return run.json();
  }

  private static void assertError(CliProcess.Run run, String reason) {
    assertEquals(1, run.exitCode(), run.stderr());
    assertTrue(run.stderr().strip().startsWith("error: " + reason + ": "), run.stderr());
  }

  @Test
  void importReadsTheMnemonicFromStdinOrAFileAndNamesAnExistingCopy() throws Exception {
    JsonNode alice = newKey("alice");
    String words = alice.path("mnemonic").asText();
    CliProcess.Pending fromStdin = cli.start("key", "import", "--name", "alice2",
        "--mnemonic-file", "-", "--passphrase-file", passphrase.toString(), "--json");
    try (var stdin = fromStdin.process().getOutputStream()) {
      stdin.write((words + "\n").getBytes(StandardCharsets.UTF_8));
    }
    CliProcess.Run run = fromStdin.finish();
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(alice.path("address").asText(), run.json().path("address").asText());
    assertTrue(run.stderr().contains("warning: this key is already stored as 'alice'"),
        run.stderr());

    Path file = Files.writeString(root.resolve("words.txt"),
        "  " + words.replace(" ", "\n\t ") + "\n\n");
    run = cli.run("key", "import", "--name", "alice3", "--mnemonic-file", file.toString(),
        "--passphrase-file", passphrase.toString(), "--json");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(alice.path("address").asText(), run.json().path("address").asText());

    // no words and no terminal to ask on: refused by name, nothing written
    assertError(cli.run("key", "import", "--name", "nobody", "--passphrase-file",
        passphrase.toString()), "MNEMONIC_REQUIRED");
    assertFalse(Files.exists(keys.resolve("nobody.key")));
  }

  @Test
  void exportPrintsTheEncryptedKeyFileAndNoSecret() throws Exception {
    JsonNode alice = newKey("alice");
    CliProcess.Run run = cli.run("key", "export", "alice");
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode exported = new ObjectMapper().readTree(run.stdout());
    assertEquals(new ObjectMapper().readTree(Files.readString(keys.resolve("alice.key"))),
        exported);
    String mnemonic = alice.path("mnemonic").asText();
    assertFalse(run.stdout().contains(mnemonic.substring(0, mnemonic.indexOf(' '))
        + " " + mnemonic.split(" ")[1]), "the mnemonic is not in an export");
    assertError(cli.run("key", "export", "nobody"), "KEY_NOT_FOUND");
  }

  @Test
  void renameKeepsTheKeyAndItsPassphraseAndRefusesToOverwrite() throws Exception {
    String address = newKey("alice").path("address").asText();
    newKey("bob");
    assertError(cli.run("key", "rename", "alice", "bob", "--passphrase-file",
        passphrase.toString()), "ALREADY_EXISTS");
    CliProcess.Run run = cli.run("key", "rename", "alice", "carol", "--passphrase-file",
        passphrase.toString(), "--json");
    assertEquals(0, run.exitCode(), run.stderr());
    assertFalse(Files.exists(keys.resolve("alice.key")));
    run = cli.run("key", "show", "carol", "--json");
    assertEquals(address, run.json().path("address").asText());
    assertError(cli.run("key", "show", "alice"), "KEY_NOT_FOUND");
  }

  @Test
  void showWordsPrintsADevKeysWordsAndRefusesOtherKeys() throws Exception {
    String words = Mnemonic.generate(new SecureRandom());
    Keystore store = new Keystore(keys);
    store.createDevKey("devkey", Mnemonic.toKeyPair(words), words);
    CliProcess.Run run = cli.run("key", "show", "devkey", "--words", "--json");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(words, run.json().path("words").asText());
    store.createDevKey("olddev", Ed25519KeyPair.generate(new SecureRandom()));
    assertError(cli.run("key", "show", "olddev", "--words"), "NO_WORDS_KEPT");
    newKey("alice");
    assertError(cli.run("key", "show", "alice", "--words"), "NOT_A_DEV_KEY");
    assertFalse(cli.run("key", "show", "alice", "--json").stdout().contains("words"));
  }

  @Test
  void deleteNeedsANameAndAConfirmation() throws Exception {
    newKey("alice");
    assertEquals(2, cli.run("key", "delete").exitCode(), "no name: a usage error");
    assertError(cli.run("key", "delete", "alice"), "CONFIRMATION_REQUIRED");
    assertTrue(Files.exists(keys.resolve("alice.key")), "not deleted without confirmation");
    CliProcess.Run run = cli.run("key", "delete", "alice", "--yes");
    assertEquals(0, run.exitCode(), run.stderr());
    assertFalse(Files.exists(keys.resolve("alice.key")));
    assertError(cli.run("key", "delete", "alice", "--yes"), "KEY_NOT_FOUND");
  }
}
