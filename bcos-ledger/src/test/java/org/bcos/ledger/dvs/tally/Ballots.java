package org.bcos.ledger.dvs.tally;

import java.util.ArrayList;
import java.util.List;

/** Builds test ballots from the notations used in the literature ("5 ACBED"). */
final class Ballots {
  private Ballots() {}

  /** {@code "5 ACBED"}: weight 5, A > C > B > E > D, letters = option indexes from A. */
  static List<WeightedBallot> ranked(int options, String... groups) {
    List<WeightedBallot> ballots = new ArrayList<>();
    for (String group : groups) {
      String[] parts = group.split(" ");
      int[] order = parts[1].chars().map(c -> c - 'A').toArray();
      ballots.add(new WeightedBallot(Long.parseLong(parts[0]),
          BallotContent.Ranking.ofOrder(options, order)));
    }
    return ballots;
  }

  /** The same ballots as one ballot of weight 1 each (unweighted count). */
  static List<WeightedBallot> unitWeights(List<WeightedBallot> weighted) {
    List<WeightedBallot> out = new ArrayList<>();
    for (WeightedBallot b : weighted) {
      for (long i = 0; i < b.weight(); i++) out.add(new WeightedBallot(1, b.content()));
    }
    return out;
  }

  static WeightedBallot single(long weight, int option) {
    return new WeightedBallot(weight, new BallotContent.SingleChoice(option));
  }

  static WeightedBallot approve(long weight, int... options) {
    return new WeightedBallot(weight, new BallotContent.Approval(options));
  }

  static WeightedBallot ranks(long weight, int... ranks) {
    return new WeightedBallot(weight, new BallotContent.Ranking(ranks));
  }

  static WeightedBallot scores(long weight, int... scores) {
    return new WeightedBallot(weight, new BallotContent.Scores(scores));
  }

  static WeightedBallot quadratic(long weight, long... votes) {
    return new WeightedBallot(weight, new BallotContent.Quadratic(votes));
  }

  static WeightedBallot yesNo(long weight, BallotContent.Choice choice) {
    return new WeightedBallot(weight, new BallotContent.YesNoAbstain(choice));
  }

  static List<List<Long>> matrix(long[][] rows) {
    List<List<Long>> out = new ArrayList<>();
    for (long[] row : rows) {
      List<Long> r = new ArrayList<>();
      for (long v : row) r.add(v);
      out.add(r);
    }
    return out;
  }
}
