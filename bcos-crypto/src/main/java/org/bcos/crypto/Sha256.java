package org.bcos.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bcos.types.Hash;

/**
 * SHA-256 hashing, plain and domain-separated.
 *
 * <p>One {@link MessageDigest} per thread: the JDK's SHA-256 uses the CPU's SHA extensions where
 * present, and reusing the instance avoids a provider lookup per hash.
 */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(() -> newDigest("SHA-256"));

  private Sha256() {}

  /** SHA-256 of all of {@code data}. */
  public static Hash hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  /** SHA-256 of {@code data[offset, offset + length)}. */
  public static Hash hash(byte[] data, int offset, int length) {
    MessageDigest digest = DIGEST.get();
    digest.reset();
    digest.update(data, offset, length);
    return Hash.wrap(digest.digest());
  }

  /**
   * Domain-separated hash: SHA-256(len(tag) || tag || part1 || part2 || ...), where len(tag) is one
   * byte and the tag is ASCII, e.g. {@code "BCOS/tx/v1"}. Two different tags can never produce the
   * same preimage because the length prefix fixes where the tag ends.
   *
   * @throws IllegalArgumentException if the tag is empty, longer than 255 bytes or not ASCII
   */
  public static Hash domain(String tag, byte[]... parts) {
    byte[] tagBytes = asciiTag(tag);
    MessageDigest digest = DIGEST.get();
    digest.reset();
    digest.update((byte) tagBytes.length);
    digest.update(tagBytes);
    for (byte[] part : parts) {
      digest.update(part);
    }
    return Hash.wrap(digest.digest());
  }

  private static byte[] asciiTag(String tag) {
    if (tag.isEmpty() || tag.length() > 255) {
      throw new IllegalArgumentException("a domain tag is 1 to 255 characters, got " + tag.length());
    }
    for (int i = 0; i < tag.length(); i++) {
      if (tag.charAt(i) > 0x7f) {
        throw new IllegalArgumentException("a domain tag must be ASCII: " + tag);
      }
    }
    return tag.getBytes(StandardCharsets.US_ASCII);
  }

  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }
}
