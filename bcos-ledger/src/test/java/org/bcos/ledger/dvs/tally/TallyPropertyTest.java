package org.bcos.ledger.dvs.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bcos.types.TestSeed;
import org.junit.jupiter.api.Test;

/**
 * Properties of every ballot method over random elections (a tenth of the ballots invalid):
 * splitting a ballot's weight, or permuting ballot order, changes nothing; a Condorcet winner is
 * the Schulze winner; invalid ballots are reported, never thrown. Each example is built from one
 * random long; replay the whole run with {@code -Dbcos.test.seed=<seed>}.
 */
class TallyPropertyTest {
  private static final BallotMethod[] METHODS = BallotMethod.values();

  private static long seed() {
    return TestSeed.of("TallyPropertyTest");
  }

  /** One random election: rules, ballots, and the count as a comparable value. */
  private record Election(BallotRules rules, List<WeightedBallot> ballots) {
    Object count(List<WeightedBallot> these) {
      return count(rules, these);
    }

    static Object count(BallotRules rules, List<WeightedBallot> ballots) {
      return switch (rules.method()) {
        case YES_NO_ABSTAIN -> YesNoTally.tally(new YesNoParams(7, new Ratio(3, 5), false,
            Optional.of(new Ratio(1, 3))), ballots);
        case SINGLE_CHOICE -> SingleChoiceTally.tally(rules, ballots);
        case APPROVAL -> ApprovalTally.tally(rules, ballots);
        case SCHULZE -> SchulzeTally.tally(rules, ballots);
        case IRV -> IrvTally.tally(rules, ballots);
        case SCORE -> ScoreTally.tally(rules, ballots);
        case QUADRATIC -> QuadraticTally.tally(rules, ballots);
      };
    }
  }

  private static Election election(long example) {
    SplittableRandom random = new SplittableRandom(example);
    BallotMethod method = METHODS[random.nextInt(METHODS.length)];
    BallotRules rules = rules(method, 1 + random.nextInt(7), random);
    List<WeightedBallot> ballots = new ArrayList<>();
    int count = random.nextInt(60);
    for (int i = 0; i < count; i++) {
      BallotContent content = random.nextInt(10) == 0 ? garbage(random, rules.optionCount() + 2)
          : valid(rules, random);
      ballots.add(new WeightedBallot(1 + random.nextInt(random.nextBoolean() ? 3 : 1000),
          content));
    }
    return new Election(rules, ballots);
  }

  private static BallotRules rules(BallotMethod method, int n, SplittableRandom random) {
    return switch (method) {
      case YES_NO_ABSTAIN -> BallotRules.yesNoAbstain();
      case SINGLE_CHOICE -> BallotRules.singleChoice(n);
      case APPROVAL -> BallotRules.approval(n);
      case SCHULZE -> BallotRules.schulze(n, random.nextBoolean());
      case IRV -> BallotRules.irv(n);
      case SCORE -> BallotRules.score(n, 1 + random.nextInt(10));
      case QUADRATIC -> BallotRules.quadratic(n, 1 + random.nextInt(200), random.nextBoolean());
    };
  }

