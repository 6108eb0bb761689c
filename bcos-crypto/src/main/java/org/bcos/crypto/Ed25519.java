package org.bcos.crypto;

/**
 * Entry point for Ed25519 verification under the one BCOS rule, ZIP-215 (see {@link
 * Zip215Verifier}).
 *
 * <p>{@link #verifier()} picks the fastest available implementation once: libsodium through FFM if
 * it loads, else BouncyCastle. Setting the system property {@code bcos.crypto.native=false} forces
 * the pure-Java path. All implementations give identical answers.
 */
public final class Ed25519 {
  /** System property that, set to {@code false}, disables the native verifier. */
  public static final String NATIVE_PROPERTY = "bcos.crypto.native";

  private Ed25519() {}

  /** The best available verifier, chosen on first use. */
  public static SignatureVerifier verifier() {
    return Best.VERIFIER;
  }

  /** Verifies with {@link #verifier()}; false for wrong lengths, never throws. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return Best.VERIFIER.verify(publicKey, message, signature);
  }

  static SignatureVerifier choose(boolean nativeAllowed) {
    if (nativeAllowed) {
      var sodium = SodiumVerifier.load();
      if (sodium.isPresent()) {
        return sodium.get();
      }
    }
    return new BouncyCastleVerifier();
  }

  private static final class Best {
    static final SignatureVerifier VERIFIER =
        choose(!"false".equalsIgnoreCase(System.getProperty(NATIVE_PROPERTY, "true").trim()));
  }
}
