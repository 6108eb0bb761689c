package org.bcos.ledger.dvs.tally;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Instant-runoff voting over strict rankings (no equal non-zero ranks; unranked options are never
 * counted for that ballot).
 *
 * <p>Each round every ballot counts for its best-ranked continuing option. An option with more
 * than half of the continuing (non-exhausted) weight wins; so does the last continuing option.
 * Otherwise the option with the least weight is eliminated and its ballots move to their next
 * continuing option, or become exhausted when none is left. <b>Elimination ties</b> are broken
 * backwards: among the tied options, the one with less weight in the latest earlier round where
 * they differ is eliminated; if they never differed, the one with the <em>highest index</em> is
 * eliminated (lower indexes, e.g. earlier initiatives, survive).
 *
 * <p>Once an option wins, the count goes on under the same rules (not recorded as rounds) until
 * one option is left, only to give the full ranking: winner, then last eliminated first.
 *
 * <p>Work is O(ballots · options) in total: each ballot only moves when its current option is
 * eliminated.
 */
public final class IrvTally {
  private IrvTally() {}

  public static IrvResult tally(int optionCount, List<WeightedBallot> ballots) {
    return tally(BallotRules.irv(optionCount), ballots);
  }

  public static IrvResult tally(BallotRules rules, List<WeightedBallot> ballots) {
    int n = rules.optionCount();
    List<int[]> orders = new ArrayList<>();
    long[][] ballotWeights = {new long[16]};
    long[] weights = Counting.run(rules, ballots, BallotMethod.IRV, (w, c) -> {
      int index = orders.size();
      orders.add(preferenceOrder(((BallotContent.Ranking) c).raw()));
      if (index == ballotWeights[0].length) {
        ballotWeights[0] = Arrays.copyOf(ballotWeights[0], index * 2);
      }
      ballotWeights[0][index] = w;
    });
    if (weights[0] == 0) {
      List<Integer> everyone = new ArrayList<>(n);
      for (int i = 0; i < n; i++) everyone.add(i);
      return new IrvResult(List.of(), List.of(), List.of(everyone), OptionalInt.empty(), 0,
          weights[1]);
    }
    return new Rounds(n, orders, ballotWeights[0]).run(weights[0], weights[1]);
  }

