package org.bcos.types.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException.Reason;

/**
 * Strict reader of the canonical form written by {@link Encoder}: refuses truncation, overlong or
 * non-minimal varints, lengths over the caller's limit, invalid booleans and UTF-8, and (via
 * {@link #finish()}) trailing bytes.
 */
public final class Decoder {
  private final byte[] buf;
  private int pos;

  public Decoder(byte[] bytes) {
    this.buf = bytes;
  }

  private void need(int n) {
    if (n < 0 || buf.length - pos < n) {
      throw new CodecException(Reason.TRUNCATED, "input ends early at byte " + pos);
    }
  }

  public int u8() {
    need(1);
    return buf[pos++] & 0xff;
  }

  public boolean bool() {
    int v = u8();
    if (v > 1) throw new CodecException(Reason.INVALID_VALUE, "boolean must be 0 or 1, got " + v);
    return v == 1;
  }

  public long u32() {
    need(4);
    long v = 0;
    for (int i = 0; i < 4; i++) v = (v << 8) | (buf[pos++] & 0xff);
    return v;
  }

  /**
   * A u32 for a field held as a Java {@code int}: values above 2^31-1 are refused, not wrapped to
   * a negative number that the encoder would then refuse to write back.
   */
  public int u32AsInt() {
    long v = u32();
    if (v > Integer.MAX_VALUE) {
      throw new CodecException(Reason.INVALID_VALUE, "u32 " + v + " above 2^31-1");
    }
    return (int) v;
  }

  public long u64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos++] & 0xff);
    if (v < 0) throw new CodecException(Reason.INVALID_VALUE, "u64 above 2^63-1");
    return v;
  }

  /** A minimal unsigned LEB128 value no larger than {@code max}. */
  public long varint(long max) {
    long value = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      int b = u8();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) {
          throw new CodecException(Reason.NON_CANONICAL_VARINT, "varint has a redundant zero byte");
        }
        if (value > max) {
          throw new CodecException(Reason.LENGTH_TOO_LARGE, "value " + value + " over limit " + max);
        }
        return value;
      }
    }
    throw new CodecException(Reason.NON_CANONICAL_VARINT, "varint longer than 9 bytes");
  }

  public byte[] fixed(int length) {
    need(length);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
    pos += length;
    return out;
  }

  public Hash hash() {
    return Hash.wrap(fixed(Hash.LENGTH));
  }

  public Address address() {
    return Address.wrap(fixed(Address.LENGTH));
  }

  public byte[] bytes(int maxLength) {
    int length = (int) varint(maxLength);
    return fixed(length);
  }

  public String string(int maxBytes) {
    byte[] raw = bytes(maxBytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException(Reason.INVALID_VALUE, "text is not valid UTF-8");
    }
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return buf.length - pos;
  }

  /** Ends decoding; refuses any byte left over. */
  public void finish() {
    if (pos != buf.length) {
      throw new CodecException(
          Reason.TRAILING_BYTES, (buf.length - pos) + " trailing byte(s) after the value");
    }
  }
}
