package org.bcos.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every verifier path gives the ZIP-215 answer on the known edge cases. */
class VerifierAgreementTest {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * All 14 encodings of the 8 small-order points that ZIP-215 accepts: the 8 canonical ones and 6
   * non-canonical ones (y >= p, or x = 0 with the sign bit set).
   */
  static final List<String> SMALL_ORDER_ENCODINGS =
      List.of(
          "0100000000000000000000000000000000000000000000000000000000000000",
          "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "0000000000000000000000000000000000000000000000000000000000000000",
          "0000000000000000000000000000000000000000000000000000000000000080",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
          "0100000000000000000000000000000000000000000000000000000000000080",
          "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
          "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
          "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

  static Stream<Arguments> speccheckCases() {
    return Verifiers.records("ed25519-speccheck.txt").stream()
        .map(
            r ->
                Arguments.of(
                    r[0] + ": " + r[1], HEX.parseHex(r[2]), HEX.parseHex(r[3]),
                    HEX.parseHex(r[4]), Boolean.parseBoolean(r[5])));
  }

  @Test
  void thereAreTwelveSpeccheckCases() {
    assertEquals(12, speccheckCases().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("speccheckCases")
  void speccheckCaseGetsTheZip215VerdictOnEveryPath(
      String name, byte[] message, byte[] publicKey, byte[] signature, boolean zip215Accepts) {
    for (SignatureVerifier verifier : Verifiers.all()) {
      assertEquals(
          zip215Accepts, verifier.verify(publicKey, message, signature), verifier.name());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("speccheckCases")
  void fastPathAcceptImpliesZip215Accept(
      String name, byte[] message, byte[] publicKey, byte[] signature, boolean zip215Accepts) {
    if (new BouncyCastleVerifier().fastAccepts(publicKey, message, signature)) {
      assertTrue(zip215Accepts, "BouncyCastle accepted a ZIP-215 reject");
    }
    var sodium = SodiumVerifier.load();
    if (sodium.isPresent() && sodium.get().fastAccepts(publicKey, message, signature)) {
      assertTrue(zip215Accepts, "libsodium accepted a ZIP-215 reject");
    }
  }

  @Test
  void smallOrderEncodingsAreTheFourteenZip215Accepts() {
    int nonCanonical = 0;
    for (String hex : SMALL_ORDER_ENCODINGS) {
      byte[] encoding = HEX.parseHex(hex);
      EdwardsPoint point = EdwardsPoint.decodeZip215(encoding, 0);
      assertNotNull(point, hex);
      assertTrue(point.multiplyByCofactor().isIdentity(), hex + " is of small order");
      if (!Arrays.equals(encoding, point.encode())) {
        nonCanonical++;
      }
    }
    assertEquals(6, nonCanonical);
    assertEquals(14, SMALL_ORDER_ENCODINGS.stream().distinct().count());
  }

  /** ZIP-215's own test set: S = 0 with any small-order A and R (196 pairs) must verify. */
  @Test
  void zeroScalarWithSmallOrderKeyAndNonceVerifiesOnEveryPath() {
    byte[] message = "Zcash".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (SignatureVerifier verifier : Verifiers.all()) {
      for (String a : SMALL_ORDER_ENCODINGS) {
        for (String r : SMALL_ORDER_ENCODINGS) {
          byte[] signature = new byte[64];
          System.arraycopy(HEX.parseHex(r), 0, signature, 0, 32);
          assertTrue(
              verifier.verify(HEX.parseHex(a), message, signature),
              verifier.name() + " A=" + a + " R=" + r);
        }
      }
    }
  }

  @Test
  void scalarNotReducedBelowGroupOrderIsRejectedOnEveryPath() {
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
    byte[] message = {1, 2, 3};
    byte[] signature = key.sign(message);
    byte[] sBytes = Arrays.copyOfRange(signature, 32, 64);
    BigInteger sPlusL = EdwardsPoint.fromLittleEndian(sBytes).add(Zip215Verifier.L);
    System.arraycopy(EdwardsPoint.toLittleEndian32(sPlusL), 0, signature, 32, 32);
    for (SignatureVerifier verifier : Verifiers.all()) {
      assertFalse(verifier.verify(key.publicKey(), message, signature), verifier.name());
    }
  }

  @Test
  void encodingThatIsNoCurvePointIsRejectedOnEveryPath() {
    byte[] notAPoint = firstEncodingThatDoesNotDecode();
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
    byte[] message = {4, 5, 6};
    byte[] signature = key.sign(message);
    byte[] badNonce = signature.clone();
    System.arraycopy(notAPoint, 0, badNonce, 0, 32);
    for (SignatureVerifier verifier : Verifiers.all()) {
      assertFalse(verifier.verify(notAPoint, message, signature), verifier.name());
      assertFalse(verifier.verify(key.publicKey(), message, badNonce), verifier.name());
    }
  }

  @Test
  void wrongLengthsAndNullsGiveFalseWithoutThrowing() {
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
    byte[] message = {7};
    byte[] signature = key.sign(message);
    byte[] publicKey = key.publicKey();
    for (SignatureVerifier verifier : Verifiers.all()) {
      assertTrue(verifier.verify(publicKey, message, signature), verifier.name());
      assertFalse(verifier.verify(Arrays.copyOf(publicKey, 31), message, signature));
      assertFalse(verifier.verify(Arrays.copyOf(publicKey, 33), message, signature));
      assertFalse(verifier.verify(new byte[0], message, signature));
      assertFalse(verifier.verify(publicKey, message, Arrays.copyOf(signature, 63)));
      assertFalse(verifier.verify(publicKey, message, Arrays.copyOf(signature, 65)));
      assertFalse(verifier.verify(publicKey, message, new byte[0]));
      assertFalse(verifier.verify(null, message, signature));
      assertFalse(verifier.verify(publicKey, null, signature));
      assertFalse(verifier.verify(publicKey, message, null));
    }
  }

  @Test
  void facadePicksSodiumWhenItLoadsAndPureJavaWhenNativeIsDisabled() {
    String expected = SodiumVerifier.load().isPresent() ? "sodium" : "bouncycastle";
    assertEquals(expected, Ed25519.choose(true).name());
    assertEquals("bouncycastle", Ed25519.choose(false).name());
  }

  private static byte[] firstEncodingThatDoesNotDecode() {
    for (int y = 2; y < 1000; y++) {
      byte[] encoding = new byte[32];
      encoding[0] = (byte) y;
      encoding[1] = (byte) (y >> 8);
      if (EdwardsPoint.decodeZip215(encoding, 0) == null) {
        return encoding;
      }
    }
    throw new AssertionError("no undecodable y below 1000");
  }

  @Test
  void undecodableEncodingReallyIsNoPoint() {
    assertNull(EdwardsPoint.decodeZip215(firstEncodingThatDoesNotDecode(), 0));
  }
}
