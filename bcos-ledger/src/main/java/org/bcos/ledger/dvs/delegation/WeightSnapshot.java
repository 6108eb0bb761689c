package org.bcos.ledger.dvs.delegation;

import java.util.Arrays;

/**
 * Every member's voting weight, fixed at the block where voting opened: 1 per member in the
 * {@code members} model, shares in the {@code weighted} model. The array is copied, so changes to
 * the register after the snapshot (weight bought during the vote) do nothing to the count.
 */
public final class WeightSnapshot {
  private final long snapshotHeight;
  private final long[] weights;
  private final long total;

  private WeightSnapshot(long snapshotHeight, long[] weights) {
    if (snapshotHeight < 0) {
      throw new IllegalArgumentException("snapshot height is negative: " + snapshotHeight);
    }
    long sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0) {
        throw new IllegalArgumentException("weight of member " + i + " is negative: "
            + weights[i]);
      }
      sum = Math.addExact(sum, weights[i]);
    }
    this.snapshotHeight = snapshotHeight;
    this.weights = weights;
    this.total = sum;
  }

  /**
   * Weights indexed by member id, copied.
   *
   * @throws IllegalArgumentException if a weight is negative
   * @throws ArithmeticException if the total does not fit in a {@code long}
   */
  public static WeightSnapshot of(long snapshotHeight, long[] weights) {
    return new WeightSnapshot(snapshotHeight, weights.clone());
  }

  /** The {@code members} model: every one of {@code memberCount} members weighs 1. */
  public static WeightSnapshot oneEach(long snapshotHeight, int memberCount) {
    long[] weights = new long[memberCount];
    Arrays.fill(weights, 1L);
    return new WeightSnapshot(snapshotHeight, weights);
  }

  /** Block height at which the weights were taken. */
  public long snapshotHeight() {
    return snapshotHeight;
  }

  public int memberCount() {
    return weights.length;
  }

  public long weight(int member) {
    return weights[member];
  }

  /** Sum of all weights. */
  public long total() {
    return total;
  }
}
