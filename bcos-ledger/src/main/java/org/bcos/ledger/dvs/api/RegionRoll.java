package org.bcos.ledger.dvs.api;

import java.util.Objects;

/**
 * The roll behind a region (or a merged cell) of a count's breakdown: every member of the
 * electorate whose region it covers, voting or not. Computed with a count on request, never
 * stored; a cell's turnout is its counted weight over {@code weight}.
 *
 * @param region the region, or the merged cell's name, as the breakdown shows it
 * @param members members on the roll
 * @param weight their weight
 */
public record RegionRoll(String region, long members, long weight) {
  public RegionRoll {
    Objects.requireNonNull(region);
  }

  /** Counted weight over this roll's, in basis points (0 for an empty roll). */
  public long turnoutBps(long countedWeight) {
    return IssueTally.shareBps(countedWeight, weight);
  }
}
