package org.bcos.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.bcos.types.TestSeed;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.junit.jupiter.api.Test;

/**
 * The fast {@link Zip215Verifier} (limb arithmetic, wNAF) against the BigInteger oracle {@link
 * Zip215OracleVerifier} it replaced: same verdict on valid signatures, on bit flips, on random
 * encodings, on every small-order and non-canonical encoding, on valid-by-construction mixed-order
 * signatures, and on S around L. Every other verifier path is held to the same verdict. Replay with
 * {@code -Dbcos.test.seed=<seed>}.
 */
class Zip215OracleAgreementTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final BigInteger L = Zip215OracleVerifier.L;
  private static final BigInteger P = EdwardsPoint.P;
  private static final EdwardsPoint BASE =
      EdwardsPoint.decodeZip215(
          HEX.parseHex("5866666666666666666666666666666666666666666666666666666666666666"), 0);
  private static final List<byte[]> SMALL_ORDER =
      VerifierAgreementTest.SMALL_ORDER_ENCODINGS.stream().map(HEX::parseHex).toList();
  private static final SignatureVerifier FAST = new Zip215Verifier();
  private static final SignatureVerifier ORACLE = new Zip215OracleVerifier();
  private static final List<SignatureVerifier> PATHS = Verifiers.all();

  private static long seed(String property) {
    return TestSeed.of("Zip215OracleAgreementTest." + property);
  }

  /** Every path gives the oracle's verdict; returns it. */
  private static boolean agree(byte[] publicKey, byte[] message, byte[] signature) {
    boolean expected = ORACLE.verify(publicKey, message, signature);
    for (SignatureVerifier verifier : PATHS) {
      assertEquals(
          expected,
          verifier.verify(publicKey, message, signature),
          () ->
              verifier.name() + " A=" + HEX.formatHex(publicKey) + " sig=" + HEX.formatHex(signature)
                  + " M=" + HEX.formatHex(message));
    }
    return expected;
  }

  @Test
  void randomValidSignaturesAreAcceptedByBoth() {
    qt().withFixedSeed(seed("valid"))
        .withExamples(60)
        .forAll(longs().all(), integers().between(0, 200))
        .checkAssert(
            (keySeed, length) -> {
              Signed signed = Signed.random(keySeed, length);
              assertTrue(agree(signed.publicKey, signed.message, signed.signature));
            });
  }

  @Test
  void bitFlipsInRASAndMessageGetTheOraclesVerdict() {
    qt().withFixedSeed(seed("bitFlips"))
        .withExamples(200)
        .forAll(longs().all(), integers().between(0, 40), integers().between(0, Integer.MAX_VALUE))
        .checkAssert(
            (keySeed, length, flip) -> {
              Signed signed = Signed.random(keySeed, length);
              signed.flipBit(flip % ((32 + 64 + signed.message.length) * 8));
              agree(signed.publicKey, signed.message, signed.signature);
            });
  }

  @Test
  void randomEncodingsAsRAndAGetTheOraclesVerdict() {
    qt().withFixedSeed(seed("randomEncodings"))
        .withExamples(200)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              Signed signed = Signed.random(random.nextLong(), random.nextInt(40));
              int which = random.nextInt(3); // 0: A, 1: R, 2: both
              if (which != 1) {
                random.nextBytes(signed.publicKey);
              }
              if (which != 0) {
                byte[] r = new byte[32];
                random.nextBytes(r);
                System.arraycopy(r, 0, signed.signature, 0, 32);
              }
              if (random.nextBoolean()) {
                System.arraycopy(randomScalar(random), 0, signed.signature, 32, 32);
              }
              agree(signed.publicKey, signed.message, signed.signature);
            });
  }

  /** Decoding alone, directly against the oracle's, on random and non-canonical encodings. */
  @Test
  void decodingMatchesTheOracle() {
    qt().withFixedSeed(seed("decoding"))
        .withExamples(1000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              SplittableRandom random = new SplittableRandom(seed);
              byte[] encoding = new byte[32];
              random.nextBytes(encoding);
              if (random.nextInt(4) == 0) {
                // y + p < 2^255: y in [0, 18], either sign
                encoding = littleEndian(BigInteger.valueOf(random.nextInt(19)).add(P));
                encoding[31] |= (byte) (random.nextBoolean() ? 0x80 : 0);
              }
              assertDecodesLikeOracle(encoding);
            });
  }

  @Test
  void smallOrderAndNonCanonicalEncodingsDecodeLikeTheOracle() {
    for (byte[] encoding : SMALL_ORDER) {
      assertDecodesLikeOracle(encoding);
    }
    for (int y = 0; y < 19; y++) {
      for (int sign = 0; sign < 2; sign++) {
        byte[] canonical = littleEndian(BigInteger.valueOf(y));
        byte[] nonCanonical = littleEndian(BigInteger.valueOf(y).add(P));
        canonical[31] |= (byte) (sign << 7);
        nonCanonical[31] |= (byte) (sign << 7);
        assertDecodesLikeOracle(canonical);
        assertDecodesLikeOracle(nonCanonical);
      }
    }
  }

  @Test
  void smallOrderEncodingsWithRandomScalarsGetTheOraclesVerdict() {
    qt().withFixedSeed(seed("smallOrder"))
        .withExamples(150)
        .forAll(longs().all(), integers().between(0, 13), integers().between(0, 13))
        .checkAssert(
            (seed, aIndex, rIndex) -> {
              SplittableRandom random = new SplittableRandom(seed);
              byte[] message = new byte[random.nextInt(20)];
              random.nextBytes(message);
              byte[] signature = new byte[64];
              System.arraycopy(SMALL_ORDER.get(rIndex), 0, signature, 0, 32);
              int kind = random.nextInt(4);
              byte[] s =
                  kind == 0 ? new byte[32]
                  : kind == 1 ? littleEndian(BigInteger.valueOf(random.nextInt(16)))
                  : randomScalar(random);
              System.arraycopy(s, 0, signature, 32, 32);
              byte[] publicKey =
                  random.nextInt(4) == 0 ? nonCanonicalLowY(random) : SMALL_ORDER.get(aIndex);
              agree(publicKey.clone(), message, signature);
            });
  }

  /**
   * ZIP-215-valid signatures the strict fast paths reject: A = [a]B + T2 and R = [r]B + T1 for
   * small-order T1, T2 (when a or r is 0, any of the 14 small-order encodings, canonical or not),
   * S = r + k a mod L. Then [8][S]B = [8]R + [8][k]A. Both verifiers must accept, and every bit flip
   * of them must get the oracle's verdict.
   */
  @Test
  void mixedOrderSignaturesAreAcceptedByBothAndTheirBitFlipsAgree() {
    qt().withFixedSeed(seed("mixedOrder"))
        .withExamples(60)
        .forAll(longs().all(), integers().between(0, Integer.MAX_VALUE))
        .checkAssert(
            (seed, flip) -> {
              SplittableRandom random = new SplittableRandom(seed);
              BigInteger a = random.nextInt(4) == 0 ? BigInteger.ZERO : randomBelowL(random);
              BigInteger r = random.nextInt(4) == 0 ? BigInteger.ZERO : randomBelowL(random);
              byte[] publicKey = withTorsion(a, random);
              byte[] nonce = withTorsion(r, random);
              byte[] message = new byte[random.nextInt(30)];
              random.nextBytes(message);
              BigInteger k = challenge(nonce, publicKey, message);
              byte[] signature = new byte[64];
              System.arraycopy(nonce, 0, signature, 0, 32);
              System.arraycopy(littleEndian(r.add(k.multiply(a)).mod(L)), 0, signature, 32, 32);
              assertTrue(agree(publicKey, message, signature), "constructed valid signature");
              int bit = flip % ((32 + 64 + message.length) * 8);
              Signed flipped = new Signed(publicKey.clone(), message.clone(), signature.clone());
              flipped.flipBit(bit);
              agree(flipped.publicKey, flipped.message, flipped.signature);
            });
  }

  @Test
  void scalarsAroundTheGroupOrderGetTheOraclesVerdict() {
    qt().withFixedSeed(seed("aroundL"))
        .withExamples(100)
        .forAll(longs().all(), integers().between(-40, 40))
        .checkAssert(
            (keySeed, delta) -> {
              SplittableRandom random = new SplittableRandom(keySeed);
              Signed signed = Signed.random(keySeed, random.nextInt(20));
              BigInteger s;
              switch (random.nextInt(4)) {
                case 0 -> s = L.add(BigInteger.valueOf(delta)); // L - 40 .. L + 40
                case 1 -> // the valid S plus a multiple of L, while it fits 256 bits
                    s =
                        fromLittleEndian(signed.signature, 32)
                            .add(L.multiply(BigInteger.valueOf(1 + random.nextInt(15))));
                case 2 -> s = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.valueOf(1 + random.nextInt(1000)));
                default -> s = BigInteger.ONE.shiftLeft(252 + random.nextInt(4)).add(BigInteger.valueOf(delta));
              }
              System.arraycopy(littleEndian(s.mod(BigInteger.ONE.shiftLeft(256))), 0, signed.signature, 32, 32);
              agree(signed.publicKey, signed.message, signed.signature);
            });
  }

  @Test
  void groupOrderBoundaryIsExact() {
    Signed signed = Signed.random(7, 3);
    for (BigInteger s : List.of(L.subtract(BigInteger.ONE), L, L.add(BigInteger.ONE))) {
      System.arraycopy(littleEndian(s), 0, signed.signature, 32, 32);
      assertEquals(
          s.compareTo(L) < 0, Zip215Verifier.belowGroupOrder(signed.signature, 32), s.toString(16));
      agree(signed.publicKey, signed.message, signed.signature);
    }
  }

  /** The wNAF digits are odd, bounded, spaced, and sum back to the scalar. */
  @Test
  void wnafRecodesTheScalar() {
    qt().withFixedSeed(seed("wnaf"))
        .withExamples(2000)
        .forAll(longs().all(), integers().between(2, 8))
        .checkAssert(
            (seed, width) -> {
              SplittableRandom random = new SplittableRandom(seed);
              byte[] scalar = new byte[32];
              random.nextBytes(scalar);
              scalar[31] &= (byte) (random.nextBoolean() ? 0x1f : 0x7f); // < 2^253, or < 2^255
              if (random.nextInt(8) == 0) {
                scalar = littleEndian(L.subtract(BigInteger.valueOf(random.nextInt(100))));
              }
              byte[] digits = Edwards25519.wnaf(scalar, width);
              BigInteger sum = BigInteger.ZERO;
              int lastNonZero = -width;
              for (int i = 0; i < digits.length; i++) {
                int d = digits[i];
                if (d != 0) {
                  assertEquals(1, d & 1, "odd");
                  assertTrue(Math.abs(d) < (1 << (width - 1)), "bounded");
                  assertTrue(i - lastNonZero >= width, "spaced");
                  lastNonZero = i;
                  sum = sum.add(BigInteger.valueOf(d).shiftLeft(i));
                }
              }
              assertEquals(fromLittleEndian(scalar, 0), sum);
            });
  }

  // ---- helpers ----

  private static void assertDecodesLikeOracle(byte[] encoding) {
    EdwardsPoint expected = EdwardsPoint.decodeZip215(encoding, 0);
    Edwards25519.Extended actual = Edwards25519.decodeZip215(encoding, 0);
    String hex = HEX.formatHex(encoding);
    if (expected == null) {
      assertNull(actual, hex);
      return;
    }
    assertNotNull(actual, hex);
    assertEquals(BigInteger.ONE, value(actual.z), hex);
    assertEquals(expected.x(), value(actual.x), hex);
    assertEquals(expected.y(), value(actual.y), hex);
    assertEquals(expected.t(), value(actual.t), hex);
  }

  /** The canonical value in [0, p) of limbs. */
  private static BigInteger value(int[] limbs) {
    int[] copy = X25519Field.create();
    X25519Field.copy(limbs, 0, copy, 0);
    X25519Field.normalize(copy);
    byte[] bytes = new byte[32];
    X25519Field.encode(copy, bytes, 0);
    return fromLittleEndian(bytes, 0);
  }

  /** A decodable encoding y + p (y < 19, so y + p < 2^255), either sign. */
  private static byte[] nonCanonicalLowY(SplittableRandom random) {
    while (true) {
      byte[] encoding = littleEndian(BigInteger.valueOf(random.nextInt(19)).add(P));
      encoding[31] |= (byte) (random.nextBoolean() ? 0x80 : 0);
      if (EdwardsPoint.decodeZip215(encoding, 0) != null) {
        return encoding;
      }
    }
  }

  /** Encoding of [scalar]B + T for a random small-order T; for scalar 0, any small-order encoding. */
  private static byte[] withTorsion(BigInteger scalar, SplittableRandom random) {
    byte[] torsion = SMALL_ORDER.get(random.nextInt(SMALL_ORDER.size()));
    if (scalar.signum() == 0) {
      return torsion.clone();
    }
    EdwardsPoint point =
        BASE.doubleScalarMultiply(scalar, EdwardsPoint.IDENTITY, BigInteger.ZERO)
            .add(EdwardsPoint.decodeZip215(torsion, 0));
    return point.encode();
  }

  private static BigInteger challenge(byte[] nonce, byte[] publicKey, byte[] message) {
    try {
      MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
      sha512.update(nonce);
      sha512.update(publicKey);
      sha512.update(message);
      return fromLittleEndian(sha512.digest(), 0, 64).mod(L);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger randomBelowL(SplittableRandom random) {
    return fromLittleEndian(randomScalar(random), 0);
  }

  /** Uniform-ish below L: 32 random bytes mod L. */
  private static byte[] randomScalar(SplittableRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return littleEndian(fromLittleEndian(bytes, 0).mod(L));
  }

  private static BigInteger fromLittleEndian(byte[] bytes, int offset) {
    return fromLittleEndian(bytes, offset, 32);
  }

  private static BigInteger fromLittleEndian(byte[] bytes, int offset, int length) {
    byte[] bigEndian = new byte[length];
    for (int i = 0; i < length; i++) {
      bigEndian[i] = bytes[offset + length - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  /** 32 bytes little-endian; value must be in [0, 2^256). */
  private static byte[] littleEndian(BigInteger value) {
    assertTrue(value.signum() >= 0 && value.bitLength() <= 256, value.toString(16));
    return EdwardsPoint.toLittleEndian32(value);
  }

  private static final class Signed {
    final byte[] publicKey;
    final byte[] message;
    final byte[] signature;

    Signed(byte[] publicKey, byte[] message, byte[] signature) {
      this.publicKey = publicKey;
      this.message = message;
      this.signature = signature;
    }

    static Signed random(long keySeed, int messageLength) {
      SplittableRandom random = new SplittableRandom(keySeed);
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      byte[] message = new byte[messageLength];
      random.nextBytes(message);
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
      return new Signed(key.publicKey(), message, key.sign(message));
    }

    /** Bits 0-255 are A, 256-511 R, 512-767 S, then the message. */
    void flipBit(int bit) {
      if (bit < 256) {
        publicKey[bit / 8] ^= (byte) (1 << (bit % 8));
      } else if (bit < 768) {
        signature[(bit - 256) / 8] ^= (byte) (1 << (bit % 8));
      } else {
        message[(bit - 768) / 8] ^= (byte) (1 << (bit % 8));
      }
    }
  }
}
