package org.bcos.consensus;

/**
 * The application side of consensus: {@code getValue()} and {@code valid(v)} of Algorithm 1. Both
 * must be deterministic functions of their arguments and of committed state.
 */
public interface ValueSource {
  /** The value this node proposes when it is the proposer and has no valid value. */
  byte[] proposeValue(long height, int round);

  /** Whether {@code value} may be decided at {@code height} (e.g. a well-formed, executable block). */
  boolean isValid(long height, byte[] value);
}
