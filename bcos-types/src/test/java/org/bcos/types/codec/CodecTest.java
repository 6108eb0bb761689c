package org.bcos.types.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class CodecTest {
  @Test
  void varintRoundTripsForAllNonNegativeLongs() {
    qt().forAll(longs().between(0, Long.MAX_VALUE))
        .checkAssert(
            v -> {
              Decoder d = new Decoder(new Encoder().varint(v).toByteArray());
              assertEquals(v, d.varint(Long.MAX_VALUE));
              d.finish();
            });
  }

  @Test
  void fixedWidthAndStringsRoundTrip() {
    qt().forAll(longs().between(0, Long.MAX_VALUE), strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(
            (v, s) -> {
              // lone surrogates cannot be UTF-8; the encoder would replace them, so skip them
              if (!s.equals(new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  java.nio.charset.StandardCharsets.UTF_8))) return;
              byte[] bytes = new Encoder().u64(v).string(s).bool(true).u32(v & 0xffffffffL)
                  .toByteArray();
              Decoder d = new Decoder(bytes);
              assertEquals(v, d.u64());
              assertEquals(s, d.string(1000));
              assertEquals(true, d.bool());
              assertEquals(v & 0xffffffffL, d.u32());
              d.finish();
            });
  }

  @Test
  void refusesNonMinimalVarint() {
    CodecException e =
        assertThrows(
            CodecException.class, () -> new Decoder(new byte[] {(byte) 0x81, 0x00}).varint(100));
    assertEquals(CodecException.Reason.NON_CANONICAL_VARINT, e.reason());
  }

  @Test
  void refusesTrailingBytesTruncationAndOverlongLengths() {
    Decoder trailing = new Decoder(new byte[] {1, 2});
    trailing.u8();
    assertEquals(
        CodecException.Reason.TRAILING_BYTES,
        assertThrows(CodecException.class, trailing::finish).reason());
    assertEquals(
        CodecException.Reason.TRUNCATED,
        assertThrows(CodecException.class, () -> new Decoder(new byte[3]).u64()).reason());
    byte[] long10 = new Encoder().bytes(new byte[10]).toByteArray();
    assertEquals(
        CodecException.Reason.LENGTH_TOO_LARGE,
        assertThrows(CodecException.class, () -> new Decoder(long10).bytes(9)).reason());
    assertArrayEquals(new byte[10], new Decoder(long10).bytes(10));
  }

  @Test
  void refusesInvalidBooleanAndUtf8() {
    assertEquals(
        CodecException.Reason.INVALID_VALUE,
        assertThrows(CodecException.class, () -> new Decoder(new byte[] {2}).bool()).reason());
    byte[] badUtf8 = new Encoder().bytes(new byte[] {(byte) 0xc3, 0x28}).toByteArray();
    assertEquals(
        CodecException.Reason.INVALID_VALUE,
        assertThrows(CodecException.class, () -> new Decoder(badUtf8).string(10)).reason());
  }

  @Test
  void refusesU64AboveSignedRange() {
    byte[] max = {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0};
    assertThrows(CodecException.class, () -> new Decoder(max).u64());
  }
}
