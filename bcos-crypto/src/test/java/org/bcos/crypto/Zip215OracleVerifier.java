package org.bcos.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Test oracle: the ZIP-215 rule, exactly, in plain BigInteger arithmetic (this was the production
 * {@code Zip215Verifier} before the limb-based rewrite; {@code Zip215OracleAgreementTest} checks the
 * production verifier against it).
 *
 * <p>ZIP-215 (Zcash, 2020) is the validation rule of BCOS on every path, because under it single
 * and batch verification always agree:
 *
 * <ol>
 *   <li>{@code A} (public key) and {@code R} (first half of the signature) are decoded leniently:
 *       a y-coordinate {@code >= p} is reduced mod p, and x = 0 with the sign bit set is accepted.
 *       An encoding that is not the y of any curve point is rejected.
 *   <li>{@code S} (second half) must be {@code < L}, the prime group order.
 *   <li>{@code k = SHA-512(R_bytes || A_bytes || M) mod L}, hashing the bytes exactly as received.
 *   <li>The cofactored equation must hold: {@code [8][S]B = [8]R + [8][k]A}.
 * </ol>
 *
 * <p>It takes a few milliseconds per call, which is why production uses the limb-based {@link
 * Zip215Verifier} instead.
 */
final class Zip215OracleVerifier implements SignatureVerifier {
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final EdwardsPoint BASE =
      EdwardsPoint.decodeZip215(
          HexFormat.of()
              .parseHex("5866666666666666666666666666666666666666666666666666666666666666"),
          0);
  private static final ThreadLocal<MessageDigest> SHA512 =
      ThreadLocal.withInitial(() -> Sha256.newDigest("SHA-512"));

  /** Creates the verifier; it holds no state. */
  Zip215OracleVerifier() {}

  @Override
  public boolean verify(byte[] publicKey32, byte[] message, byte[] signature64) {
    if (publicKey32 == null || message == null || signature64 == null) {
      return false;
    }
    if (publicKey32.length != 32 || signature64.length != 64) {
      return false;
    }
    byte[] sBytes = new byte[32];
    System.arraycopy(signature64, 32, sBytes, 0, 32);
    BigInteger s = EdwardsPoint.fromLittleEndian(sBytes);
    if (s.compareTo(L) >= 0) {
      return false;
    }
    EdwardsPoint a = EdwardsPoint.decodeZip215(publicKey32, 0);
    EdwardsPoint r = EdwardsPoint.decodeZip215(signature64, 0);
    if (a == null || r == null) {
      return false;
    }
    BigInteger k = challenge(signature64, publicKey32, message);
    // [8]([S]B - [k]A - R) == identity  <=>  [8][S]B == [8]R + [8][k]A
    EdwardsPoint difference = BASE.doubleScalarMultiply(s, a.negate(), k).add(r.negate());
    return difference.multiplyByCofactor().isIdentity();
  }

  @Override
  public String name() {
    return "zip215-oracle";
  }

  private static BigInteger challenge(byte[] signature64, byte[] publicKey32, byte[] message) {
    MessageDigest sha512 = SHA512.get();
    sha512.reset();
    sha512.update(signature64, 0, 32);
    sha512.update(publicKey32);
    sha512.update(message);
    return EdwardsPoint.fromLittleEndian(sha512.digest()).mod(L);
  }
}
