package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.dvs.IssueCount;
import org.bcos.ledger.dvs.MethodCount;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.tally.IrvResult;
import org.bcos.ledger.dvs.tally.SchulzeResult;
import org.bcos.ledger.dvs.tally.YesNoParams;
import org.bcos.ledger.dvs.tally.YesNoResult;
import org.bcos.ledger.spi.rpc.RpcJson;

/**
 * The JSON of {@code dvs_ranking}: the full ranking of an issue's options by place, and what
 * explains it per method (Schulze matrices on request, IRV rounds, the yes/no decision). Ballot
 * positions are turned into the issue's option indices ({@code -1}: the status quo) here.
 */
final class DvsRankingJson {
  private static final List<String> CHOICES = List.of("yes", "no", "abstain", "veto");
  private static final int BPS = 10_000;

  private DvsRankingJson() {}

  /**
   * @param stated the tally whose outcome and winners are stated (the stored result once
   *     closed); the ranking comes from {@code count}, whose first place is those winners
   */
  static ObjectNode ranking(Issue issue, IssueTally stated, IssueCount count, boolean matrix) {
    ObjectNode n = RpcJson.object().put("issue", stated.issueId()).put("height", stated.height())
        .put("final", stated.isFinal()).put("provisional", !stated.isFinal())
        .put("method", issue.rules().method().name()).put("outcome", stated.outcome().name());
    ArrayNode winners = n.putArray("winners");
    stated.winners().forEach(winners::add);
    n.put("countedWeight", stated.countedWeight()).put("quorumMet", stated.quorumMet());
    ArrayNode ranking = n.putArray("ranking");
    int place = 1;
    for (List<Integer> tied : count.count().places()) {
      for (int position : tied) {
        entry(ranking.addObject().put("place", place), count, position);
      }
      place += tied.size();
    }
    ArrayNode notOnBallot = n.putArray("notOnBallot");
    if (!count.candidates().isEmpty()) {
      for (int i = 0; i < issue.options().size(); i++) {
        if (!issue.ballotOptions().contains(i)) notOnBallot.add(i);
      }
    }
    switch (count.count()) {
      case MethodCount.Schulze s -> { if (matrix) matrices(n, count, s.result()); }
      case MethodCount.Irv i -> rounds(n.putArray("rounds"), count, i.result());
      case MethodCount.YesNo y -> decision(n.putObject("decision"), y.result(), y.params());
      case MethodCount.Totals t -> { }
    }
    return n;
  }

  /** One ranked option: its issue index (or yes/no choice) and the figure it was placed by. */
  private static void entry(ObjectNode e, IssueCount count, int position) {
    switch (count.count()) {
      case MethodCount.Totals t -> e.put("option", count.option(position))
          .put("total", t.result().totals().get(position));
      case MethodCount.Schulze s -> schulzeEntry(e, count, s.result(), position);
      case MethodCount.Irv i -> irvEntry(e, count, i.result(), position);
      case MethodCount.YesNo y -> e.put("choice", CHOICES.get(position))
          .put("weight", count.tally().totals().get(position));
    }
  }

  private static void schulzeEntry(ObjectNode e, IssueCount count, SchulzeResult s, int at) {
    e.put("option", count.option(at)).put("firstChoices", s.firstChoices().get(at));
    int beats = 0;
    int beatenBy = 0;
    for (int other = 0; other < count.candidates().size(); other++) {
      if (s.beats(at, other)) beats++;
      if (s.beats(other, at)) beatenBy++;
    }
    e.put("beats", beats).put("beatenBy", beatenBy);
  }

  private static void irvEntry(ObjectNode e, IssueCount count, IrvResult r, int at) {
    e.put("option", count.option(at));
    if (r.rounds().isEmpty()) return;
    e.put("firstChoices", r.rounds().getFirst().totals().get(at));
    for (int round = 0; round < r.eliminations().size(); round++) {
      if (r.eliminations().get(round).option() == at) e.put("eliminatedInRound", round + 1);
    }
  }

  /** Candidates in ballot order (status quo last, -1), d[i][j] and p[i][j] in that order. */
  private static void matrices(ObjectNode n, IssueCount count, SchulzeResult s) {
    ArrayNode candidates = n.putArray("candidates");
    count.candidates().forEach(candidates::add);
    rows(n.putArray("pairwise"), s.pairwise());
    rows(n.putArray("strongestPaths"), s.strongestPaths());
  }

  private static void rows(ArrayNode out, List<List<Long>> matrix) {
    for (List<Long> row : matrix) {
      ArrayNode r = out.addArray();
      row.forEach(r::add);
    }
  }

  /** Each round: continuing options' weight, exhausted weight, and what ended it. */
  private static void rounds(ArrayNode out, IssueCount count, IrvResult r) {
    List<Integer> continuing = new ArrayList<>();
    for (int i = 0; i < count.candidates().size(); i++) continuing.add(i);
    for (int k = 0; k < r.rounds().size(); k++) {
      IrvResult.Round round = r.rounds().get(k);
      ObjectNode o = out.addObject().put("round", k + 1);
      ArrayNode totals = o.putArray("totals");
      for (int at : continuing) {
        totals.addObject().put("option", count.option(at)).put("weight", round.totals().get(at));
      }
      o.put("exhaustedWeight", round.exhaustedWeight());
      if (k < r.eliminations().size()) {
        elimination(o, count, r.eliminations().get(k));
        continuing.remove(Integer.valueOf(r.eliminations().get(k).option()));
      } else {
        o.put("elected", count.option(r.winner().orElseThrow()));
      }
    }
  }

  private static void elimination(ObjectNode o, IssueCount count, IrvResult.Elimination e) {
    o.put("eliminated", count.option(e.option())).put("reason", e.reason().name());
    ArrayNode tied = o.putArray("tiedWith");
    e.tiedWith().forEach(t -> tied.add(count.option(t)));
    ArrayNode transfers = o.putArray("transfers");
    for (int to = 0; to < e.transfers().size(); to++) {
      long weight = e.transfers().get(to);
      if (weight > 0) transfers.addObject().put("option", count.option(to)).put("weight", weight);
    }
    o.put("exhaustedByTransfer", e.exhaustedWeight());
  }

  /** What a yes/no issue was decided by: turnout against quorum, veto, yes share. */
  private static void decision(ObjectNode d, YesNoResult y, YesNoParams p) {
    long decisive = y.decisiveWeight();
    d.put("yes", y.yes()).put("no", y.no()).put("noWithVeto", y.noWithVeto())
        .put("abstain", y.abstain()).put("turnoutWeight", y.countedWeight())
        .put("quorumWeight", p.quorumWeight()).put("decisiveWeight", decisive)
        .put("yesShareBps", decisive == 0 ? 0 : bps(y.yes(), decisive))
        .put("thresholdBps", bps(p.threshold().numerator(), p.threshold().denominator()));
    p.vetoShare().ifPresent(v -> d.put("vetoBps", bps(v.numerator(), v.denominator())));
  }

  /** {@code part / whole} in basis points, rounded down, without overflow. */
  private static long bps(long part, long whole) {
    return java.math.BigInteger.valueOf(part).multiply(java.math.BigInteger.valueOf(BPS))
        .divide(java.math.BigInteger.valueOf(whole)).longValueExact();
  }
}
