package org.bcos.node.mempool;

/** Explicit mempool limits; each is a named config value with a checked default. */
public record MempoolLimits(int maxTxs, long maxBytes, int maxPerSender) {
  public static final MempoolLimits DEFAULT = new MempoolLimits(200_000, 256L << 20, 5_000);

  public MempoolLimits {
    if (maxTxs < 1 || maxTxs > 10_000_000) throw new IllegalArgumentException("mempool maxTxs");
    if (maxBytes < 1 << 16) throw new IllegalArgumentException("mempool maxBytes below 64 KiB");
    if (maxPerSender < 1 || maxPerSender > maxTxs) {
      throw new IllegalArgumentException("mempool maxPerSender must be 1..maxTxs");
    }
  }
}
