package org.bcos.crypto;

/**
 * Pure-Java fast path: BouncyCastle's RFC 8032 verifier, with {@link Zip215Verifier} deciding
 * every case BouncyCastle rejects.
 *
 * <p>Why a BouncyCastle ACCEPT is always a ZIP-215 accept: BouncyCastle accepts only when (1) S &lt;
 * L; (2) A and R are canonical encodings (y &lt; p, no "negative zero" x), which ZIP-215 also
 * accepts and decodes to the same points; (3) k is SHA-512 over the received R and A bytes and the
 * message, as in ZIP-215; and (4) the group equation holds, either cofactorless, [S]B = R + [k]A,
 * or cofactored. Multiplying a cofactorless equality by 8 gives the cofactored one, so in both
 * cases ZIP-215's condition [8][S]B = [8]R + [8][k]A holds. BouncyCastle's extra checks
 * (canonical encodings, small-order or mixed-order points, the exact equation) can only turn a
 * ZIP-215 accept into a reject, never the reverse, and every reject is re-decided here by the
 * reference. The final answer is therefore exactly ZIP-215's; {@code VerifierAgreementTest} checks
 * it on the edge-case vectors and on random mutations.
 */
public final class BouncyCastleVerifier extends StricterFastPath {

  /** Creates the verifier; it holds no mutable state. */
  public BouncyCastleVerifier() {}

  /** BouncyCastle's stricter check; any exception it throws counts as "not accepted". */
  @Override
  boolean fastAccepts(byte[] publicKey32, byte[] message, byte[] signature64) {
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          signature64, 0, publicKey32, 0, message, 0, message.length);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String name() {
    return "bouncycastle";
  }
}
