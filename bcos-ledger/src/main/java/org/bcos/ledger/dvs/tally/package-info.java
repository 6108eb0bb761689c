/**
 * Ballot methods of DVS: ballot contents, their validation and the deterministic counts.
 *
 * <p>Everything here runs inside the ledger, identically on every node: integer arithmetic only
 * (checked with {@link java.lang.Math#addExact(long, long)} and friends; exact 128-bit
 * comparisons for ratios), no hash-ordered collections, no clocks, no randomness. A result depends
 * only on the multiset of (weight, content) pairs: ballot order does not matter, and a ballot of
 * weight {@code a + b} counts exactly like two identical ballots of weights {@code a} and
 * {@code b}.
 *
 * <p><b>Ranking encoding</b> ({@link org.bcos.ledger.dvs.tally.BallotContent.Ranking}):
 * {@code ranks[i]} is the rank the voter gives option {@code i}; {@code 1} is the most preferred,
 * larger numbers are less preferred, gaps are allowed, equal numbers mean "indifferent" (Schulze
 * only), and {@code 0} means unranked: below every ranked option and tied with the other unranked
 * options. With a status quo (Schulze, as in LiquidFeedback) the array may carry one extra last
 * entry, the status quo's rank; when it is absent the status quo is unranked.
 *
 * <p><b>Invalid ballots</b> never throw: {@link org.bcos.ledger.dvs.tally.BallotValidator} names
 * the problem, and every tally counts an invalid ballot's weight apart ({@code invalidWeight})
 * instead of counting it.
 */
package org.bcos.ledger.dvs.tally;
