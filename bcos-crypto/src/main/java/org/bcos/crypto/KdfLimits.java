package org.bcos.crypto;

/**
 * What a keystore writes and accepts: the cost of new keys and the floor below which a key file
 * is refused ({@code KDF_TOO_WEAK}), plus fixed ceilings so a crafted file cannot make an unlock
 * allocate or compute without bound ({@code KDF_TOO_COSTLY}). Production code uses {@link
 * #PRODUCTION}; only tests of this package lower the cost, through {@link Keystore}'s
 * package-private factory, so no option or flag can weaken a real key.
 */
record KdfLimits(ScryptParams forNewKeys, ScryptParams floor) {
  /** Largest N accepted: 2^20. */
  static final int MAX_N = 1 << 20;
  /** Largest r accepted. */
  static final int MAX_R = 32;
  /** Largest p accepted. */
  static final int MAX_P = 16;
  /** Most memory one unlock may allocate: 1 GiB (N = 2^20 at r = 8). */
  static final long MAX_MEMORY_BYTES = 1L << 30;
  /** Most work one unlock may cost: 4 × the default (about 4 s on a 2-core machine). */
  static final long MAX_WORK = 4 * ScryptParams.DEFAULT.work();

  // after the ceilings: the constructor checks against them
  /** New keys at N = 2^18, files below N = 2^15 (32 MiB) refused. */
  static final KdfLimits PRODUCTION = new KdfLimits(ScryptParams.DEFAULT, ScryptParams.FLOOR);

  /** Checks the cost of new keys is itself within the floor and the ceilings. */
  KdfLimits {
    if (tooWeak(forNewKeys, floor) || tooCostly(forNewKeys) || tooCostly(floor)) {
      throw new IllegalArgumentException("new keys " + forNewKeys + " must lie between the floor "
          + floor + " and the ceilings");
    }
  }

  /**
   * Refuses a key file's parameters below the floor or above a ceiling, before any derivation.
   *
   * @throws KeystoreException KDF_TOO_WEAK or KDF_TOO_COSTLY
   */
  void check(String name, ScryptParams params) {
    if (tooWeak(params, floor)) {
      throw new KeystoreException(KeystoreException.Reason.KDF_TOO_WEAK,
          "The key file for \"" + name + "\" uses scrypt " + params + ", below the accepted floor "
              + floor + " (" + floor.memoryBytes() / (1 << 20) + " MiB); it is refused.");
    }
    if (tooCostly(params)) {
      throw new KeystoreException(KeystoreException.Reason.KDF_TOO_COSTLY,
          "The key file for \"" + name + "\" uses scrypt " + params + ", above the accepted"
              + " ceilings (N at most 2^20, r at most " + MAX_R + ", p at most " + MAX_P + ", "
              + (MAX_MEMORY_BYTES >> 20) + " MiB, 4 x the default work); it is refused.");
    }
  }

  /** Whether a file at {@code params} is legal but cheaper to attack than a new key. */
  boolean upgradeAdvised(ScryptParams params) {
    return params.work() < forNewKeys.work() || params.memoryBytes() < forNewKeys.memoryBytes();
  }

  private static boolean tooWeak(ScryptParams params, ScryptParams floor) {
    return params.n() < floor.n() || params.memoryBytes() < floor.memoryBytes();
  }

  private static boolean tooCostly(ScryptParams params) {
    return params.n() > MAX_N || params.r() > MAX_R || params.p() > MAX_P
        || params.memoryBytes() > MAX_MEMORY_BYTES || params.work() > MAX_WORK;
  }
}
