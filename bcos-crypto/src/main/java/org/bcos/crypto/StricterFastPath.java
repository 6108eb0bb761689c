package org.bcos.crypto;

/**
 * A fast verifier whose rule is stricter than ZIP-215 (it only ever turns ZIP-215 accepts into
 * rejects): its accept is final, and its reject is re-decided by {@link Zip215Verifier}, so the
 * answer is always exactly ZIP-215's.
 */
abstract class StricterFastPath implements SignatureVerifier {
  private final Zip215Verifier reference = new Zip215Verifier();

  /** Whether the fast, stricter check accepts; must not throw. */
  abstract boolean fastAccepts(byte[] publicKey32, byte[] message, byte[] signature64);

  /** Inputs every path refuses before any curve arithmetic. */
  static boolean wellFormed(byte[] publicKey32, byte[] message, byte[] signature64) {
    return publicKey32 != null && message != null && signature64 != null
        && publicKey32.length == 32 && signature64.length == 64;
  }

  @Override
  public final boolean verify(byte[] publicKey32, byte[] message, byte[] signature64) {
    if (!wellFormed(publicKey32, message, signature64)) return false;
    return fastAccepts(publicKey32, message, signature64)
        || reference.verify(publicKey32, message, signature64);
  }
}
