package org.bcos.storage.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bcos.types.Hash;

/**
 * The node hashes of the state tree: leaf = SHA-256(0x00 || key || valueHash), internal =
 * SHA-256(0x01 || left || right); the empty subtree is all zeros. The prefixes keep a leaf from
 * ever being read as an internal node. One instance per thread: it reuses a digest and a buffer.
 */
final class MerkleHasher {
  static final byte LEAF_PREFIX = 0x00;
  static final byte INTERNAL_PREFIX = 0x01;
  static final byte[] EMPTY = new byte[Hash.LENGTH];

  private final MessageDigest sha256;
  private final byte[] input = new byte[1 + 2 * Hash.LENGTH];

  MerkleHasher() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  byte[] leaf(Hash key, Hash valueHash) {
    input[0] = LEAF_PREFIX;
    key.copyTo(input, 1);
    valueHash.copyTo(input, 1 + Hash.LENGTH);
    return digest();
  }

  byte[] internal(byte[] left, byte[] right) {
    input[0] = INTERNAL_PREFIX;
    System.arraycopy(left, 0, input, 1, Hash.LENGTH);
    System.arraycopy(right, 0, input, 1 + Hash.LENGTH, Hash.LENGTH);
    return digest();
  }

  private byte[] digest() {
    sha256.update(input);
    return sha256.digest();
  }
}
