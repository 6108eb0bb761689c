package org.bcos.ledger.dvs.delegation;

/**
 * Where a delegation applies. For one issue the most specific scope wins: {@link #ISSUE}, then
 * {@link #AREA} (the issue's area, then each parent area up to the root), then {@link
 * #COMMUNITY}.
 */
public enum DelegationScope {
  /** Every issue of the community. */
  COMMUNITY,
  /** Every issue in an area and its sub-areas, unless a sub-area has its own delegation. */
  AREA,
  /** One issue. */
  ISSUE
}
