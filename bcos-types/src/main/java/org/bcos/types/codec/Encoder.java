package org.bcos.types.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/**
 * Writes the canonical BCOS binary form: big-endian fixed-width integers, unsigned LEB128 varint
 * lengths, length-prefixed bytes, no maps. Every value has exactly one encoding.
 */
public final class Encoder {
  private byte[] buf;
  private int size;

  public Encoder() {
    this(128);
  }

  public Encoder(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public Encoder u8(int value) {
    if (value < 0 || value > 0xff) throw new IllegalArgumentException("u8 out of range: " + value);
    ensure(1);
    buf[size++] = (byte) value;
    return this;
  }

  public Encoder bool(boolean value) {
    return u8(value ? 1 : 0);
  }

  public Encoder u32(long value) {
    if (value < 0 || value > 0xffff_ffffL) {
      throw new IllegalArgumentException("u32 out of range: " + value);
    }
    ensure(4);
    for (int i = 3; i >= 0; i--) buf[size++] = (byte) (value >>> (8 * i));
    return this;
  }

  /** A non-negative 64-bit integer (heights, nonces, amounts, times). */
  public Encoder u64(long value) {
    if (value < 0) throw new IllegalArgumentException("u64 must be non-negative: " + value);
    ensure(8);
    for (int i = 7; i >= 0; i--) buf[size++] = (byte) (value >>> (8 * i));
    return this;
  }

  public Encoder varint(long value) {
    if (value < 0) throw new IllegalArgumentException("varint must be non-negative: " + value);
    ensure(10);
    long v = value;
    while ((v & ~0x7fL) != 0) {
      buf[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  /** Raw bytes of a length fixed by the schema (no prefix). */
  public Encoder fixed(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  public Encoder hash(Hash hash) {
    ensure(Hash.LENGTH);
    hash.copyTo(buf, size);
    size += Hash.LENGTH;
    return this;
  }

  public Encoder address(Address address) {
    ensure(Address.LENGTH);
    address.copyTo(buf, size);
    size += Address.LENGTH;
    return this;
  }

  /** Varint length, then the bytes. */
  public Encoder bytes(byte[] bytes) {
    varint(bytes.length);
    return fixed(bytes);
  }

  public Encoder string(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
