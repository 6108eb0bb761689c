package org.bcos.consensus;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which validator set governs which height. Heights start at 1 with the genesis set. A change
 * decided in the block of height {@code h} takes effect at height {@code h + }{@link
 * #ACTIVATION_DELAY} (so every node knows the set of the next height before it starts it, and
 * commit certificates of {@code h + 1} are still checked against the old set). Immutable.
 */
public final class ValidatorSchedule {
  /** Heights between the block that decides a set change and the first height it governs. */
  public static final long ACTIVATION_DELAY = 2;

  private final NavigableMap<Long, ValidatorSet> setsFrom;

  private ValidatorSchedule(NavigableMap<Long, ValidatorSet> setsFrom) {
    this.setsFrom = setsFrom;
  }

  public static ValidatorSchedule genesis(ValidatorSet set) {
    TreeMap<Long, ValidatorSet> m = new TreeMap<>();
    m.put(1L, Objects.requireNonNull(set));
    return new ValidatorSchedule(m);
  }

  /**
   * A schedule where {@code newSet} governs from {@code decidedAtHeight + ACTIVATION_DELAY} on.
   * Changes must be added in height order.
   */
  public ValidatorSchedule withChange(long decidedAtHeight, ValidatorSet newSet) {
    if (decidedAtHeight < 1) throw new IllegalArgumentException("heights start at 1");
    long effective = Math.addExact(decidedAtHeight, ACTIVATION_DELAY);
    if (effective <= setsFrom.lastKey()) {
      throw new IllegalArgumentException(
          "a change must take effect after height " + setsFrom.lastKey() + ", got " + effective);
    }
    TreeMap<Long, ValidatorSet> m = new TreeMap<>(setsFrom);
    m.put(effective, Objects.requireNonNull(newSet));
    return new ValidatorSchedule(m);
  }

  /** The validator set of {@code height} (>= 1). */
  public ValidatorSet setAt(long height) {
    if (height < 1) throw new IllegalArgumentException("heights start at 1, got " + height);
    return setsFrom.floorEntry(height).getValue();
  }

  /**
   * The proposer rotation at the start of {@code height}, replayed from genesis (O(height × n); a
   * node that runs for long keeps its rotation and advances it with {@link
   * ProposerRotation#next(ValidatorSet)} instead).
   */
  public ProposerRotation rotationAt(long height) {
    ProposerRotation r = ProposerRotation.genesis(setAt(1));
    for (long h = 2; h <= height; h++) r = r.next(setAt(h));
    return r;
  }

  /** The heights at which the set changes, with the new set (for display and persistence). */
  public Map<Long, ValidatorSet> changes() {
    return java.util.Collections.unmodifiableNavigableMap(setsFrom);
  }
}
