package org.bcos.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;

/**
 * The reference Ed25519 verifier: the ZIP-215 rule, exactly.
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
 * <p>{@link BouncyCastleVerifier} and {@link SodiumVerifier} call it whenever their faster,
 * stricter check says no, so anyone can make a node run it by sending a bad signature. It is
 * therefore fast too: fixed-size limb arithmetic ({@link Edwards25519}) with a wNAF double-scalar
 * multiplication, a fraction of a millisecond per call whether the signature is valid or not. The
 * plain-BigInteger transcription of the rule it replaced is kept in the tests as its oracle.
 */
public final class Zip215Verifier implements SignatureVerifier {
  /** L = 2^252 + 27742317777372353535851937790883648493, the prime order of the base point. */
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  /** L, little-endian. */
  private static final byte[] L_BYTES = littleEndian32(L);

  private static final ThreadLocal<MessageDigest> SHA512 =
      ThreadLocal.withInitial(() -> Sha256.newDigest("SHA-512"));

  /** Creates the verifier; it holds no state. */
  public Zip215Verifier() {}

  @Override
  public boolean verify(byte[] publicKey32, byte[] message, byte[] signature64) {
    if (!StricterFastPath.wellFormed(publicKey32, message, signature64)) {
      return false;
    }
    if (!belowGroupOrder(signature64, 32)) {
      return false;
    }
    Edwards25519.Extended a = Edwards25519.decodeZip215(publicKey32, 0);
    if (a == null) {
      return false;
    }
    Edwards25519.Extended r = Edwards25519.decodeZip215(signature64, 0);
    if (r == null) {
      return false;
    }
    byte[] s = new byte[32];
    System.arraycopy(signature64, 32, s, 0, 32);
    byte[] k = challenge(signature64, publicKey32, message);
    // [8]([S]B - [k]A - R) == identity  <=>  [8][S]B == [8]R + [8][k]A
    return new Edwards25519().cofactoredEquationHolds(s, k, a, r);
  }

  @Override
  public String name() {
    return "zip215";
  }

  /** Whether the little-endian 32 bytes at {@code offset} are a number below L. */
  static boolean belowGroupOrder(byte[] bytes, int offset) {
    for (int i = 31; i >= 0; i--) {
      int b = bytes[offset + i] & 0xff;
      int l = L_BYTES[i] & 0xff;
      if (b != l) {
        return b < l;
      }
    }
    return false; // equal to L
  }

  /** k = SHA-512(R || A || M) mod L, little-endian. */
  private static byte[] challenge(byte[] signature64, byte[] publicKey32, byte[] message) {
    MessageDigest sha512 = SHA512.get();
    sha512.reset();
    sha512.update(signature64, 0, 32);
    sha512.update(publicKey32);
    sha512.update(message);
    byte[] digest = sha512.digest();
    byte[] bigEndian = new byte[64];
    for (int i = 0; i < 64; i++) {
      bigEndian[i] = digest[63 - i];
    }
    return littleEndian32(new BigInteger(1, bigEndian).mod(L));
  }

  private static byte[] littleEndian32(BigInteger value) {
    byte[] out = new byte[32];
    byte[] bigEndian = value.toByteArray();
    for (int i = 0; i < 32 && i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }
}
