package org.bcos.ledger.stake;

import java.math.BigInteger;

/**
 * The exact integer arithmetic of staking: shares against tokens, basis points, and the
 * reward-per-share accumulator. Every division says which way it rounds, and rounds against the
 * party asking (a bonder never receives a unit the chain does not hold); results that do not fit
 * a {@code long} throw {@link ArithmeticException}, which handlers turn into a named rejection.
 */
final class StakeMath {
  /** 100 % in basis points. */
  static final long BASIS_POINTS = 10_000;

  /** The accumulator counts reward units per share scaled by 2^{@value #ACC_BITS}. */
  static final int ACC_BITS = 64;

  private StakeMath() {}

  /** {@code floor(a * b / c)}; c > 0. */
  static long mulDivFloor(long a, long b, long c) {
    return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
        .divide(BigInteger.valueOf(c)).longValueExact();
  }

  /** {@code ceil(a * b / c)} for a, b >= 0 and c > 0. */
  static long mulDivCeil(long a, long b, long c) {
    BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
        .divideAndRemainder(BigInteger.valueOf(c));
    BigInteger q = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    return q.longValueExact();
  }

  /** {@code floor(amount * basisPoints / 10,000)}. */
  static long ofBasisPoints(long amount, long basisPoints) {
    return mulDivFloor(amount, basisPoints, BASIS_POINTS);
  }

  /**
   * The proposer's bonus out of {@code units} (Cosmos' base + bonus · signed fraction): {@code
   * floor(units · (baseBp · total + signedBp · signed) / (10,000 · total))}, one division so the
   * fraction is not rounded twice; {@code baseBp} alone when {@code total} is 0. The caller keeps
   * {@code baseBp + signedBp ≤ 10,000} and {@code signed ≤ total}.
   */
  static long proposerBonus(long units, long baseBp, long signedBp, long signed, long total) {
    if (total == 0) return ofBasisPoints(units, baseBp);
    BigInteger share = BigInteger.valueOf(baseBp).multiply(BigInteger.valueOf(total))
        .add(BigInteger.valueOf(signedBp).multiply(BigInteger.valueOf(signed)));
    return BigInteger.valueOf(units).multiply(share)
        .divide(BigInteger.valueOf(BASIS_POINTS).multiply(BigInteger.valueOf(total)))
        .longValueExact();
  }

  /**
   * Shares minted for bonding {@code units} to a validator with {@code tokens} backed by {@code
   * shares}: one share per unit on a validator without shares, else {@code floor(units * shares /
   * tokens)} (so existing bonders never lose to rounding). The caller refuses a validator with
   * shares but no tokens (slashed to nothing).
   */
  static long sharesFor(long units, long tokens, long shares) {
    if (shares == 0) return units;
    return mulDivFloor(units, shares, tokens);
  }

  /** Shares to burn to take {@code units} out: {@code ceil(units * shares / tokens)}. */
  static long sharesToBurn(long units, long tokens, long shares) {
    return mulDivCeil(units, shares, tokens);
  }

  /** Units {@code own} shares are worth: {@code floor(own * tokens / shares)}. */
  static long tokensOf(long own, long tokens, long shares) {
    return shares == 0 ? 0 : mulDivFloor(own, tokens, shares);
  }

  /** The accumulator's increase when {@code units} are shared over {@code shares} (floor). */
  static BigInteger accIncrease(long units, long shares) {
    return BigInteger.valueOf(units).shiftLeft(ACC_BITS).divide(BigInteger.valueOf(shares));
  }

  /**
   * Reward units {@code shares} (unchanged since) have earned since the accumulator stood at
   * {@code start}: {@code floor(shares * (acc - start) / 2^64)}. Flooring the difference, not
   * each product, keeps the sum over all bonders at or below what was shared out.
   */
  static long pending(long shares, BigInteger acc, BigInteger start) {
    return BigInteger.valueOf(shares).multiply(acc.subtract(start)).shiftRight(ACC_BITS)
        .longValueExact();
  }
}
