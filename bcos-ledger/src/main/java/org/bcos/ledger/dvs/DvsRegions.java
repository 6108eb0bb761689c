package org.bcos.ledger.dvs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally.RegionCell;
import org.bcos.ledger.dvs.api.RegionRoll;
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

  /**
   * The breakdown and, for each of its cells, the roll it covers; regions where no weight was
   * counted apart. Only {@code cells} is stored with a tally; the rest is computed with a count on
   * request (turnout by region).
   *
   * @param cells the breakdown, as stored
   * @param rolls the roll behind each cell, in the same order (merged cells: their regions')
   * @param silent regions on the roll where no weight was counted, by name; they are in no cell,
   *     and show counts only
   */
  record Breakdown(List<RegionCell> cells, List<RegionRoll> rolls, List<RegionRoll> silent) {}

  /**
   * Cells of counted members by region with the first choices their weight went to, merged below
   * {@code minCellSize}, and the roll (every member, voting or not) behind each.
   */
  static Breakdown breakdown(Issue issue, String[] regions, long[] weights,
      DelegationResult counted, int[] firstChoiceOfVoter, int minCellSize) {
    int width = width(issue);
    TreeMap<String, long[]> cells = new TreeMap<>();
    TreeMap<String, long[]> rolls = new TreeMap<>();
    for (int j = 0; j < regions.length; j++) {
      String region = regions[j].isEmpty() ? UNASSIGNED : regions[j];
      long[] roll = rolls.computeIfAbsent(region, r -> new long[2]);
      roll[0]++;
      roll[1] = Math.addExact(roll[1], weights[j]);
      int voter = counted.countedFor(j);
      if (voter < 0) continue;
      long[] cell = cells.computeIfAbsent(region, r -> new long[width + 2]);
      cell[0]++;
      cell[1] = Math.addExact(cell[1], weights[j]);
      int choice = firstChoiceOfVoter[voter];
      if (choice >= 0 && choice < width) cell[2 + choice] = Math.addExact(cell[2 + choice],
          weights[j]);
    }
    List<Cell> list = new ArrayList<>();
    List<RegionRoll> silent = new ArrayList<>();
    rolls.forEach((name, r) -> {
      long[] c = cells.get(name);
      if (c == null) silent.add(new RegionRoll(name, r[0], r[1]));
      else list.add(new Cell(cell(name, c), r[0], r[1]));
    });
    List<Cell> merged = merge(list, minCellSize);
    return new Breakdown(merged.stream().map(Cell::shown).toList(),
        merged.stream().map(Cell::roll).toList(), silent);
  }

  /** A cell being merged, with the roll it covers. */
  private record Cell(RegionCell shown, long rollMembers, long rollWeight) {
    RegionRoll roll() {
      return new RegionRoll(shown.region(), rollMembers, rollWeight);
    }
  }

  private static RegionCell cell(String name, long[] c) {
    List<Long> choices = new ArrayList<>();
    for (int i = 2; i < c.length; i++) choices.add(c[i]);
    return new RegionCell(name, c[0], c[1], choices);
  }

  private static List<Cell> merge(List<Cell> cells, int minCellSize) {
    List<Cell> work = new ArrayList<>(cells);
    Comparator<Cell> smallest = Comparator.comparingLong((Cell c) -> c.shown().members())
        .thenComparing(c -> c.shown().region());
    while (work.size() > 1) {
      work.sort(smallest);
      if (work.getFirst().shown().members() >= minCellSize) break;
      Cell a = work.removeFirst();
      Cell b = work.removeFirst();
      RegionCell x = a.shown();
      RegionCell y = b.shown();
      List<Long> choices = new ArrayList<>();
      for (int i = 0; i < x.firstChoices().size(); i++) {
        choices.add(Math.addExact(x.firstChoices().get(i), y.firstChoices().get(i)));
      }
      String name = x.region().compareTo(y.region()) < 0 ? x.region() + "+" + y.region()
          : y.region() + "+" + x.region();
      work.add(new Cell(new RegionCell(name, x.members() + y.members(),
          Math.addExact(x.weight(), y.weight()), choices), a.rollMembers() + b.rollMembers(),
          Math.addExact(a.rollWeight(), b.rollWeight())));
    }
    if (work.size() == 1 && work.getFirst().shown().members() < minCellSize) {
      // even everyone together is below the minimum: show counts, never choices
      Cell only = work.getFirst();
      return List.of(new Cell(new RegionCell("(all, too few to show)", only.shown().members(),
          only.shown().weight(), List.of()), only.rollMembers(), only.rollWeight()));
    }
    work.sort(Comparator.comparing(c -> c.shown().region()));
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
