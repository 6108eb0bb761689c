package org.bcos.ledger.dvs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.tally.ApprovalTally;
import org.bcos.ledger.dvs.tally.BallotRules;
import org.bcos.ledger.dvs.tally.IrvResult;
import org.bcos.ledger.dvs.tally.IrvTally;
import org.bcos.ledger.dvs.tally.QuadraticTally;
import org.bcos.ledger.dvs.tally.Ratio;
import org.bcos.ledger.dvs.tally.SchulzeResult;
import org.bcos.ledger.dvs.tally.SchulzeTally;
import org.bcos.ledger.dvs.tally.ScoreTally;
import org.bcos.ledger.dvs.tally.SingleChoiceTally;
import org.bcos.ledger.dvs.tally.TotalsResult;
import org.bcos.ledger.dvs.tally.WeightedBallot;
import org.bcos.ledger.dvs.tally.YesNoParams;
import org.bcos.ledger.dvs.tally.YesNoResult;
import org.bcos.ledger.dvs.tally.YesNoTally;

/** Runs the issue's ballot method and maps the result back to the issue's option indices. */
final class DvsMethodTally {
  private DvsMethodTally() {}

  /**
   * @param totals per issue option (yes/no: yes, no, abstain, veto); empty for ranked methods,
   *     whose per-option figures are first choices
   */
  record Outcome(IssueTally.Outcome outcome, List<Long> totals, List<Integer> winners,
      long countedWeight, boolean quorumMet, MethodCount count) {}

  static Outcome tally(Issue issue, List<WeightedBallot> ballots, long electorateWeight) {
    DvsRules r = issue.rules();
    BallotRules rules = DvsBallots.rules(issue);
    long quorumWeight = BigInteger.valueOf(electorateWeight).multiply(BigInteger.valueOf(
        r.quorumBps())).add(BigInteger.valueOf(9_999)).divide(BigInteger.valueOf(10_000))
        .longValueExact();
    return switch (r.method()) {
      case YES_NO -> yesNo(r, ballots, quorumWeight);
      case SINGLE_CHOICE -> totals(issue, SingleChoiceTally.tally(rules, ballots), quorumWeight);
      case APPROVAL -> totals(issue, ApprovalTally.tally(rules, ballots), quorumWeight);
      case SCORE -> totals(issue, ScoreTally.tally(rules, ballots), quorumWeight);
      case QUADRATIC -> totals(issue, QuadraticTally.tally(rules, ballots), quorumWeight);
      case SCHULZE -> schulze(issue, SchulzeTally.tally(rules, ballots), quorumWeight);
      case IRV -> irv(issue, IrvTally.tally(rules, ballots), quorumWeight);
    };
  }

  private static Outcome yesNo(DvsRules r, List<WeightedBallot> ballots, long quorumWeight) {
    YesNoParams params = new YesNoParams(quorumWeight, new Ratio(r.thresholdBps(), 10_000),
        false, r.vetoBps() > 0 ? Optional.of(new Ratio(r.vetoBps(), 10_000)) : Optional.empty());
    YesNoResult y = YesNoTally.tally(params, ballots);
    return new Outcome(yesNoOutcome(y.outcome()),
        List.of(y.yes(), y.no(), y.abstain(), y.noWithVeto()), List.of(), y.countedWeight(),
        y.outcome() != YesNoResult.Outcome.QUORUM_NOT_MET, new MethodCount.YesNo(y, params));
  }

  private static Outcome totals(Issue issue, TotalsResult t, long quorumWeight) {
    List<Integer> onBallot = issue.ballotOptions();
    List<Long> totals = new ArrayList<>();
    for (int i = 0; i < issue.options().size(); i++) {
      int at = onBallot.indexOf(i);
      totals.add(at < 0 ? 0L : t.totals().get(at));
    }
    return decided(t.winners().stream().map(onBallot::get).toList(), totals, t.countedWeight(),
        quorumWeight, new MethodCount.Totals(t));
  }

  private static Outcome schulze(Issue issue, SchulzeResult s, long quorumWeight) {
    List<Integer> onBallot = issue.ballotOptions();
    List<Integer> candidates = candidates(issue);
    List<Integer> winners = s.winners().stream().map(candidates::get).toList();
    return decided(winners, List.of(), s.countedWeight(), quorumWeight,
        new MethodCount.Schulze(s));
  }

  private static Outcome irv(Issue issue, IrvResult r, long quorumWeight) {
    List<Integer> onBallot = issue.ballotOptions();
    List<Integer> winners = r.winner().isPresent()
        ? List.of(onBallot.get(r.winner().getAsInt())) : List.of();
    return decided(winners, List.of(), r.countedWeight(), quorumWeight, new MethodCount.Irv(r));
  }

  /**
   * The issue option index of each ballot position: the options on the ballot, then (Schulze in
   * a deliberative issue) the status quo as -1. Empty for yes/no, whose positions are choices.
   */
  static List<Integer> candidates(Issue issue) {
    if (issue.rules().method() == DvsMessages.Method.YES_NO) return List.of();
    List<Integer> candidates = new ArrayList<>(issue.ballotOptions());
    if (DvsBallots.rules(issue).statusQuo()) candidates.add(-1);
    return List.copyOf(candidates);
  }

  private static Outcome decided(List<Integer> winners, List<Long> totals, long counted,
      long quorumWeight, MethodCount count) {
    boolean quorum = counted >= quorumWeight;
    IssueTally.Outcome name = !quorum ? IssueTally.Outcome.QUORUM_NOT_MET
        : counted == 0 || winners.isEmpty() ? IssueTally.Outcome.NO_VOTES
        : winners.size() > 1 ? IssueTally.Outcome.TIE
        : winners.getFirst() == -1 ? IssueTally.Outcome.STATUS_QUO : IssueTally.Outcome.DECIDED;
    return new Outcome(name, totals, winners, counted, quorum, count);
  }

  private static IssueTally.Outcome yesNoOutcome(YesNoResult.Outcome o) {
    return switch (o) {
      case QUORUM_NOT_MET -> IssueTally.Outcome.QUORUM_NOT_MET;
      case VETOED -> IssueTally.Outcome.VETOED;
      case PASSED -> IssueTally.Outcome.PASSED;
      case REJECTED -> IssueTally.Outcome.REJECTED;
    };
  }
}
