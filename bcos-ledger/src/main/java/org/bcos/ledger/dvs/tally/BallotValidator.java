package org.bcos.ledger.dvs.tally;

import java.util.Optional;

/**
 * Checks a ballot against an issue's {@link BallotRules}. Total: returns a {@link BallotProblem}
 * for every invalid input (including {@code null} content) and never throws, so the ledger can
 * turn any ballot into a named rejection.
 */
public final class BallotValidator {
  /** Largest |v| whose square fits in a long: floor(sqrt(Long.MAX_VALUE)). */
  private static final long MAX_SQUARABLE = 3_037_000_499L;

  private BallotValidator() {}

  /** The first problem with {@code content} under {@code rules}, or empty when it is valid. */
  public static Optional<BallotProblem> validate(BallotRules rules, BallotContent content) {
    BallotProblem problem = problem(rules, content);
    return problem == null ? Optional.empty() : Optional.of(problem);
  }

  /** Same as {@link #validate}, but {@code null} when valid (no allocation on the hot path). */
  static BallotProblem problem(BallotRules rules, BallotContent content) {
    if (content == null) return BallotProblem.MISSING_CONTENT;
    if (!rules.method().accepts(content)) return BallotProblem.WRONG_METHOD;
    int n = rules.optionCount();
    return switch (content) {
      case BallotContent.YesNoAbstain y -> null;
      case BallotContent.SingleChoice s ->
          s.option() < 0 || s.option() >= n ? BallotProblem.OPTION_OUT_OF_RANGE : null;
      case BallotContent.Approval a -> approvalProblem(n, a.raw());
      case BallotContent.Ranking r -> rankingProblem(rules, r.raw());
      case BallotContent.Scores s -> scoresProblem(n, rules.maxScore(), s.raw());
      case BallotContent.Quadratic q -> quadraticProblem(rules, q.raw());
    };
  }

  private static BallotProblem approvalProblem(int optionCount, int[] options) {
    if (options.length == 0) return BallotProblem.EMPTY_BALLOT;
    if (options.length > optionCount) {
      // more entries than options: out of range or duplicated; report which, in order
      for (int option : options) {
        if (option < 0 || option >= optionCount) return BallotProblem.OPTION_OUT_OF_RANGE;
      }
      return BallotProblem.DUPLICATE_OPTION;
    }
    boolean[] seen = new boolean[optionCount];
    for (int option : options) {
      if (option < 0 || option >= optionCount) return BallotProblem.OPTION_OUT_OF_RANGE;
      if (seen[option]) return BallotProblem.DUPLICATE_OPTION;
      seen[option] = true;
    }
    return null;
  }

  private static BallotProblem rankingProblem(BallotRules rules, int[] ranks) {
    int n = rules.optionCount();
    int candidates = rules.candidateCount();
    if (ranks.length != n && ranks.length != candidates) return BallotProblem.WRONG_LENGTH;
    boolean any = false;
    for (int rank : ranks) {
      if (rank < 0 || rank > candidates) return BallotProblem.RANK_OUT_OF_RANGE;
      any |= rank != 0;
    }
    if (!any) return BallotProblem.EMPTY_BALLOT;
    if (rules.method() == BallotMethod.IRV) {
      boolean[] used = new boolean[candidates + 1];
      for (int rank : ranks) {
        if (rank != 0 && used[rank]) return BallotProblem.DUPLICATE_RANK;
        used[rank] = true;
      }
    }
    return null;
  }

  private static BallotProblem scoresProblem(int optionCount, int maxScore, int[] scores) {
    if (scores.length != optionCount) return BallotProblem.WRONG_LENGTH;
    for (int score : scores) {
      if (score < 0 || score > maxScore) return BallotProblem.SCORE_OUT_OF_RANGE;
    }
    return null;
  }

  private static BallotProblem quadraticProblem(BallotRules rules, long[] votes) {
    if (votes.length != rules.optionCount()) return BallotProblem.WRONG_LENGTH;
    boolean any = false;
    for (long v : votes) {
      if (v < 0 && !rules.negativeVotes()) return BallotProblem.NEGATIVE_VOTE;
      any |= v != 0;
    }
    if (!any) return BallotProblem.EMPTY_BALLOT;
    long cost = 0;
    for (long v : votes) {
      if (v > MAX_SQUARABLE || v < -MAX_SQUARABLE) return BallotProblem.OVER_BUDGET;
      long square = v * v;
      if (square > rules.voiceCredits() - cost) return BallotProblem.OVER_BUDGET;
      cost += square;
    }
    return null;
  }

  /** Voice credits a quadratic ballot costs: the sum of its squared votes (exact). */
  public static long quadraticCost(long[] votes) {
    long cost = 0;
    for (long v : votes) cost = Math.addExact(cost, Math.multiplyExact(v, v));
    return cost;
  }
}
