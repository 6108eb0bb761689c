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
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bcos.crypto.Keystore.KeyInfo;
import org.bcos.crypto.KeystoreException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreTest {
  private static final Keystore.ScryptParams FAST = new Keystore.ScryptParams(1 << 10, 8, 1);
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  @TempDir Path dir;

  private Keystore keystore() {
    return new Keystore(dir.resolve("keys"), FAST);
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
    assertEquals(new KeyInfo("alice", key(1).address()), info);
    assertEquals(key(1), keystore.load("alice", PASSPHRASE));
    assertEquals(key(1), new Keystore(dir.resolve("keys")).load("alice", PASSPHRASE));
  }

  @Test
  void keyFileIsOwnerOnlyJsonWithThePublicPartReadable() throws IOException {
    keystore().create("alice", key(1), PASSPHRASE);
    Path file = dir.resolve("keys/alice.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String json = Files.readString(file, StandardCharsets.US_ASCII);
    assertTrue(json.contains("\"kdf\": \"scrypt\""), json);
    assertTrue(json.contains("\"n\": 1024"), json);
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
    assertEquals(Optional.of(new KeyInfo("bob-2", key(2).address())), keystore.find("bob-2"));
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
            json.replace("\"n\": 1024", "\"n\": 1000"),
            json.replace("\"n\": 1024", "\"n\": 1073741824"),
            json.replace("\"version\": 1", "\"version\": 2"),
            json.replace("\"salt\": \"", "\"salt\": \"zz"),
            json.replace("\"address\": \"dd1", "\"address\": \"xx1"))) {
      Files.writeString(file, damaged);
      assertReason(Reason.CORRUPT, () -> keystore.load("alice", PASSPHRASE));
      assertReason(Reason.CORRUPT, () -> keystore.find("alice"));
      assertEquals(List.of(), keystore.list(), "a damaged file is not listed");
    }
  }

  private static KeystoreException assertReason(Reason reason, Runnable action) {
    KeystoreException e = assertThrows(KeystoreException.class, action::run);
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().endsWith("."), "messages are sentences: " + e.getMessage());
    return e;
  }
}
