package org.bcos.ledger.dvs.tally;

import java.util.ArrayList;
import java.util.List;

/**
 * The Schulze method (winning votes), as used by LiquidFeedback and Debian.
 *
 * <ol>
 *   <li>d[i][j] = weight of valid ballots ranking i strictly above j (unranked = below every
 *       ranked candidate, tied with the other unranked ones), accumulated in one pass.
 *   <li>Strongest paths by the widest-path Floyd–Warshall variant: p[i][j] = d[i][j] if d[i][j]
 *       &gt; d[j][i], else 0; then p[i][j] = max(p[i][j], min(p[i][k], p[k][j])).
 *   <li>i beats j iff p[i][j] &gt; p[j][i] (a strict partial order). The winners are the
 *       candidates nobody beats; a tie (several winners) is reported, not broken at random.
 *   <li>The full ranking sorts by (number of candidates beating it ascending, number it beats
 *       descending, index ascending), which always extends "beats" and puts the winners first.
 *       Its places: the winners share the first (they may beat different numbers of others);
 *       below them candidates with equal counts share a place (the index only orders the
 *       listing). The winners are computed as that first place.
 * </ol>
 *
 * <p>With a status quo (LiquidFeedback), the status quo is candidate {@code optionCount}; a
 * ranking of length optionCount + 1 places it where the voter put it, a shorter one leaves it
 * unranked (tied with the unranked options at the bottom).
 */
public final class SchulzeTally {
  private SchulzeTally() {}

  public static SchulzeResult tally(int optionCount, List<WeightedBallot> ballots) {
    return tally(BallotRules.schulze(optionCount, false), ballots);
  }

  public static SchulzeResult tally(BallotRules rules, List<WeightedBallot> ballots) {
    int n = rules.candidateCount();
    long[][] d = new long[n][n];
    int[] effective = new int[n];
    long[] firstChoices = new long[n];
    long[] weights = Counting.run(rules, ballots, BallotMethod.SCHULZE, (w, c) -> {
      addPreferences(d, effective, ((BallotContent.Ranking) c).raw(), w);
      addFirstChoices(firstChoices, effective, w);
    });
    long[][] p = strongestPaths(d);
    return result(rules, d, p, firstChoices, weights[0], weights[1]);
  }

  /** Adds weight {@code w} to d[i][j] for each pair the ballot ranks i strictly above j. */
  private static void addPreferences(long[][] d, int[] effective, int[] ranks, long w) {
    int n = effective.length;
    for (int i = 0; i < n; i++) {
      int rank = i < ranks.length ? ranks[i] : 0;
      effective[i] = rank == 0 ? Integer.MAX_VALUE : rank;
    }
    for (int i = 0; i < n; i++) {
      int ri = effective[i];
      long[] row = d[i];
      for (int j = 0; j < n; j++) {
        if (ri < effective[j]) row[j] += w; // bounded by the checked counted weight
      }
    }
  }

  /** Adds {@code w} to every candidate at the ballot's best rank (equal firsts: to each). */
  private static void addFirstChoices(long[] firstChoices, int[] effective, long w) {
    int best = Integer.MAX_VALUE;
    for (int rank : effective) best = Math.min(best, rank);
    for (int i = 0; i < effective.length; i++) {
      if (effective[i] == best) firstChoices[i] += w; // bounded by the checked counted weight
    }
  }

  static long[][] strongestPaths(long[][] d) {
    int n = d.length;
    long[][] p = new long[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && d[i][j] > d[j][i]) p[i][j] = d[i][j];
      }
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        if (i == k || p[i][k] == 0) continue;
        for (int j = 0; j < n; j++) {
          if (j != i && j != k) p[i][j] = Math.max(p[i][j], Math.min(p[i][k], p[k][j]));
        }
      }
    }
    return p;
  }

  private static SchulzeResult result(BallotRules rules, long[][] d, long[][] p,
      long[] firstChoices, long counted, long invalid) {
    int n = d.length;
    int[] beaten = new int[n];
    int[] beats = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (p[i][j] > p[j][i]) {
          beats[i]++;
          beaten[j]++;
        }
      }
    }
    List<Integer> ranking = new ArrayList<>(n);
    for (int i = 0; i < n; i++) ranking.add(i);
    ranking.sort((a, b) -> beaten[a] != beaten[b] ? Integer.compare(beaten[a], beaten[b])
        : beats[a] != beats[b] ? Integer.compare(beats[b], beats[a]) : Integer.compare(a, b));
    // nobody beats a winner, so all winners share the first place (several: a tie, reported);
    // below them only equal (beaten, beats) counts tie, and such candidates never beat each other
    List<List<Integer>> places = Places.of(ranking, (a, b) -> beaten[a] == beaten[b]
        && (beaten[a] == 0 || beats[a] == beats[b]));
    return new SchulzeResult(rules.optionCount(), rules.statusQuo(), rows(d), rows(p),
        rows(new long[][] {firstChoices}).getFirst(), ranking, places,
        Places.winners(places, counted), counted, invalid);
  }

  private static List<List<Long>> rows(long[][] matrix) {
    List<List<Long>> rows = new ArrayList<>(matrix.length);
    for (long[] row : matrix) {
      List<Long> boxed = new ArrayList<>(row.length);
      for (long v : row) boxed.add(v);
      rows.add(boxed);
    }
    return rows;
  }
}
