package org.bcos.crypto;

/**
 * scrypt cost parameters of a key file: N (CPU/memory cost, a power of two), r (block size) and p
 * (parallelism). scrypt needs about {@code 128·N·r} bytes of memory and {@code N·r·p} units of
 * work; which values a keystore writes and accepts is {@link KdfLimits}' business.
 */
public record ScryptParams(int n, int r, int p) {
  /** For new keys: N = 2^18, r = 8, p = 1 (geth's standard): 256 MiB and about 1 s per unlock. */
  public static final ScryptParams DEFAULT = new ScryptParams(1 << 18, 8, 1);

  /**
   * The weakest accepted: N = 2^15, r = 8, p = 1 (32 MiB), the cost every key file had before
   * 2^18; also the cost of dev keys, whose passphrase is empty so a higher cost protects nothing.
   */
  public static final ScryptParams FLOOR = new ScryptParams(1 << 15, 8, 1);

  /** Checks the shape only: N a power of two from 2, r and p positive. */
  public ScryptParams {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("scrypt N must be a power of two of at least 2: " + n);
    }
    if (r < 1 || p < 1) {
      throw new IllegalArgumentException("scrypt r and p must be positive: r=" + r + " p=" + p);
    }
  }

  /** The memory one derivation allocates, in bytes ({@code 128·N·r}). */
  public long memoryBytes() {
    return 128L * n * r;
  }

  /** The work of one derivation in units of one block mix ({@code N·r·p}). */
  public long work() {
    return (long) n * r * p;
  }

  /** Like {@code N=2^18 r=8 p=1}. */
  @Override
  public String toString() {
    return "N=2^" + Integer.numberOfTrailingZeros(n) + " r=" + r + " p=" + p;
  }
}