  /** A ballot that is usually valid for {@code rules} (the validator decides). */
  private static BallotContent valid(BallotRules rules, SplittableRandom random) {
    int n = rules.optionCount();
    return switch (rules.method()) {
      case YES_NO_ABSTAIN -> new BallotContent.YesNoAbstain(
          BallotContent.Choice.values()[random.nextInt(4)]);
      case SINGLE_CHOICE -> new BallotContent.SingleChoice(random.nextInt(n));
      case APPROVAL -> {
        List<Integer> options = shuffled(n, random).subList(0, 1 + random.nextInt(n));
        yield new BallotContent.Approval(options.stream().mapToInt(i -> i).toArray());
      }
      case SCHULZE -> {
        int[] ranks = new int[n + (rules.statusQuo() && random.nextBoolean() ? 1 : 0)];
        for (int i = 0; i < ranks.length; i++) ranks[i] = random.nextInt(3) + random.nextInt(3);
        ranks[random.nextInt(ranks.length)] = 1;
        yield new BallotContent.Ranking(ranks);
      }
      case IRV -> {
        List<Integer> order = shuffled(n, random).subList(0, 1 + random.nextInt(n));
        yield BallotContent.Ranking.ofOrder(n, order.stream().mapToInt(i -> i).toArray());
      }
      case SCORE -> {
        int[] scores = new int[n];
        for (int i = 0; i < n; i++) scores[i] = random.nextInt(rules.maxScore() + 1);
        yield new BallotContent.Scores(scores);
      }
      case QUADRATIC -> {
        long[] votes = new long[n];
        for (int i = 0; i < n; i++) votes[i] = random.nextInt(17) - (rules.negativeVotes() ? 8 : 0);
        yield new BallotContent.Quadratic(votes);
      }
    };
  }

  /** Any content of any kind, arbitrary lengths and values (including extremes). */
  private static BallotContent garbage(SplittableRandom random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    int[] ints = new int[length];
    long[] longs = new long[length];
    for (int i = 0; i < length; i++) {
      ints[i] = switch (random.nextInt(4)) {
        case 0 -> Integer.MIN_VALUE + random.nextInt(2);
        case 1 -> Integer.MAX_VALUE - random.nextInt(2);
        default -> random.nextInt(-3, maxLength + 3);
      };
      longs[i] = random.nextBoolean() ? random.nextLong() : random.nextLong(-100, 100);
    }
    return switch (random.nextInt(6)) {
      case 0 -> new BallotContent.SingleChoice(length == 0 ? -1 : ints[0]);
      case 1 -> new BallotContent.Approval(ints);
      case 2 -> new BallotContent.Ranking(ints);
      case 3 -> new BallotContent.Scores(ints);
      case 4 -> new BallotContent.Quadratic(longs);
      default -> new BallotContent.YesNoAbstain(BallotContent.Choice.values()[random.nextInt(4)]);
    };
  }

