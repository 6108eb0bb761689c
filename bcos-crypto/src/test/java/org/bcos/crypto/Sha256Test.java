package org.bcos.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void hashMatchesFipsVectors() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256.hash(ascii("abc")).toHex());
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Sha256.hash(new byte[0]).toHex());
  }

  @Test
  void rangeHashEqualsHashOfTheRange() {
    assertEquals(Sha256.hash(ascii("abc")), Sha256.hash(ascii("xxabcyy"), 2, 3));
  }

  @Test
  void domainHashIsTheLengthPrefixedTagThenTheParts() {
    byte[] preimage = ascii("\nBCOS/tx/v1hello world");
    assertEquals(Sha256.hash(preimage), Sha256.domain("BCOS/tx/v1", ascii("hello"), ascii(" world")));
    assertEquals(
        Sha256.domain("BCOS/tx/v1", ascii("hello world")),
        Sha256.domain("BCOS/tx/v1", ascii("hello"), ascii(" "), ascii("world")));
  }

  @Test
  void differentTagsNeverCollideOnTheSameBytes() {
    assertNotEquals(
        Sha256.domain("BCOS/tx/v1", ascii("x")), Sha256.domain("BCOS/block/v1", ascii("x")));
    // Moving bytes between tag and data changes the length prefix, hence the hash.
    assertNotEquals(Sha256.domain("ab", ascii("c")), Sha256.domain("a", ascii("bc")));
  }

  @Test
  void badTagsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Sha256.domain(""));
    assertThrows(IllegalArgumentException.class, () -> Sha256.domain("x".repeat(256)));
    assertThrows(IllegalArgumentException.class, () -> Sha256.domain("BCOS/\u00e9"));
  }
}
