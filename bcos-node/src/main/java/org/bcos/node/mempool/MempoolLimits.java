package org.bcos.node.mempool;

/**
 * Explicit mempool limits; each is a named config value with a checked default.
 *
 * @param maxTxs pending transactions in all
 * @param maxBytes encoded bytes of all pending transactions
 * @param maxPerSender pending transactions of one sender
 * @param maxFeeFreeTxs pending fee-free transactions (ballots, supports, delegations with a
 *     proof-of-work stamp instead of a fee) in all: they cost nothing, so they get only a share
 *     of the pool and can never push out a paying transaction
 * @param maxFeeFreePerSender pending fee-free transactions of one sender
 * @param feeFreeTtlBlocks a fee-free transaction leaves the pool this many blocks after it was
 *     admitted, whatever its expiry height: a free message that is not included soon is spam or
 *     stale
 */
public record MempoolLimits(int maxTxs, long maxBytes, int maxPerSender, int maxFeeFreeTxs,
    int maxFeeFreePerSender, int feeFreeTtlBlocks) {
  public static final MempoolLimits DEFAULT =
      new MempoolLimits(200_000, 256L << 20, 5_000, 20_000, 32, 100);

  /** Limits with the fee-free share derived: a tenth of the pool, 32 per sender, 100 blocks. */
  public MempoolLimits(int maxTxs, long maxBytes, int maxPerSender) {
    this(maxTxs, maxBytes, maxPerSender, Math.max(1, maxTxs / 10), Math.min(32, maxPerSender),
        100);
  }

  public MempoolLimits {
    if (maxTxs < 1 || maxTxs > 10_000_000) throw new IllegalArgumentException("mempool maxTxs");
    if (maxBytes < 1 << 16) throw new IllegalArgumentException("mempool maxBytes below 64 KiB");
    if (maxPerSender < 1 || maxPerSender > maxTxs) {
      throw new IllegalArgumentException("mempool maxPerSender must be 1..maxTxs");
    }
    if (maxFeeFreeTxs < 0 || maxFeeFreeTxs > maxTxs) {
      throw new IllegalArgumentException("mempool maxFeeFreeTxs must be 0..maxTxs");
    }
    if (maxFeeFreePerSender < 0 || maxFeeFreePerSender > maxPerSender) {
      throw new IllegalArgumentException("mempool maxFeeFreePerSender must be 0..maxPerSender");
    }
    if (feeFreeTtlBlocks < 1 || feeFreeTtlBlocks > 100_000) {
      throw new IllegalArgumentException("mempool feeFreeTtlBlocks must be 1..100000");
    }
  }
}