  /** Options the ballot ranks, best first (ranks are distinct after validation). */
  static int[] preferenceOrder(int[] ranks) {
    int count = 0;
    for (int rank : ranks) if (rank != 0) count++;
    long[] keyed = new long[count];
    int k = 0;
    for (int option = 0; option < ranks.length; option++) {
      if (ranks[option] != 0) keyed[k++] = ((long) ranks[option] << 32) | option;
    }
    Arrays.sort(keyed);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) order[i] = (int) keyed[i];
    return order;
  }

  /** The mutable state of one count. */
  private static final class Rounds {
    private final int n;
    private final List<int[]> orders;
    private final long[] weight;
    private final int[] position;
    private final IntList[] holders;
    private final long[] totals;
    private final boolean[] continuing;
    private final List<long[]> history = new ArrayList<>();
    private long exhausted;

    Rounds(int n, List<int[]> orders, long[] ballotWeights) {
      this.n = n;
      this.orders = orders;
      this.weight = new long[orders.size()];
      this.position = new int[orders.size()];
      this.holders = new IntList[n];
      this.totals = new long[n];
      this.continuing = new boolean[n];
      Arrays.fill(continuing, true);
      for (int i = 0; i < n; i++) holders[i] = new IntList();
      for (int b = 0; b < weight.length; b++) {
        weight[b] = ballotWeights[b];
        int first = orders.get(b)[0];
        holders[first].add(b);
        totals[first] += weight[b];
      }
    }

    IrvResult run(long counted, long invalid) {
      List<IrvResult.Round> rounds = new ArrayList<>();
      List<IrvResult.Elimination> eliminations = new ArrayList<>();
      List<Integer> eliminated = new ArrayList<>();
      int winner = -1;
      int remaining = n;
      // after the winner is found the count goes on, unrecorded, only to place the others
      while (winner < 0 || remaining > 1) {
        long active = counted - exhausted;
        int leader = leader();
        if (winner < 0 && (remaining == 1 || totals[leader] > active - totals[leader])) {
          rounds.add(new IrvResult.Round(boxed(totals), exhausted, -1));
          winner = leader;
          continue;
        }
        int loser = loser();
        if (winner < 0) rounds.add(new IrvResult.Round(boxed(totals), exhausted, loser));
        IrvResult.Elimination why = elimination(loser);
        history.add(totals.clone());
        long[] moved = eliminate(loser);
        if (winner < 0) eliminations.add(withTransfers(why, moved));
        eliminated.add(loser);
        remaining--;
      }
      List<List<Integer>> places = new ArrayList<>();
      places.add(List.of(winner));
      for (int i = eliminated.size() - 1; i >= 0; i--) places.add(List.of(eliminated.get(i)));
      return new IrvResult(rounds, eliminations, places, OptionalInt.of(winner), counted,
          invalid);
    }

    /** Continuing option with the most weight (lowest index among equals). */
    private int leader() {
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (continuing[i] && (best < 0 || totals[i] > totals[best])) best = i;
      }
      return best;
    }

    /** Continuing option to eliminate: least weight, backwards tie-break, then highest index. */
    private int loser() {
      int worst = -1;
      for (int i = 0; i < n; i++) {
        if (continuing[i] && (worst < 0 || lessOrTiedLater(i, worst))) worst = i;
      }
      return worst;
    }

    /** Whether {@code a} (a higher index than {@code b}) should go before {@code b}. */
    private boolean lessOrTiedLater(int a, int b) {
      if (totals[a] != totals[b]) return totals[a] < totals[b];
      int r = latestDifference(a, b);
      return r < 0 || history.get(r)[a] < history.get(r)[b];
    }

    /** Why {@code loser} goes: fewest, or which tie-break picked it (transfers still empty). */
    private IrvResult.Elimination elimination(int loser) {
      List<Integer> tied = new ArrayList<>();
      boolean byIndex = false;
      for (int i = 0; i < n; i++) {
        if (i == loser || !continuing[i] || totals[i] != totals[loser]) continue;
        tied.add(i);
        byIndex |= latestDifference(i, loser) < 0;
      }
      IrvResult.Reason reason = tied.isEmpty() ? IrvResult.Reason.FEWEST
          : byIndex ? IrvResult.Reason.TIED_HIGHEST_INDEX : IrvResult.Reason.TIED_LESS_EARLIER;
      return new IrvResult.Elimination(loser, reason, tied, List.of(), 0);
    }

    private IrvResult.Elimination withTransfers(IrvResult.Elimination e, long[] moved) {
      long exhaustedNow = moved[n];
      return new IrvResult.Elimination(e.option(), e.reason(), e.tiedWith(),
          boxed(Arrays.copyOf(moved, n)), exhaustedNow);
    }

    /** Latest earlier round where {@code a} and {@code b} had different weight, or -1. */
    private int latestDifference(int a, int b) {
      for (int r = history.size() - 1; r >= 0; r--) {
        if (history.get(r)[a] != history.get(r)[b]) return r;
      }
      return -1;
    }

    /**
     * Moves the loser's ballots on; returns the weight each option received, and at index n the
     * weight that became exhausted.
     */
    private long[] eliminate(int loser) {
      long[] moved = new long[n + 1];
      continuing[loser] = false;
      totals[loser] = 0;
      IntList moving = holders[loser];
      holders[loser] = null;
      for (int k = 0; k < moving.size; k++) {
        int b = moving.items[k];
        int[] order = orders.get(b);
        int p = position[b] + 1;
        while (p < order.length && !continuing[order[p]]) p++;
        position[b] = p;
        int to = p == order.length ? n : order[p];
        moved[to] += weight[b];
        if (to == n) {
          exhausted += weight[b];
        } else {
          holders[to].add(b);
          totals[to] += weight[b];
        }
      }
      return moved;
    }

    private static List<Long> boxed(long[] values) {
      List<Long> list = new ArrayList<>(values.length);
      for (long v : values) list.add(v);
      return list;
    }
  }

  /** Growable int array (ballot indexes held by one option). */
  private static final class IntList {
    int[] items = new int[8];
    int size;

    void add(int value) {
      if (size == items.length) items = Arrays.copyOf(items, size * 2);
      items[size++] = value;
    }
  }
}
