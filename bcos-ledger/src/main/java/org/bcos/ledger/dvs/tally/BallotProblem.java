package org.bcos.ledger.dvs.tally;

/**
 * Why a ballot is invalid for an issue's {@link BallotRules}. The ledger turns it into a named
 * rejection; {@link BallotValidator} reports the first problem found, checking in the order the
 * constants are declared for each element.
 */
public enum BallotProblem {
  /** The ballot has no content. */
  MISSING_CONTENT,
  /** The content kind does not match the method (e.g. a ranking for approval). */
  WRONG_METHOD,
  /** The array length is not the option count (or option count + 1 with status quo). */
  WRONG_LENGTH,
  /** An option index is outside 0..optionCount-1. */
  OPTION_OUT_OF_RANGE,
  /** An approval ballot names the same option twice. */
  DUPLICATE_OPTION,
  /** A rank is outside 0..candidateCount. */
  RANK_OUT_OF_RANGE,
  /** An instant-runoff ballot gives two options the same non-zero rank. */
  DUPLICATE_RANK,
  /** A score is outside 0..maxScore. */
  SCORE_OUT_OF_RANGE,
  /** A quadratic ballot votes against an option but the issue does not allow it. */
  NEGATIVE_VOTE,
  /** A quadratic ballot's cost (sum of votes squared) exceeds the voice credits. */
  OVER_BUDGET,
  /** The ballot expresses nothing: no approved option, no ranked option or no quadratic vote. */
  EMPTY_BALLOT
}
