package org.bcos.types;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 (the JDK's, hardware accelerated) with domain separation: {@code domain(tag, parts)} =
 * SHA-256(len(tag) as one byte || tag in ASCII || parts...). Tags are versioned ("BCOS/tx/v1"), so
 * a digest of one kind of thing can never be mistaken for another.
 */
public final class Digests {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
          });

  private Digests() {}

  public static Hash sha256(byte[] data) {
    return sha256(data, 0, data.length);
  }

  public static Hash sha256(byte[] data, int offset, int length) {
    MessageDigest md = SHA256.get();
    md.update(data, offset, length);
    return Hash.wrap(md.digest());
  }

  private static byte[] asciiTag(String tag) {
    if (tag.isEmpty() || tag.length() > 255) {
      throw new IllegalArgumentException("a domain tag is 1 to 255 characters, got " + tag.length());
    }
    for (int i = 0; i < tag.length(); i++) {
      if (tag.charAt(i) > 0x7f) throw new IllegalArgumentException("a domain tag must be ASCII");
    }
    return tag.getBytes(StandardCharsets.US_ASCII);
  }

  public static Hash domain(String tag, byte[]... parts) {
    byte[] tagBytes = asciiTag(tag);
    MessageDigest md = SHA256.get();
    md.update((byte) tagBytes.length);
    md.update(tagBytes);
    for (byte[] part : parts) md.update(part);
    return Hash.wrap(md.digest());
  }
}
