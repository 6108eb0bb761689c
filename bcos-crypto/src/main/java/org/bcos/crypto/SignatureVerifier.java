package org.bcos.crypto;

/**
 * Verifies Ed25519 signatures under the ZIP-215 rule (see {@link Zip215Verifier}). Every
 * implementation gives the same answer for every input; they differ only in speed.
 */
public interface SignatureVerifier {

  /**
   * Whether {@code signature64} is a valid ZIP-215 signature of {@code message} by {@code
   * publicKey32}. Inputs of the wrong length give {@code false}; this method never throws for any
   * non-null input.
   */
  boolean verify(byte[] publicKey32, byte[] message, byte[] signature64);

  /** A short name for logs and benchmarks, e.g. {@code "sodium"}. */
  String name();
}
