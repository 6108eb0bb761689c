package org.bcos.types;

import java.util.Arrays;

/**
 * An account address: the 32-byte Ed25519 public key, shown as bech32m with prefix {@code dd}
 * ({@code dd1…}).
 */
public final class Address implements Comparable<Address> {
  public static final int LENGTH = 32;
  public static final String PREFIX = "dd";

  private final byte[] bytes;
  private final int hashCode;

  private Address(byte[] bytes) {
    this.bytes = bytes;
    this.hashCode = Arrays.hashCode(bytes);
  }

  public static Address wrap(byte[] publicKey) {
    if (publicKey.length != LENGTH) {
      throw new IllegalArgumentException("an address is 32 bytes, got " + publicKey.length);
    }
    return new Address(publicKey.clone());
  }

  /**
   * Parses {@code dd1…} text.
   *
   * @throws Bech32m.Bech32mException naming what is wrong (checksum, prefix, characters, length)
   */
  public static Address parse(String text) {
    Bech32m.Decoded decoded = Bech32m.decode(text);
    if (!decoded.prefix().equals(PREFIX)) {
      throw new Bech32m.Bech32mException(
          "address prefix must be '" + PREFIX + "', got '" + decoded.prefix() + "'");
    }
    if (decoded.data().length != LENGTH) {
      throw new Bech32m.Bech32mException(
          "address must carry 32 bytes, got " + decoded.data().length);
    }
    return new Address(decoded.data());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, LENGTH);
  }

  @Override
  public int compareTo(Address other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && hashCode == a.hashCode && Arrays.equals(bytes, a.bytes);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  /** The bech32m form {@code dd1…}. */
  @Override
  public String toString() {
    return Bech32m.encode(PREFIX, bytes);
  }
}
