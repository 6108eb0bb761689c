package org.bcos.node;

import java.util.Optional;

/**
 * The progress line of a node catching up: while it is more than {@value #BEHIND_BLOCKS} blocks
 * behind the best head a peer reported, every interval it reports height, target, blocks/s over
 * the interval and the time left at that rate. One thread (the network worker).
 */
final class SyncProgress {
  static final long BEHIND_BLOCKS = 5;

  private final long intervalMillis;
  private long lastReportMillis;
  private long lastReportHeight = -1;

  SyncProgress(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** Records a block imported at {@code now}; returns a line to log when one is due. */
  Optional<String> imported(long height, long peerHead, long now) {
    if (peerHead - height <= BEHIND_BLOCKS) {
      boolean wasSyncing = lastReportHeight >= 0;
      lastReportHeight = -1;
      return wasSyncing ? Optional.of("caught up at height " + height) : Optional.empty();
    }
    if (lastReportHeight < 0) {
      lastReportHeight = height;
      lastReportMillis = now;
      return Optional.of("syncing from height " + height + " to " + peerHead);
    }
    long elapsed = now - lastReportMillis;
    if (elapsed < intervalMillis) return Optional.empty();
    double rate = (height - lastReportHeight) * 1000.0 / elapsed;
    long left = peerHead - height;
    String eta = rate <= 0 ? "?" : Math.round(left / rate) + "s";
    lastReportHeight = height;
    lastReportMillis = now;
    return Optional.of(String.format("height %d/%d (%.1f%%) %.0f blocks/s ETA %s", height,
        peerHead, 100.0 * height / peerHead, rate, eta));
  }
}
