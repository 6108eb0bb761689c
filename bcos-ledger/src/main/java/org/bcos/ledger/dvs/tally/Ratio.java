package org.bcos.ledger.dvs.tally;

/**
 * A share {@code numerator / denominator} in [0, 1], compared exactly (128-bit products, never
 * floating point). Used for thresholds and veto shares.
 */
public record Ratio(long numerator, long denominator) {
  /** One half: a simple majority when used with {@link #isExceededBy}. */
  public static final Ratio HALF = new Ratio(1, 2);

  public Ratio {
    if (denominator < 1 || numerator < 0 || numerator > denominator) {
      throw new IllegalArgumentException("ratio must be in [0, 1]: " + numerator + "/"
          + denominator);
    }
  }

  /** {@code part / whole > numerator / denominator}, i.e. {@code part·den > num·whole}. */
  public boolean isExceededBy(long part, long whole) {
    return compareProducts(part, denominator, numerator, whole) > 0;
  }

  /** {@code part / whole ≥ numerator / denominator}, i.e. {@code part·den ≥ num·whole}. */
  public boolean isReachedBy(long part, long whole) {
    return compareProducts(part, denominator, numerator, whole) >= 0;
  }

  /** Compares {@code a·b} with {@code c·d} exactly; all four must be non-negative. */
  static int compareProducts(long a, long b, long c, long d) {
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      throw new IllegalArgumentException("negative operand");
    }
    int high = Long.compare(Math.multiplyHigh(a, b), Math.multiplyHigh(c, d));
    return high != 0 ? high : Long.compareUnsigned(a * b, c * d);
  }
}