  private static List<Integer> shuffled(int n, SplittableRandom random) {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < n; i++) list.add(i);
    Collections.shuffle(list, new Random(random.nextLong()));
    return list;
  }

  private static void forAllElections(int examples, java.util.function.Consumer<Long> check) {
    qt().withFixedSeed(seed()).withExamples(examples).forAll(longs().all()).checkAssert(check);
  }

  @Test
  void splittingABallotsWeightChangesNoMethodsResult() {
    AtomicInteger splits = new AtomicInteger();
    forAllElections(400, example -> {
      Election e = election(example);
      SplittableRandom random = new SplittableRandom(example ^ 0x5EED);
      List<WeightedBallot> split = new ArrayList<>();
      for (WeightedBallot b : e.ballots()) {
        if (b.weight() > 1 && random.nextBoolean()) {
          long a = 1 + random.nextLong(b.weight() - 1);
          split.add(new WeightedBallot(a, b.content()));
          split.add(new WeightedBallot(b.weight() - a, b.content()));
          splits.incrementAndGet();
        } else {
          split.add(b);
        }
      }
      assertEquals(e.count(e.ballots()), e.count(split), () -> e.rules().toString());
    });
    assertTrue(splits.get() > 1000, "splits=" + splits);
  }

  @Test
  void permutingBallotOrderChangesNoMethodsResult() {
    forAllElections(400, example -> {
      Election e = election(example);
      List<WeightedBallot> permuted = new ArrayList<>(e.ballots());
      Collections.shuffle(permuted, new Random(example));
      assertEquals(e.count(e.ballots()), e.count(permuted), () -> e.rules().toString());
    });
  }

  @Test
  void condorcetWinnerIsTheSchulzeWinner() {
    AtomicInteger withWinner = new AtomicInteger();
    forAllElections(500, example -> {
      SplittableRandom random = new SplittableRandom(example);
      BallotRules rules = BallotRules.schulze(2 + random.nextInt(5), random.nextBoolean());
      List<WeightedBallot> ballots = new ArrayList<>();
      int count = 1 + random.nextInt(15);
      for (int i = 0; i < count; i++) {
        ballots.add(new WeightedBallot(1 + random.nextInt(5), valid(rules, random)));
      }
      SchulzeResult result = SchulzeTally.tally(rules, ballots);
      int n = rules.candidateCount();
      for (int c = 0; c < n; c++) {
        boolean beatsAll = true;
        for (int j = 0; j < n; j++) {
          if (j != c && result.pairwise(c, j) <= result.pairwise(j, c)) beatsAll = false;
        }
        if (beatsAll) {
          withWinner.incrementAndGet();
          assertEquals(List.of(c), result.winners(), result::toString);
          assertEquals(c, (int) result.ranking().get(0));
        }
      }
      // the ranking always extends "beats", and every winner is unbeaten
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          assertTrue(!result.beats(result.ranking().get(j), result.ranking().get(i)));
        }
      }
    });
    assertTrue(withWinner.get() > 100, "elections with a Condorcet winner: " + withWinner);
  }

  /**
   * Schulze places: a candidate never beats one placed above it, candidates sharing a place never
   * beat each other, and the first place is exactly the winners (when anything was counted).
   */
  @Test
  void schulzePlacesExtendBeatsAndTieOnlyWhatTheRulesLeaveTied() {
    forAllElections(400, example -> {
      SplittableRandom random = new SplittableRandom(example);
      BallotRules rules = BallotRules.schulze(2 + random.nextInt(6), random.nextBoolean());
      List<WeightedBallot> ballots = new ArrayList<>();
      for (int i = 1 + random.nextInt(12); i > 0; i--) {
        ballots.add(new WeightedBallot(1 + random.nextInt(3), valid(rules, random)));
      }
      SchulzeResult result = SchulzeTally.tally(rules, ballots);
      List<List<Integer>> places = result.places();
      for (int a = 0; a < places.size(); a++) {
        for (int b = a; b < places.size(); b++) {
          for (int upper : places.get(a)) {
            for (int lower : places.get(b)) {
              assertTrue(!result.beats(lower, upper), result::toString);
            }
          }
        }
      }
      if (result.countedWeight() > 0) {
        assertEquals(result.winners(), places.getFirst().stream().sorted().toList(),
            result::toString);
      }
      assertEquals(rules.candidateCount(), places.stream().mapToInt(List::size).sum());
    });
  }

  /** IRV places (once anything is counted): one option each, every option once, winner first. */
  @Test
  void irvPlacesAreATotalOrderWithTheWinnerFirst() {
    forAllElections(400, example -> {
      SplittableRandom random = new SplittableRandom(example);
      BallotRules rules = BallotRules.irv(2 + random.nextInt(6));
      List<WeightedBallot> ballots = new ArrayList<>();
      for (int i = 1 + random.nextInt(12); i > 0; i--) {
        ballots.add(new WeightedBallot(1 + random.nextInt(3), valid(rules, random)));
      }
      IrvResult result = IrvTally.tally(rules, ballots);
      if (result.countedWeight() == 0) return; // nothing counted: one place, no winner
      List<List<Integer>> places = result.places();
      assertEquals(rules.optionCount(), places.size(), result::toString);
      assertEquals(result.winner().getAsInt(), (int) places.getFirst().getFirst());
      assertEquals(rules.optionCount(), places.stream().flatMap(List::stream).distinct().count());
      assertEquals(result.rounds().size() - 1, result.eliminations().size());
    });
  }

  @Test
  void invalidBallotsAreReportedNeverThrown() {
    AtomicInteger reported = new AtomicInteger();
    forAllElections(1000, example -> {
      SplittableRandom random = new SplittableRandom(example);
      BallotRules rules = rules(METHODS[random.nextInt(METHODS.length)], 1 + random.nextInt(6),
          random);
      List<WeightedBallot> ballots = new ArrayList<>();
      long expectedInvalid = 0;
      for (int i = 0; i < 20; i++) {
        BallotContent content = garbage(random, rules.optionCount() + 2);
        Optional<BallotProblem> problem = BallotValidator.validate(rules, content);
        if (problem.isPresent()) {
          reported.incrementAndGet();
          expectedInvalid += 1;
        }
        assertEquals(oracleValid(rules, content), problem.isEmpty(),
            () -> rules + " " + content + " " + problem);
        if (!rules.method().accepts(content)) {
          assertEquals(Optional.of(BallotProblem.WRONG_METHOD), problem);
        }
        ballots.add(new WeightedBallot(1, content));
        BallotContent likelyValid = valid(rules, random);
        assertEquals(oracleValid(rules, likelyValid),
            BallotValidator.validate(rules, likelyValid).isEmpty(), likelyValid::toString);
      }
      Object result = Election.count(rules, ballots);
      assertEquals(expectedInvalid, invalidWeight(result), result::toString);
    });
    assertEquals(Optional.of(BallotProblem.MISSING_CONTENT),
        BallotValidator.validate(BallotRules.approval(2), null));
    assertTrue(reported.get() > 10_000, "reported=" + reported);
  }

  /** Validity written independently of {@link BallotValidator} (BigInteger cost, sorting). */
  private static boolean oracleValid(BallotRules rules, BallotContent content) {
    int n = rules.optionCount();
    if (!rules.method().accepts(content)) return false;
    return switch (content) {
      case BallotContent.YesNoAbstain y -> true;
      case BallotContent.SingleChoice c -> c.option() >= 0 && c.option() < n;
      case BallotContent.Approval a -> {
        int[] sorted = a.options();
        java.util.Arrays.sort(sorted);
        boolean ok = sorted.length > 0 && sorted[0] >= 0 && sorted[sorted.length - 1] < n;
        for (int i = 1; i < sorted.length; i++) ok &= sorted[i] != sorted[i - 1];
        yield ok;
      }
      case BallotContent.Ranking r -> {
        int[] ranks = r.ranks();
        int candidates = rules.candidateCount();
        boolean ok = (ranks.length == n || ranks.length == candidates)
            && java.util.Arrays.stream(ranks).allMatch(x -> x >= 0 && x <= candidates)
            && java.util.Arrays.stream(ranks).anyMatch(x -> x != 0);
        if (ok && rules.method() == BallotMethod.IRV) {
          long nonZero = java.util.Arrays.stream(ranks).filter(x -> x != 0).count();
          ok = java.util.Arrays.stream(ranks).filter(x -> x != 0).distinct().count() == nonZero;
        }
        yield ok;
      }
      case BallotContent.Scores s -> s.scores().length == n
          && java.util.Arrays.stream(s.scores()).allMatch(x -> x >= 0 && x <= rules.maxScore());
      case BallotContent.Quadratic q -> {
        long[] votes = q.votes();
        java.math.BigInteger cost = java.math.BigInteger.ZERO;
        for (long v : votes) cost = cost.add(java.math.BigInteger.valueOf(v).pow(2));
        yield votes.length == n
            && java.util.Arrays.stream(votes).anyMatch(v -> v != 0)
            && (rules.negativeVotes() || java.util.Arrays.stream(votes).allMatch(v -> v >= 0))
            && cost.compareTo(java.math.BigInteger.valueOf(rules.voiceCredits())) <= 0;
      }
    };
  }

  private static long invalidWeight(Object result) {
    Function<Object, Long> weight = r -> switch (r) {
      case YesNoResult y -> y.invalidWeight();
      case TotalsResult t -> t.invalidWeight();
      case IrvResult i -> i.invalidWeight();
      case SchulzeResult s -> s.invalidWeight();
      default -> throw new IllegalStateException();
    };
    return weight.apply(result);
  }
}
