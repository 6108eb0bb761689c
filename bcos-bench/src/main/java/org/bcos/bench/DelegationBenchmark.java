package org.bcos.bench;

import java.util.ArrayList;
import org.bcos.ledger.dvs.tally.BallotContent;
import org.bcos.ledger.dvs.tally.BallotRules;
import org.bcos.ledger.dvs.tally.SingleChoiceTally;
import org.bcos.ledger.dvs.tally.TotalsResult;
import org.bcos.ledger.dvs.tally.WeightedBallot;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bcos.ledger.dvs.delegation.DelegationCounter;
import org.bcos.ledger.dvs.delegation.DelegationResolver;
import org.bcos.ledger.dvs.delegation.DelegationResult;
import org.bcos.ledger.dvs.delegation.DelegationTable;
import org.bcos.ledger.dvs.delegation.WeightSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Liquid delegation for one issue (issue #3 target: 1,000,000 ballots with 300,000 delegations,
 * chains up to the limit, in ≤ 1 s including the ballot tally): 70 % of members vote directly,
 * 30 % delegate (28 % along chains of 1..{@link #MAX_CHAIN} hops ending at a voter, 2 % of voters
 * delegate too and are overridden), 1 % of members refuse incoming delegations. Delegations are
 * spread over community, a three-level area path and issue scope, with 50,000-per-million extra
 * less specific entries that the resolver must shadow. {@code resolveAndCount} is the whole
 * delegation step (most specific scope per member, then transitive counting and accumulation of
 * counted weight per voter); {@code countOnly} skips resolution.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1)
public class DelegationBenchmark {
  private static final int MAX_CHAIN = 10;

  @Param({"100000", "1000000"})
  public int members;

  private WeightSnapshot weights;
  private boolean[] voted;
  private boolean[] refuses;
  private DelegationTable community;
  private List<DelegationTable> areaPath;
  private DelegationTable issue;
  private int[] resolved;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    int n = members;
    long[] w = new long[n];
    for (int m = 0; m < n; m++) w[m] = 1 + random.nextInt(1_000);
    weights = WeightSnapshot.of(1, w);
    int[] order = permutation(random, n);
    int voterCount = n / 10 * 7;
    voted = new boolean[n];
    refuses = new boolean[n];
    for (int i = 0; i < voterCount; i++) voted[order[i]] = true;
    for (int i = 0; i < n / 100; i++) refuses[order[random.nextInt(voterCount)]] = true;
    int[] delegateOf = chains(random, order, voterCount);
    int[][] scoped = spreadOverScopes(random, delegateOf);
    community = DelegationTable.fromDense(scoped[0]);
    areaPath = List.of(DelegationTable.fromDense(scoped[3]), DelegationTable.fromDense(scoped[2]),
        DelegationTable.fromDense(scoped[1]));
    issue = DelegationTable.fromDense(scoped[4]);
    resolved = DelegationResolver.resolve(n, community, areaPath, issue);
    if (!Arrays.equals(resolved, delegateOf)) throw new IllegalStateException("setup is wrong");
    long counted = countOnly().totalCounted();
    System.out.println("\ncounted weight " + counted + " of " + weights.total());
  }

  /** 28 % of members: non-voters in chains of 1..MAX_CHAIN hops to a voter; 2 %: voters. */
  private int[] chains(SplittableRandom random, int[] order, int voterCount) {
    int n = order.length;
    int[] delegateOf = new int[n];
    Arrays.fill(delegateOf, -1);
    int end = n - n / 50; // the last 2 % of non-voters do not delegate
    int i = voterCount;
    while (i < end) {
      int length = Math.min(1 + random.nextInt(MAX_CHAIN), end - i);
      for (int k = 0; k < length - 1; k++) delegateOf[order[i + k]] = order[i + k + 1];
      delegateOf[order[i + length - 1]] = order[random.nextInt(voterCount)];
      i += length;
    }
    for (int k = 0; k < n / 50; k++) {
      int voter = order[random.nextInt(voterCount)];
      delegateOf[voter] = order[random.nextInt(n)];
      if (delegateOf[voter] == voter) delegateOf[voter] = -1;
    }
    return delegateOf;
  }

  /**
   * Community, root area, middle area, issue's area, issue: each delegation goes to one scope
   * (60/10/10/10/10 %), plus shadowed less specific entries for 5 % of members.
   */
  private int[][] spreadOverScopes(SplittableRandom random, int[] delegateOf) {
    int n = delegateOf.length;
    int[][] scoped = new int[5][n];
    for (int[] s : scoped) Arrays.fill(s, -1);
    for (int m = 0; m < n; m++) {
      if (delegateOf[m] < 0) continue;
      int r = random.nextInt(10);
      int scope = r < 6 ? 0 : r - 5;
      scoped[scope][m] = delegateOf[m];
      if (scope > 0 && random.nextInt(6) == 0) {
        int other = random.nextInt(n);
        scoped[random.nextInt(scope)][m] = other == m ? delegateOf[m] : other;
      }
    }
    return scoped;
  }

  private static int[] permutation(SplittableRandom random, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * The whole count of an issue: delegation (resolve + count), one weighted ballot per direct
   * voter carrying its counted weight, and a 5-option single-choice tally. With {@code members =
   * 1430000} that is 1,000,000 ballots and 430,000 delegating members.
   */
  @Benchmark
  public TotalsResult resolveCountAndTally() {
    int[] delegateOf = DelegationResolver.resolve(members, community, areaPath, issue);
    DelegationResult counted = DelegationCounter.count(weights, delegateOf, voted, refuses,
        MAX_CHAIN);
    List<WeightedBallot> ballots = new ArrayList<>(members);
    for (int m = 0; m < members; m++) {
      long w = counted.countedWeight(m);
      if (voted[m] && w > 0) ballots.add(new WeightedBallot(w, CHOICES[m % CHOICES.length]));
    }
    return SingleChoiceTally.tally(BallotRules.singleChoice(CHOICES.length), ballots);
  }

  private static final BallotContent[] CHOICES = {new BallotContent.SingleChoice(0),
      new BallotContent.SingleChoice(1), new BallotContent.SingleChoice(2),
      new BallotContent.SingleChoice(3), new BallotContent.SingleChoice(4)};

  @Benchmark
  public DelegationResult resolveAndCount() {
    int[] delegateOf = DelegationResolver.resolve(members, community, areaPath, issue);
    return DelegationCounter.count(weights, delegateOf, voted, refuses, MAX_CHAIN);
  }

  @Benchmark
  public DelegationResult countOnly() {
    return DelegationCounter.count(weights, resolved, voted, refuses, MAX_CHAIN);
  }
}
