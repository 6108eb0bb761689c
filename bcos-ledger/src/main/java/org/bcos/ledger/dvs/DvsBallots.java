package org.bcos.ledger.dvs;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.tally.BallotContent;
import org.bcos.ledger.dvs.tally.BallotProblem;
import org.bcos.ledger.dvs.tally.BallotRules;
import org.bcos.ledger.dvs.tally.BallotValidator;

/**
 * Turns the wire form of a ballot part (method-specific values over the issue's options) into the
 * tally library's {@link BallotContent} over the options that reached the ballot, and validates
 * it. Options that did not reach the ballot must be left unmarked.
 */
final class DvsBallots {
  private DvsBallots() {}

  /** The rules for counting {@code issue}: its method over the options on the ballot. */
  static BallotRules rules(Issue issue) {
    int n = issue.ballotOptions().size();
    DvsRules r = issue.rules();
    return switch (r.method()) {
      case YES_NO -> BallotRules.yesNoAbstain();
      case SINGLE_CHOICE -> BallotRules.singleChoice(n);
      case APPROVAL -> BallotRules.approval(n);
      case SCHULZE -> BallotRules.schulze(n, issue.deliberative());
      case IRV -> BallotRules.irv(n);
      case SCORE -> BallotRules.score(n, r.maxScore());
      case QUADRATIC -> BallotRules.quadratic(n, r.voiceCredits(), true);
    };
  }

  /** The content, or a sentence saying why the part does not fit the issue. */
  static Optional<BallotContent> content(Issue issue, DvsBallotPart part, StringBuilder why) {
    long[] v = part.values();
    List<Integer> onBallot = issue.ballotOptions();
    int all = issue.options().size();
    BallotContent content = switch (issue.rules().method()) {
      case YES_NO -> v.length == 1 && v[0] >= 0 && v[0] < BallotContent.Choice.values().length
          ? new BallotContent.YesNoAbstain(BallotContent.Choice.values()[(int) v[0]]) : null;
      case SINGLE_CHOICE -> v.length == 1 && onBallot.contains((int) v[0])
          ? new BallotContent.SingleChoice(onBallot.indexOf((int) v[0])) : null;
      case APPROVAL -> approval(v, onBallot);
      case SCHULZE, IRV -> ranking(v, onBallot, all, issue.deliberative()
          && issue.rules().method() == org.bcos.ledger.dvs.api.DvsMessages.Method.SCHULZE);
      case SCORE -> v.length == all && offBallotUnmarked(v, onBallot)
          ? new BallotContent.Scores(compress(v, onBallot)) : null;
      case QUADRATIC -> v.length == all && offBallotUnmarked(v, onBallot)
          ? new BallotContent.Quadratic(compressLong(v, onBallot)) : null;
    };
    if (content == null) {
      why.append("values do not fit a ").append(issue.rules().method())
          .append(" ballot over ").append(all).append(" options");
      return Optional.empty();
    }
    Optional<BallotProblem> problem = BallotValidator.validate(rules(issue), content);
    if (problem.isPresent()) {
      why.append(problem.get());
      return Optional.empty();
    }
    return Optional.of(content);
  }

  private static BallotContent approval(long[] v, List<Integer> onBallot) {
    int[] options = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (!onBallot.contains((int) v[i]) || v[i] != (int) v[i]) return null;
      options[i] = onBallot.indexOf((int) v[i]);
    }
    return new BallotContent.Approval(options);
  }

  /** Ranks over all options (+ status quo last); options off the ballot must be unranked (0). */
  private static BallotContent ranking(long[] v, List<Integer> onBallot, int all,
      boolean statusQuo) {
    if (v.length != all && !(statusQuo && v.length == all + 1)) return null;
    if (!offBallotUnmarked(java.util.Arrays.copyOf(v, all), onBallot)) return null;
    int[] ranks = compress(v, onBallot);
    if (v.length == all + 1) {
      ranks = java.util.Arrays.copyOf(ranks, ranks.length + 1);
      ranks[ranks.length - 1] = (int) v[all];
    }
    return new BallotContent.Ranking(ranks);
  }

  private static boolean offBallotUnmarked(long[] v, List<Integer> onBallot) {
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0 && !onBallot.contains(i)) return false;
    }
    return true;
  }

  private static int[] compress(long[] v, List<Integer> onBallot) {
    int[] out = new int[onBallot.size()];
    for (int i = 0; i < out.length; i++) {
      long x = v[onBallot.get(i)];
      out[i] = x > Integer.MAX_VALUE || x < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) x;
    }
    return out;
  }

  private static long[] compressLong(long[] v, List<Integer> onBallot) {
    long[] out = new long[onBallot.size()];
    for (int i = 0; i < out.length; i++) out[i] = v[onBallot.get(i)];
    return out;
  }
}
