package org.bcos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bcos.ledger.dvs.tally.ApprovalTally;
import org.bcos.ledger.dvs.tally.BallotContent;
import org.bcos.ledger.dvs.tally.BallotRules;
import org.bcos.ledger.dvs.tally.IrvResult;
import org.bcos.ledger.dvs.tally.IrvTally;
import org.bcos.ledger.dvs.tally.SchulzeResult;
import org.bcos.ledger.dvs.tally.SchulzeTally;
import org.bcos.ledger.dvs.tally.SingleChoiceTally;
import org.bcos.ledger.dvs.tally.TotalsResult;
import org.bcos.ledger.dvs.tally.WeightedBallot;
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
 * Time to count one issue's ballots (validation included) by method, over {@code ballots}
 * ballots and {@code options} options. Ballots are random (seeded), all distinct objects, weight
 * 1..3; rankings rank a random 1..options prefix of a random order (Schulze, IRV), approvals a
 * random 1..3 options. Issue #3 target: Schulze, 10 options, 1,000,000 ballots ≤ 2 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class TallyBenchmark {
  @Param({"100000", "1000000"})
  public int ballots;

  @Param({"5", "10", "20"})
  public int options;

  private List<WeightedBallot> ranked;
  private List<WeightedBallot> single;
  private List<WeightedBallot> approval;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    ranked = new ArrayList<>(ballots);
    single = new ArrayList<>(ballots);
    approval = new ArrayList<>(ballots);
    for (int b = 0; b < ballots; b++) {
      long weight = 1 + random.nextInt(3);
      ranked.add(new WeightedBallot(weight, randomRanking(random)));
      single.add(new WeightedBallot(weight, new BallotContent.SingleChoice(
          random.nextInt(options))));
      approval.add(new WeightedBallot(weight, new BallotContent.Approval(
          prefix(random, 1 + random.nextInt(Math.min(3, options))))));
    }
  }

  private BallotContent.Ranking randomRanking(SplittableRandom random) {
    return BallotContent.Ranking.ofOrder(options, prefix(random, 1 + random.nextInt(options)));
  }

  /** The first {@code length} entries of a random permutation of the options. */
  private int[] prefix(SplittableRandom random, int length) {
    int[] order = new int[options];
    for (int i = 0; i < options; i++) order[i] = i;
    for (int i = 0; i < length; i++) {
      int j = i + random.nextInt(options - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return java.util.Arrays.copyOf(order, length);
  }

  @Benchmark
  public SchulzeResult schulze() {
    return SchulzeTally.tally(BallotRules.schulze(options, false), ranked);
  }

  @Benchmark
  public IrvResult irv() {
    return IrvTally.tally(options, ranked);
  }

  @Benchmark
  public TotalsResult singleChoice() {
    return SingleChoiceTally.tally(options, single);
  }

  @Benchmark
  public TotalsResult approval() {
    return ApprovalTally.tally(options, approval);
  }
}
