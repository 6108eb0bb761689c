package org.bcos.consensus;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which validator set governs which height. Heights start at 1 with the genesis set. A change
 * decided in the block of height {@code h} takes effect at height {@code h + }{@link
 * #ACTIVATION_DELAY} (so every node knows the set of the next height before it starts it, and
 * commit certificates of {@code h + 1} are still checked against the old set). Immutable (its
 * rotation cache aside, which only memoises) and thread-safe.
 */
public final class ValidatorSchedule {
  /** Heights between the block that decides a set change and the first height it governs. */
  public static final long ACTIVATION_DELAY = 2;

  /** Heights between two cached rotations. */
  static final long CHECKPOINT_INTERVAL = 1024;

  private final NavigableMap<Long, ValidatorSet> setsFrom;
  // memo of rotationAt, keyed by height; guarded by this
  private final TreeMap<Long, ProposerRotation> checkpoints = new TreeMap<>();
  private ProposerRotation last;
  private long lastHeight;

  private ValidatorSchedule(NavigableMap<Long, ValidatorSet> setsFrom) {
    this.setsFrom = setsFrom;
    checkpoints.put(1L, ProposerRotation.genesis(setsFrom.get(1L)));
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
    ValidatorSchedule next = new ValidatorSchedule(m);
    synchronized (this) {
      // rotations below the change are the same in both schedules
      next.checkpoints.putAll(checkpoints.headMap(effective, false));
    }
    return next;
  }

  /** The validator set of {@code height} (>= 1). */
  public ValidatorSet setAt(long height) {
    if (height < 1) throw new IllegalArgumentException("heights start at 1, got " + height);
    return setsFrom.floorEntry(height).getValue();
  }

  /**
   * The proposer rotation at the start of {@code height}. Replayed from the nearest cached rotation
   * at or below {@code height} (one is kept every {@value #CHECKPOINT_INTERVAL} heights, plus the
   * last one asked for), so asking for consecutive or nearby heights is O(n) each and any height
   * costs at most O(n × {@value #CHECKPOINT_INTERVAL}) after the first walk. The cache only
   * memoises a pure function, so answers never depend on the order of calls.
   */
  public synchronized ProposerRotation rotationAt(long height) {
    if (height < 1) throw new IllegalArgumentException("heights start at 1, got " + height);
    Map.Entry<Long, ProposerRotation> from = checkpoints.floorEntry(height);
    long h = from.getKey();
    ProposerRotation r = from.getValue();
    if (last != null && lastHeight <= height && lastHeight > h) {
      h = lastHeight;
      r = last;
    }
    while (h < height) {
      h++;
      r = r.next(setAt(h));
      if (h % CHECKPOINT_INTERVAL == 0) checkpoints.put(h, r);
    }
    last = r;
    lastHeight = h;
    return r;
  }

  /** The heights at which the set changes, with the new set (for display and persistence). */
  public Map<Long, ValidatorSet> changes() {
    return java.util.Collections.unmodifiableNavigableMap(setsFrom);
  }
}
