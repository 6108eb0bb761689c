package org.bcos.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bcos.types.Address;

/**
 * An Ed25519 key pair: the 32-byte RFC 8032 seed (the private key) and the 32-byte public key.
 *
 * <p>The constructor checks both lengths and that the public key belongs to the seed; arrays are
 * copied in and out, so an instance cannot be changed. {@link #toString()} never shows the seed.
 */
public record Ed25519KeyPair(byte[] seed, byte[] publicKey) {
  /** Seed, public key and signature sizes in bytes. */
  public static final int SEED_BYTES = 32;

  public static final int PUBLIC_KEY_BYTES = 32;
  public static final int SIGNATURE_BYTES = 64;

  /**
   * @throws IllegalArgumentException if a length is wrong or the public key is not the seed's
   */
  public Ed25519KeyPair {
    if (seed == null || seed.length != SEED_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 seed is 32 bytes, got " + (seed == null ? "null" : seed.length));
    }
    if (publicKey == null || publicKey.length != PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is 32 bytes, got "
              + (publicKey == null ? "null" : publicKey.length));
    }
    seed = seed.clone();
    publicKey = publicKey.clone();
    if (!Arrays.equals(publicKey, derivePublicKey(seed))) {
      throw new IllegalArgumentException("the public key does not belong to the seed");
    }
  }

  /** The key pair of a 32-byte seed (RFC 8032 section 5.1.5). */
  public static Ed25519KeyPair fromSeed(byte[] seed32) {
    if (seed32 == null || seed32.length != SEED_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 seed is 32 bytes, got " + (seed32 == null ? "null" : seed32.length));
    }
    return new Ed25519KeyPair(seed32, derivePublicKey(seed32));
  }

  /** A new key pair from 32 bytes of {@code random}. */
  public static Ed25519KeyPair generate(SecureRandom random) {
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    try {
      return fromSeed(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** A copy of the seed. */
  @Override
  public byte[] seed() {
    return seed.clone();
  }

  /** A copy of the public key. */
  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The account address, which is the public key. */
  public Address address() {
    return Address.wrap(publicKey);
  }

  /** The 64-byte RFC 8032 signature of {@code message} (deterministic). */
  public byte[] sign(byte[] message) {
    byte[] signature = new byte[SIGNATURE_BYTES];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  private static byte[] derivePublicKey(byte[] seed32) {
    byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed32, 0, publicKey, 0);
    return publicKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519KeyPair other
        && Arrays.equals(seed, other.seed)
        && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[address=" + address() + "]";
  }
}
