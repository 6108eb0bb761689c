package org.bcos.consensus;

import java.util.Arrays;
import java.util.Objects;
import org.bcos.types.Address;

/**
 * Stake-weighted proposer selection, Tendermint's proposer-priority algorithm (deterministic
 * weighted round robin): on each step every validator's priority grows by its power, the validator
 * with the highest priority (ties: lowest address) proposes and loses the total power. Over {@code
 * total} steps each validator proposes exactly {@code power} times.
 *
 * <p>An instance holds the priorities at the start of one height; round {@code r} of that height is
 * proposed by the validator picked at step {@code r + 1}. {@link #next(ValidatorSet)} gives the
 * rotation of the following height (one step on, carrying priorities into a changed set). Immutable.
 */
public final class ProposerRotation {
  /** Priorities are kept within this multiple of the total power (CometBFT's window). */
  private static final long PRIORITY_WINDOW = 2;

  private final ValidatorSet set;
  private final long[] priorities;

  private ProposerRotation(ValidatorSet set, long[] priorities) {
    this.set = set;
    this.priorities = priorities;
  }

  /** The rotation of a genesis set: all priorities zero. */
  public static ProposerRotation genesis(ValidatorSet set) {
    return new ProposerRotation(Objects.requireNonNull(set), new long[set.size()]);
  }

  public ValidatorSet validatorSet() {
    return set;
  }

  /** The proposer of round {@code round} at this rotation's height. */
  public Validator proposer(int round) {
    if (round < 0) throw new IllegalArgumentException("round must be >= 0");
    long[] p = priorities.clone();
    int chosen = -1;
    for (int i = 0; i <= round; i++) chosen = step(set, p);
    return set.get(chosen);
  }

  /**
   * The rotation of the next height: one step on; validators of {@code nextSet} that were in this
   * set keep their priority, new ones start at {@code -1.125 × total} so that joining and leaving
   * cannot be used to jump the queue.
   */
  public ProposerRotation next(ValidatorSet nextSet) {
    long[] p = priorities.clone();
    step(set, p);
    long nextTotal = nextSet.totalPower();
    long[] carried = new long[nextSet.size()];
    for (int i = 0; i < nextSet.size(); i++) {
      int old = set.indexOf(nextSet.get(i).address());
      carried[i] = old >= 0 ? p[old] : -(nextTotal + nextTotal / 8);
    }
    normalize(carried, nextTotal);
    return new ProposerRotation(nextSet, carried);
  }

  /** The current priority of {@code address} (for tests and diagnostics). */
  public long priorityOf(Address address) {
    int i = set.indexOf(address);
    if (i < 0) throw new IllegalArgumentException("not a validator: " + address);
    return priorities[i];
  }

  /** One round-robin step over {@code set}; returns the index of the chosen proposer. */
  private static int step(ValidatorSet set, long[] p) {
    int best = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.addExact(p[i], set.get(i).power());
      // strictly greater: on a tie the earlier (lower) address wins
      if (p[i] > p[best]) best = i;
    }
    p[best] = Math.subtractExact(p[best], set.totalPower());
    return best;
  }

  /** Scales the spread into the window, then centres the priorities on zero. */
  private static void normalize(long[] p, long total) {
    long max = Arrays.stream(p).max().orElse(0);
    long min = Arrays.stream(p).min().orElse(0);
    long window = Math.multiplyExact(PRIORITY_WINDOW, total);
    long diff = Math.subtractExact(max, min);
    if (diff > window) {
      long ratio = Math.ceilDiv(diff, window);
      for (int i = 0; i < p.length; i++) p[i] = p[i] / ratio;
    }
    long sum = 0;
    for (long v : p) sum = Math.addExact(sum, v);
    long avg = Math.floorDiv(sum, p.length);
    for (int i = 0; i < p.length; i++) p[i] = Math.subtractExact(p[i], avg);
  }
}
