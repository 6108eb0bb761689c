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
    if (weights[0] == 0) return new IrvResult(List.of(), OptionalInt.empty(), 0, weights[1]);
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
      int remaining = n;
      while (true) {
        long active = counted - exhausted;
        int leader = leader();
        if (remaining == 1 || totals[leader] > active - totals[leader]) {
          rounds.add(new IrvResult.Round(boxed(totals), exhausted, -1));
          return new IrvResult(rounds, OptionalInt.of(leader), counted, invalid);
        }
        int loser = loser();
        rounds.add(new IrvResult.Round(boxed(totals), exhausted, loser));
        history.add(totals.clone());
        eliminate(loser);
        remaining--;
      }
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
      for (int r = history.size() - 1; r >= 0; r--) {
        long[] earlier = history.get(r);
        if (earlier[a] != earlier[b]) return earlier[a] < earlier[b];
      }
      return true;
    }

    private void eliminate(int loser) {
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
        if (p == order.length) {
          exhausted += weight[b];
        } else {
          holders[order[p]].add(b);
          totals[order[p]] += weight[b];
        }
      }
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
