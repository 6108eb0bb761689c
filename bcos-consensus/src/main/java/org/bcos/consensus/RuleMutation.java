package org.bcos.consensus;

/**
 * Deliberate breaks of Algorithm 1, used only by the mutation tests to prove that the simulation
 * detects them. Package-private and selected only through a package-private constructor of {@link
 * TendermintMachine}, so no host can run a mutant; production machines always use {@link #NONE}.
 */
enum RuleMutation {
  /** The algorithm as written. */
  NONE,
  /** Lines 22 and 28 ignore the lock: a locked node prevotes any valid proposal. */
  IGNORE_LOCK,
  /**
   * Line 28 trusts a proposal's validRound without the 2f+1 prevotes for its value in that round,
   * so a proposer's claim of a "valid value" releases locks.
   */
  UNCHECKED_VALID_ROUND,
  /** Line 49 decides on more than 1/3 of the precommit power (f+1) instead of 2f+1. */
  DECIDE_ON_ONE_THIRD,
  /**
   * A late decider precommits the decided value even when it precommitted (nil or another value)
   * in that round already: an equivocation, which honest peers report as evidence.
   */
  DECISION_PRECOMMIT_TWICE
}
