package org.bcos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bcos.crypto.Keystore.KeyInfo;
import org.bcos.crypto.KeystoreException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreTest {
  /** Test-only cost: new keys at N = 2^11, floor 2^10 (production: 2^18 and 2^15). */
  private static final KdfLimits FAST =
      new KdfLimits(new ScryptParams(1 << 11, 8, 1), new ScryptParams(1 << 10, 8, 1));
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  @TempDir Path dir;

  private Keystore keystore() {
    return Keystore.withLimits(dir.resolve("keys"), FAST);
  }

  private static Ed25519KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return Ed25519KeyPair.fromSeed(seed);
  }

  @Test
  void createdKeyLoadsBackWithItsPassphrase() {
    Keystore keystore = keystore();
    KeyInfo info = keystore.create("alice", key(1), PASSPHRASE);
    assertEquals(new KeyInfo("alice", key(1).address(), false, FAST.forNewKeys()), info);
    assertEquals(key(1), keystore.load("alice", PASSPHRASE));
  }

  @Test
  void keyFileIsOwnerOnlyJsonWithThePublicPartReadable() throws IOException {
    keystore().create("alice", key(1), PASSPHRASE);
    Path file = dir.resolve("keys/alice.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String json = Files.readString(file, StandardCharsets.US_ASCII);
    assertTrue(json.contains("\"kdf\": \"scrypt\""), json);
    assertTrue(json.contains("\"n\": 2048"), json);
    assertTrue(!json.contains("devKey"), json);
    assertTrue(json.contains(key(1).address().toString()), json);
    try (Stream<Path> files = Files.list(dir.resolve("keys"))) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void listIsSortedByNameAndFindReadsWithoutPassphrase() {
    Keystore keystore = keystore();
    keystore.create("zed", key(3), PASSPHRASE);
    keystore.create("alice", key(1), PASSPHRASE);
    keystore.create("bob-2", key(2), PASSPHRASE);
    assertEquals(List.of("alice", "bob-2", "zed"), keystore.list().stream().map(KeyInfo::name).toList());
    assertEquals(Optional.of(new KeyInfo("bob-2", key(2).address(), false, FAST.forNewKeys())),
        keystore.find("bob-2"));
    assertEquals(Optional.empty(), keystore.find("carol"));
  }

  @Test
  void listOfMissingDirectoryIsEmpty() {
    assertEquals(List.of(), keystore().list());
  }

  @Test
  void loadingAMissingKeyFailsWithNotFound() {
    assertReason(Reason.NOT_FOUND, () -> keystore().load("nobody", PASSPHRASE));
  }

  @Test
  void creatingAnExistingNameFailsWithAlreadyExistsAndKeepsTheOldKey() {
    Keystore keystore = keystore();
    keystore.create("alice", key(1), PASSPHRASE);
    assertReason(Reason.ALREADY_EXISTS, () -> keystore.create("alice", key(2), PASSPHRASE));
    assertEquals(key(1), keystore.load("alice", PASSPHRASE));
  }

  @Test
  void invalidNamesFailWithInvalidName() {
    Keystore keystore = keystore();
    for (String name :
        new String[] {"", "Alice", "-alice", "_a", "a.b", "../x", "a/b", "a b", "x".repeat(33), null}) {
      assertReason(Reason.INVALID_NAME, () -> keystore.create(name, key(1), PASSPHRASE));
      assertReason(Reason.INVALID_NAME, () -> keystore.load(name, PASSPHRASE));
      assertReason(Reason.INVALID_NAME, () -> keystore.find(name));
    }
    keystore.create("x".repeat(32), key(1), PASSPHRASE);
    keystore.create("0_a-b", key(2), PASSPHRASE);
  }

  @Test
  void wrongPassphraseFailsAndChangesNothingOnDisk() throws IOException {
    Keystore keystore = keystore();
    keystore.create("alice", key(1), PASSPHRASE);
    Path file = dir.resolve("keys/alice.key");
    byte[] before = Files.readAllBytes(file);
    FileTime modified = Files.getLastModifiedTime(file);
    KeystoreException e =
        assertReason(Reason.WRONG_PASSPHRASE, () -> keystore.load("alice", "wrong".toCharArray()));
    assertTrue(e.getMessage().contains("passphrase"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(modified, Files.getLastModifiedTime(file));
    try (Stream<Path> files = Files.list(dir.resolve("keys"))) {
      assertEquals(List.of(file), files.toList());
    }
    assertEquals(key(1), keystore.load("alice", PASSPHRASE));
  }

  @Test
  void swappedAddressIsDetected() throws IOException {
    Keystore keystore = keystore();
    keystore.create("alice", key(1), PASSPHRASE);
    Path file = dir.resolve("keys/alice.key");
    String json = Files.readString(file);
    Files.writeString(file, json.replace(key(1).address().toString(), key(2).address().toString()));
    // The address is authenticated data, so decryption itself fails.
    assertReason(Reason.WRONG_PASSPHRASE, () -> keystore.load("alice", PASSPHRASE));
  }

  @Test
  void damagedFilesFailWithCorrupt() throws IOException {
    Keystore keystore = keystore();
    keystore.create("alice", key(1), PASSPHRASE);
    Path file = dir.resolve("keys/alice.key");
    String json = Files.readString(file);
    for (String damaged :
        List.of(
            "",
            "not json",
            json.substring(0, json.length() / 2),
            json.replace("\"name\": \"alice\"", "\"name\": \"bob\""),
            json.replace("\"kdf\": \"scrypt\"", "\"kdf\": \"pbkdf2\""),
            json.replace("\"n\": 2048", "\"n\": 2000"),
            json.replace("\"kdf\": ", "\"devKey\": 1, \"kdf\": "),
            json.replace("\"version\": 1", "\"version\": 2"),
            json.replace("\"salt\": \"", "\"salt\": \"zz"),
            json.replace("\"address\": \"dd1", "\"address\": \"xx1"))) {
      Files.writeString(file, damaged);
      assertReason(Reason.CORRUPT, () -> keystore.load("alice", PASSPHRASE));
      assertReason(Reason.CORRUPT, () -> keystore.find("alice"));
      assertEquals(List.of(), keystore.list(), "a damaged file is not listed");
    }
  }

  @Test
  void anEmptyPassphraseIsRefusedForANewKeyAndNothingIsWritten() {
    Keystore keystore = keystore();
    assertReason(Reason.EMPTY_PASSPHRASE, () -> keystore.create("alice", key(1), new char[0]));
    assertEquals(List.of(), keystore.list());
    assertEquals(Optional.empty(), keystore.find("alice"));
  }

  @Test
  void aDevKeyIsMarkedAndAloneOpensWithTheEmptyPassphrase() throws IOException {
    Keystore keystore = keystore();
    KeyInfo dev = keystore.createDevKey("dev", key(1));
    assertEquals(new KeyInfo("dev", key(1).address(), true, FAST.floor()), dev);
    assertTrue(Files.readString(dir.resolve("keys/dev.key")).contains("\"devKey\": true"));
    assertEquals(key(1), keystore.load("dev", new char[0]));
    assertEquals(Optional.of(dev), keystore.find("dev"));
    assertTrue(!keystore.upgradeAdvised(dev), "a dev key has nothing to protect");
    assertReason(Reason.WRONG_PASSPHRASE, () -> keystore.load("dev", PASSPHRASE));
  }

  @Test
  void aDevKeyMadeFromWordsKeepsThemAndOtherKeysHaveNone() throws IOException {
    Keystore keystore = keystore();
    String words = Mnemonic.fromEntropy(new byte[32]);
    keystore.createDevKey("dev", Mnemonic.toKeyPair(words), words);
    keystore.createDevKey("plain", key(2));
    keystore.create("alice", key(3), PASSPHRASE);

    assertEquals(Optional.of(words), keystore.devMnemonic("dev"));
    assertEquals(Mnemonic.toKeyPair(words), keystore.load("dev", new char[0]));
    assertEquals(Optional.empty(), keystore.devMnemonic("plain"));
    assertEquals(Optional.empty(), keystore.devMnemonic("alice"));
    assertThrows(IllegalArgumentException.class,
        () -> keystore.createDevKey("other", key(4), words), "words of another key");
    assertEquals(Optional.empty(), keystore.find("other"));
  }

  @Test
  void aMnemonicInANonDevKeyFileIsCorrupt() throws IOException {
    Keystore keystore = keystore();
    keystore.create("alice", key(3), PASSPHRASE);
    Path file = dir.resolve("keys/alice.key");
    Files.writeString(file, Files.readString(file).replace("\"kdf\"",
        "\"mnemonic\": \"abandon about\",\n  \"kdf\""));
    assertReason(Reason.CORRUPT, () -> keystore.devMnemonic("alice"));
  }

  @Test
  void anUnmarkedKeyWithAnEmptyPassphraseIsRefusedUntilUpgraded() throws IOException {
    Keystore keystore = keystore();
    Path file = writeLegacyEmptyPassphraseKey(keystore, "old", key(1));
    KeyInfo info = keystore.find("old").orElseThrow();
    assertTrue(!info.devKey() && keystore.upgradeAdvised(info), info.toString());
    byte[] before = Files.readAllBytes(file);
    assertReason(Reason.EMPTY_PASSPHRASE, () -> keystore.load("old", new char[0]));
    assertReason(Reason.EMPTY_PASSPHRASE,
        () -> keystore.upgrade("old", new char[0], new char[0]));
    assertArrayEquals(before, Files.readAllBytes(file), "a refused upgrade changes nothing");

    KeyInfo upgraded = keystore.upgrade("old", new char[0], PASSPHRASE);
    assertEquals(new KeyInfo("old", key(1).address(), false, FAST.forNewKeys()), upgraded);
    assertEquals(key(1), keystore.load("old", PASSPHRASE));
    assertReason(Reason.EMPTY_PASSPHRASE, () -> keystore.load("old", new char[0]));
    assertTrue(!keystore.upgradeAdvised(keystore.find("old").orElseThrow()));
    assertNoTemporaryFiles();
  }

  @Test
  void upgradeReencryptsALegalButWeakFileUnderTodaysCost() throws IOException {
    KdfLimits old = new KdfLimits(FAST.floor(), FAST.floor());
    Keystore.withLimits(dir.resolve("keys"), old).create("alice", key(1), PASSPHRASE);
    Keystore keystore = keystore();
    KeyInfo weak = keystore.find("alice").orElseThrow();
    assertEquals(FAST.floor(), weak.kdf());
    assertTrue(keystore.upgradeAdvised(weak));
    assertEquals(key(1), keystore.load("alice", PASSPHRASE), "still legal: it loads");

    Path file = dir.resolve("keys/alice.key");
    byte[] before = Files.readAllBytes(file);
    assertReason(Reason.WRONG_PASSPHRASE,
        () -> keystore.upgrade("alice", "wrong".toCharArray(), PASSPHRASE));
    assertArrayEquals(before, Files.readAllBytes(file), "a refused upgrade changes nothing");

    char[] newPassphrase = "a new and longer passphrase".toCharArray();
    KeyInfo upgraded = keystore.upgrade("alice", PASSPHRASE, newPassphrase);
    assertEquals(FAST.forNewKeys(), upgraded.kdf());
    assertTrue(!keystore.upgradeAdvised(upgraded));
    assertEquals(key(1), keystore.load("alice", newPassphrase));
    assertReason(Reason.WRONG_PASSPHRASE, () -> keystore.load("alice", PASSPHRASE));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertNoTemporaryFiles();
  }

  @Test
  void adoptDevKeyMarksAnOldEmptyPassphraseKeyAndLeavesARealKeyAlone() throws IOException {
    Keystore keystore = keystore();
    writeLegacyEmptyPassphraseKey(keystore, "dev", key(1));
    KeyInfo adopted = keystore.adoptDevKey("dev");
    assertTrue(adopted.devKey());
    assertEquals(key(1), keystore.load("dev", new char[0]));

    keystore.create("real", key(2), PASSPHRASE);
    byte[] before = Files.readAllBytes(dir.resolve("keys/real.key"));
    assertTrue(!keystore.adoptDevKey("real").devKey());
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("keys/real.key")));
  }

  @Test
  void newKeysUseNEqualsTwoToTheEighteenByDefault() throws IOException {
    Keystore production = new Keystore(dir.resolve("keys"));
    assertEquals(new ScryptParams(1 << 18, 8, 1), ScryptParams.DEFAULT);
    KeyInfo info = production.create("alice", key(1), PASSPHRASE);
    assertEquals(ScryptParams.DEFAULT, info.kdf());
    assertTrue(Files.readString(dir.resolve("keys/alice.key")).contains("\"n\": 262144"));
    assertTrue(!production.upgradeAdvised(info));
  }

  @Test
  void filesBelowTheFloorAreRefusedBeforeAnyDerivation() throws IOException {
    assertProductionLoadRefused(Reason.KDF_TOO_WEAK, "\"n\": 2, \"r\": 8, \"p\": 1",
        "\"n\": 16384, \"r\": 8, \"p\": 1", "\"n\": 32768, \"r\": 1, \"p\": 1",
        "\"n\": 2048, \"r\": 8, \"p\": 1");
  }

  @Test
  void filesAboveTheCeilingsAreRefusedBeforeAnyDerivation() throws IOException {
    assertProductionLoadRefused(Reason.KDF_TOO_COSTLY, "\"n\": 2097152, \"r\": 8, \"p\": 1",
        "\"n\": 1073741824, \"r\": 8, \"p\": 1", "\"n\": 262144, \"r\": 64, \"p\": 1",
        "\"n\": 262144, \"r\": 8, \"p\": 16", "\"n\": 1048576, \"r\": 16, \"p\": 1",
        "\"n\": 32768, \"r\": 8, \"p\": 17");
  }

  /**
   * Rewrites a key file's kdfParams to each of {@code kdfs} and checks the production keystore
   * refuses it for {@code reason} (fast: the refusal comes before scrypt runs) while its public
   * part stays readable.
   */
  private void assertProductionLoadRefused(Reason reason, String... kdfs) throws IOException {
    keystore().create("alice", key(1), PASSPHRASE);
    Path file = dir.resolve("keys/alice.key");
    String json = Files.readString(file);
    Keystore production = new Keystore(dir.resolve("keys"));
    for (String kdf : kdfs) {
      Files.writeString(file, json.replace("\"n\": 2048, \"r\": 8, \"p\": 1", kdf));
      assertReason(reason, () -> production.load("alice", PASSPHRASE));
      assertTrue(production.find("alice").isPresent(), "the public part is still readable");
    }
  }

  @Test
  void aKeyLockIsExclusiveAndTimesOutByName() throws Exception {
    Keystore keystore = keystore();
    try (KeyLock held = keystore.lock("alice", Duration.ofSeconds(1))) {
      var other = java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        var waiting = other.submit(() -> keystore.lock("alice", Duration.ofMillis(200)));
        var e = assertThrows(java.util.concurrent.ExecutionException.class, waiting::get);
        assertEquals(Reason.LOCK_TIMEOUT, ((KeystoreException) e.getCause()).reason());
        keystore.lock("bob", Duration.ofMillis(200)).close();
      } finally {
        other.shutdownNow();
      }
    }
    keystore.lock("alice", Duration.ofMillis(200)).close();
    assertEquals(List.of(), keystore.list(), "lock files are not keys");
  }

  /** A key file as DevChain wrote it before dev keys were marked: empty passphrase, no mark. */
  private Path writeLegacyEmptyPassphraseKey(Keystore keystore, String name, Ed25519KeyPair key)
      throws IOException {
    keystore.createDevKey(name, key);
    Path file = dir.resolve("keys/" + name + ".key");
    Files.writeString(file, Files.readString(file).replace("  \"devKey\": true,\n", ""));
    return file;
  }

  private void assertNoTemporaryFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("keys"))) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".tmp-"))
          .toList());
    }
  }

  private static KeystoreException assertReason(Reason reason, Runnable action) {
    KeystoreException e = assertThrows(KeystoreException.class, action::run);
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().endsWith("."), "messages are sentences: " + e.getMessage());
    return e;
  }
}
