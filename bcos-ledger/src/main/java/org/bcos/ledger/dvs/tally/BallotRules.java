package org.bcos.ledger.dvs.tally;

import java.util.Objects;

/**
 * What a valid ballot looks like for one issue: the method, the number of options and the
 * method's limits. Build with the factory methods.
 *
 * @param optionCount options on the ballot (0 for yes/no/abstain), at most {@link #MAX_OPTIONS}
 * @param maxScore highest score (score method; 0 otherwise)
 * @param voiceCredits budget per ballot (quadratic; 0 otherwise)
 * @param negativeVotes whether quadratic votes may be negative (against)
 * @param statusQuo whether Schulze adds the status quo as an implicit last candidate
 */
public record BallotRules(BallotMethod method, int optionCount, int maxScore, long voiceCredits,
    boolean negativeVotes, boolean statusQuo) {
  /** Limit on options per issue; Schulze is cubic in it. */
  public static final int MAX_OPTIONS = 256;

  public BallotRules {
    Objects.requireNonNull(method, "method");
    boolean yesNo = method == BallotMethod.YES_NO_ABSTAIN;
    if (yesNo ? optionCount != 0 : optionCount < 1 || optionCount > MAX_OPTIONS) {
      throw new IllegalArgumentException("bad option count " + optionCount + " for " + method);
    }
    if ((method == BallotMethod.SCORE) != (maxScore > 0) || maxScore < 0) {
      throw new IllegalArgumentException("maxScore must be >= 1 for SCORE only: " + maxScore);
    }
    if ((method == BallotMethod.QUADRATIC) != (voiceCredits > 0) || voiceCredits < 0) {
      throw new IllegalArgumentException("voiceCredits must be >= 1 for QUADRATIC only");
    }
    if (negativeVotes && method != BallotMethod.QUADRATIC) {
      throw new IllegalArgumentException("negative votes exist only for QUADRATIC");
    }
    if (statusQuo && method != BallotMethod.SCHULZE) {
      throw new IllegalArgumentException("status quo exists only for SCHULZE");
    }
  }

  public static BallotRules yesNoAbstain() {
    return new BallotRules(BallotMethod.YES_NO_ABSTAIN, 0, 0, 0, false, false);
  }

  public static BallotRules singleChoice(int optionCount) {
    return new BallotRules(BallotMethod.SINGLE_CHOICE, optionCount, 0, 0, false, false);
  }

  public static BallotRules approval(int optionCount) {
    return new BallotRules(BallotMethod.APPROVAL, optionCount, 0, 0, false, false);
  }

  /** Schulze; with {@code statusQuo} the status quo is candidate index {@code optionCount}. */
  public static BallotRules schulze(int optionCount, boolean statusQuo) {
    return new BallotRules(BallotMethod.SCHULZE, optionCount, 0, 0, false, statusQuo);
  }

  public static BallotRules irv(int optionCount) {
    return new BallotRules(BallotMethod.IRV, optionCount, 0, 0, false, false);
  }

  public static BallotRules score(int optionCount, int maxScore) {
    return new BallotRules(BallotMethod.SCORE, optionCount, maxScore, 0, false, false);
  }

  public static BallotRules quadratic(int optionCount, long voiceCredits, boolean negativeVotes) {
    return new BallotRules(BallotMethod.QUADRATIC, optionCount, 0, voiceCredits, negativeVotes,
        false);
  }

  /** Candidates compared: the options, plus the status quo when it is on. */
  public int candidateCount() {
    return statusQuo ? optionCount + 1 : optionCount;
  }
}
