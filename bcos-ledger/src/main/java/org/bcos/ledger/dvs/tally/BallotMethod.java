package org.bcos.ledger.dvs.tally;

/** The ballot methods an issue can use; each accepts exactly one {@link BallotContent} kind. */
public enum BallotMethod {
  /** {@link BallotContent.YesNoAbstain}; counted by {@link YesNoTally}. */
  YES_NO_ABSTAIN,
  /** {@link BallotContent.SingleChoice}; counted by {@link SingleChoiceTally} (plurality). */
  SINGLE_CHOICE,
  /** {@link BallotContent.Approval}; counted by {@link ApprovalTally}. */
  APPROVAL,
  /** {@link BallotContent.Ranking} with ties allowed; counted by {@link SchulzeTally}. */
  SCHULZE,
  /** {@link BallotContent.Ranking} without ties; counted by {@link IrvTally}. */
  IRV,
  /** {@link BallotContent.Scores} in 0..maxScore; counted by {@link ScoreTally}. */
  SCORE,
  /** {@link BallotContent.Quadratic} within a voice-credit budget; counted by
   * {@link QuadraticTally}. */
  QUADRATIC;

  /** Whether a content is of the kind this method accepts. */
  public boolean accepts(BallotContent content) {
    return switch (content) {
      case BallotContent.YesNoAbstain y -> this == YES_NO_ABSTAIN;
      case BallotContent.SingleChoice s -> this == SINGLE_CHOICE;
      case BallotContent.Approval a -> this == APPROVAL;
      case BallotContent.Ranking r -> this == SCHULZE || this == IRV;
      case BallotContent.Scores s -> this == SCORE;
      case BallotContent.Quadratic q -> this == QUADRATIC;
    };
  }
}
