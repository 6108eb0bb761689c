package org.bcos.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.node.config.SecretFile.SecretFileException;
import org.bcos.node.config.SecretFile.SecretFileException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
  @TempDir Path dir;

  @Test
  void aNewValidatorKeyIsOwnerOnlyLoadsBackAndIsNeverReplaced() throws Exception {
    Path file = dir.resolve("validator.key");
    Ed25519KeyPair created = DevChain.loadOrCreateValidatorKey(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(created, DevChain.loadOrCreateValidatorKey(file));
    byte[] before = Files.readAllBytes(file);
    assertThrows(FileAlreadyExistsException.class, () -> SecretFile.writeNew(file, "other\n"));
    assertEquals(new String(before), Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void aKeyFileOthersMayReadIsRefusedByName() throws Exception {
    Path validator = dir.resolve("validator.key");
    DevChain.loadOrCreateValidatorKey(validator);
    Files.setPosixFilePermissions(validator, PosixFilePermissions.fromString("rw-r--r--"));
    SecretFileException e = assertThrows(SecretFileException.class,
        () -> DevChain.loadOrCreateValidatorKey(validator));
    assertEquals(Reason.KEY_FILE_READABLE_BY_OTHERS, e.reason());
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());

    Path node = dir.resolve("node.key");
    NodeKeyFile.loadOrCreate(node, 4);
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-rw----"));
    assertEquals(Reason.KEY_FILE_READABLE_BY_OTHERS, assertThrows(SecretFileException.class,
        () -> NodeKeyFile.loadOrCreate(node, 4)).reason());
  }

  @Test
  void malformedOrOversizedKeyFilesAreRefusedByName() throws Exception {
    Path validator = dir.resolve("validator.key");
    for (String content : List.of("zz\n", "abcd\n", "")) {
      Files.deleteIfExists(validator);
      SecretFile.writeNew(validator, content);
      assertEquals(Reason.KEY_FILE_MALFORMED, assertThrows(SecretFileException.class,
          () -> DevChain.loadOrCreateValidatorKey(validator)).reason(), content);
    }
    Files.delete(validator);
    SecretFile.writeNew(validator, "a".repeat(SecretFile.MAX_BYTES + 1));
    assertEquals(Reason.KEY_FILE_TOO_LARGE, assertThrows(SecretFileException.class,
        () -> DevChain.loadOrCreateValidatorKey(validator)).reason());

    Path node = dir.resolve("node.key");
    SecretFile.writeNew(node, "00 not-a-number\n");
    assertEquals(Reason.KEY_FILE_MALFORMED, assertThrows(SecretFileException.class,
        () -> NodeKeyFile.loadOrCreate(node, 4)).reason());
  }
}
