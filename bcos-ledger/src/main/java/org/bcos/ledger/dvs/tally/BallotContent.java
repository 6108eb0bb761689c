package org.bcos.ledger.dvs.tally;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a voter marked on a ballot, one record per method family. Constructors only reject
 * {@code null} and copy arrays; whether the content fits an issue (option count, score range,
 * budget, duplicates) depends on the issue and is decided by {@link BallotValidator}, which never
 * throws. Array records compare by content, so ballots and results can be checked with
 * {@code equals}.
 */
public sealed interface BallotContent {

  /** A yes/no/abstain ballot's choice. */
  enum Choice {
    YES,
    NO,
    /** Counts for quorum only. */
    ABSTAIN,
    /**
     * "No with veto" as in Cosmos gov: counts as {@link #NO} for the threshold and, when the issue
     * has a veto share, towards the veto. Without a veto share it is a plain no.
     */
    NO_WITH_VETO
  }

  /** A yes/no/abstain ballot. */
  record YesNoAbstain(Choice choice) implements BallotContent {
    public YesNoAbstain {
      Objects.requireNonNull(choice, "choice");
    }
  }

  /** One option, by index (plurality). */
  record SingleChoice(int option) implements BallotContent {}

  /** The set of approved options, by index; order does not matter, duplicates are invalid. */
  record Approval(int[] options) implements BallotContent {
    public Approval {
      options = options.clone();
    }

    @Override
    public int[] options() {
      return options.clone();
    }

    /** The array itself, for counting inside this package without a copy; never modified. */
    int[] raw() {
      return options;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Approval other && Arrays.equals(options, other.options);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(options);
    }

    @Override
    public String toString() {
      return "Approval" + Arrays.toString(options);
    }
  }

  /**
   * A ranked ballot: {@code ranks[i]} is the rank of option {@code i}, 1 = best, larger = worse,
   * equal = indifferent (Schulze only), 0 = unranked (below all ranked options, tied with the
   * other unranked ones). With a status quo the array may have one extra last entry: the status
   * quo's rank (absent = unranked).
   */
  record Ranking(int[] ranks) implements BallotContent {
    public Ranking {
      ranks = ranks.clone();
    }

    /** Builds a strict ranking from options listed best first; unlisted options stay unranked. */
    public static Ranking ofOrder(int candidateCount, int... bestFirst) {
      int[] ranks = new int[candidateCount];
      for (int i = 0; i < bestFirst.length; i++) ranks[bestFirst[i]] = i + 1;
      return new Ranking(ranks);
    }

    @Override
    public int[] ranks() {
      return ranks.clone();
    }

    int[] raw() {
      return ranks;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ranking other && Arrays.equals(ranks, other.ranks);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ranks);
    }

    @Override
    public String toString() {
      return "Ranking" + Arrays.toString(ranks);
    }
  }

  /** A score per option, each in 0..maxScore. */
  record Scores(int[] scores) implements BallotContent {
    public Scores {
      scores = scores.clone();
    }

    @Override
    public int[] scores() {
      return scores.clone();
    }

    int[] raw() {
      return scores;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Scores other && Arrays.equals(scores, other.scores);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
      return "Scores" + Arrays.toString(scores);
    }
  }

  /**
   * Quadratic votes per option (negative = against, if the issue allows it); the ballot costs
   * the sum of the squared votes in voice credits.
   */
  record Quadratic(long[] votes) implements BallotContent {
    public Quadratic {
      votes = votes.clone();
    }

    @Override
    public long[] votes() {
      return votes.clone();
    }

    long[] raw() {
      return votes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Quadratic other && Arrays.equals(votes, other.votes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(votes);
    }

    @Override
    public String toString() {
      return "Quadratic" + Arrays.toString(votes);
    }
  }
}
