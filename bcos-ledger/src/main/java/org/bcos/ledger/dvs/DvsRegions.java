package org.bcos.ledger.dvs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally.RegionCell;
import org.bcos.ledger.dvs.delegation.DelegationResult;
import org.bcos.ledger.dvs.tally.BallotContent;

/**
 * The regional breakdown: every counted member's weight goes to its own attested region and to the
 * first choice of the ballot that carries it. Cells with fewer members than the community's
 * minimum are merged (the two smallest, repeatedly, ties by name) so no small group's votes show.
 */
final class DvsRegions {
  static final String UNASSIGNED = "(unassigned)";

  private DvsRegions() {}

  /** Entries per cell: the issue's options, or yes/no/abstain/veto. */
  static int width(Issue issue) {
    return issue.rules().method() == DvsMessages.Method.YES_NO ? 4 : issue.options().size();
  }

  static List<RegionCell> breakdown(Issue issue, String[] regions, long[] weights,
      DelegationResult counted, int[] firstChoiceOfVoter, int minCellSize) {
    int width = width(issue);
    TreeMap<String, long[]> cells = new TreeMap<>();
    for (int j = 0; j < regions.length; j++) {
      int voter = counted.countedFor(j);
      if (voter < 0) continue;
      String region = regions[j].isEmpty() ? UNASSIGNED : regions[j];
      long[] cell = cells.computeIfAbsent(region, r -> new long[width + 2]);
      cell[0]++;
      cell[1] = Math.addExact(cell[1], weights[j]);
      int choice = firstChoiceOfVoter[voter];
      if (choice >= 0 && choice < width) cell[2 + choice] = Math.addExact(cell[2 + choice],
          weights[j]);
    }
    List<RegionCell> list = new ArrayList<>();
    cells.forEach((name, c) -> list.add(cell(name, c)));
    return merge(list, minCellSize);
  }

  private static RegionCell cell(String name, long[] c) {
    List<Long> choices = new ArrayList<>();
    for (int i = 2; i < c.length; i++) choices.add(c[i]);
    return new RegionCell(name, c[0], c[1], choices);
  }

  private static List<RegionCell> merge(List<RegionCell> cells, int minCellSize) {
    List<RegionCell> work = new ArrayList<>(cells);
    Comparator<RegionCell> smallest = Comparator.comparingLong(RegionCell::members)
        .thenComparing(RegionCell::region);
    while (work.size() > 1) {
      work.sort(smallest);
      if (work.getFirst().members() >= minCellSize) break;
      RegionCell a = work.removeFirst();
      RegionCell b = work.removeFirst();
      List<Long> choices = new ArrayList<>();
      for (int i = 0; i < a.firstChoices().size(); i++) {
        choices.add(Math.addExact(a.firstChoices().get(i), b.firstChoices().get(i)));
      }
      String name = a.region().compareTo(b.region()) < 0 ? a.region() + "+" + b.region()
          : b.region() + "+" + a.region();
      work.add(new RegionCell(name, a.members() + b.members(),
          Math.addExact(a.weight(), b.weight()), choices));
    }
    if (work.size() == 1 && work.getFirst().members() < minCellSize) {
      // even everyone together is below the minimum: show counts, never choices
      RegionCell only = work.getFirst();
      return List.of(new RegionCell("(all, too few to show)", only.members(), only.weight(),
          List.of()));
    }
    work.sort(Comparator.comparing(RegionCell::region));
    return work;
  }

  /** Sum of first choices over all cells (the per-option figure of ranked methods). */
  static List<Long> firstChoiceTotals(List<RegionCell> regions, int width) {
    long[] sum = new long[width];
    for (RegionCell r : regions) {
      for (int i = 0; i < r.firstChoices().size() && i < width; i++) {
        sum[i] = Math.addExact(sum[i], r.firstChoices().get(i));
      }
    }
    List<Long> out = new ArrayList<>();
    for (long s : sum) out.add(s);
    return out;
  }

  /** Issue option index of a ballot's first choice; yes/no: the choice; -1 = status quo. */
  static int firstChoice(Issue issue, BallotContent content) {
    List<Integer> onBallot = issue.ballotOptions();
    return switch (content) {
      case BallotContent.YesNoAbstain y -> y.choice().ordinal();
      case BallotContent.SingleChoice s -> onBallot.get(s.option());
      case BallotContent.Approval a -> a.options().length == 0 ? -1 : onBallot.get(a.options()[0]);
      case BallotContent.Ranking r -> best(r.ranks(), onBallot);
      case BallotContent.Scores s -> argmax(toLong(s.scores()), onBallot);
      case BallotContent.Quadratic q -> argmax(q.votes(), onBallot);
    };
  }

  private static int best(int[] ranks, List<Integer> onBallot) {
    int best = -1;
    int bestRank = Integer.MAX_VALUE;
    for (int i = 0; i < ranks.length; i++) {
      if (ranks[i] > 0 && ranks[i] < bestRank) {
        bestRank = ranks[i];
        best = i;
      }
    }
    return best < 0 || best >= onBallot.size() ? -1 : onBallot.get(best);
  }

  private static long[] toLong(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) out[i] = v[i];
    return out;
  }

  private static int argmax(long[] v, List<Integer> onBallot) {
    int best = -1;
    for (int i = 0; i < v.length; i++) {
      if (v[i] > 0 && (best < 0 || v[i] > v[best])) best = i;
    }
    return best < 0 ? -1 : onBallot.get(best);
  }
}
