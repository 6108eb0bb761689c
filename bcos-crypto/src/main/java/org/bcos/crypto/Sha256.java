package org.bcos.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bcos.types.Digests;
import org.bcos.types.Hash;

/**
 * SHA-256 hashing, plain and domain-separated, for crypto users. The implementation is {@link
 * Digests} in bcos-types (one per-thread JDK digest, hardware accelerated), so every module hashes
 * the same way.
 */
public final class Sha256 {
  private Sha256() {}

  /** SHA-256 of all of {@code data}. */
  public static Hash hash(byte[] data) {
    return Digests.sha256(data);
  }

  /** SHA-256 of {@code data[offset, offset + length)}. */
  public static Hash hash(byte[] data, int offset, int length) {
    return Digests.sha256(data, offset, length);
  }

  /**
   * Domain-separated hash: SHA-256(len(tag) || tag || part1 || part2 || ...), where len(tag) is one
   * byte and the tag is ASCII, e.g. {@code "BCOS/tx/v1"}.
   *
   * @throws IllegalArgumentException if the tag is empty, longer than 255 bytes or not ASCII
   */
  public static Hash domain(String tag, byte[]... parts) {
    return Digests.domain(tag, parts);
  }

  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }
}
