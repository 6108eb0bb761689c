package org.bcos.ledger.dvs.delegation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bcos.types.TestSeed;
import org.junit.jupiter.api.Test;

/**
 * Random delegation graphs (chains, cycles, voters on cycles, refusals, random limits): weight is
 * conserved, each voter carries exactly the weight of the members counted for them, every counted
 * member reaches their voter within the limit and every uncounted one does not, and the counter
 * agrees member by member with {@link ReferenceCounter}. Replay with {@code
 * -Dbcos.test.seed=<seed>}.
 */
class DelegationPropertyTest {
  private static long seed(String test) {
    return TestSeed.of("DelegationPropertyTest." + test);
  }

  /** One random issue: inputs for the counter. */
  private record Graph(long[] weight, int[] delegateOf, boolean[] voted, boolean[] refuses,
      int max) {
    DelegationResult count() {
      return DelegationCounter.count(WeightSnapshot.of(7, weight), delegateOf, voted, refuses,
          max);
    }
  }

  private static Graph randomGraph(SplittableRandom random, int minMembers, int maxMembers) {
    int n = random.nextInt(minMembers, maxMembers + 1);
    int pDelegate = random.nextInt(101);
    int pVote = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(101);
    int pRefuse = random.nextInt(4) == 0 ? 0 : random.nextInt(21);
    int pLine = random.nextInt(101); // share of delegations along one long line: long chains
    long maxWeight = random.nextBoolean() ? 1 + random.nextInt(1000) : Long.MAX_VALUE / n;
    int[] line = permutation(random, n);
    int[] nextOnLine = new int[n];
    for (int i = 0; i < n; i++) nextOnLine[line[i]] = line[(i + 1) % n];
    Graph g = new Graph(new long[n], new int[n], new boolean[n], new boolean[n],
        randomLimit(random, n));
    for (int m = 0; m < n; m++) {
      g.weight[m] = random.nextLong(maxWeight); // < MAX / n each: the total fits
      g.voted[m] = random.nextInt(100) < pVote;
      g.refuses[m] = random.nextInt(100) < pRefuse;
      int d = -1;
      if (random.nextInt(100) < pDelegate) {
        d = random.nextInt(100) < pLine ? nextOnLine[m] : random.nextInt(n);
      }
      g.delegateOf[m] = d == m ? -1 : d; // the ledger rejects self-delegation
    }
    return g;
  }

  private static int randomLimit(SplittableRandom random, int n) {
    return switch (random.nextInt(5)) {
      case 0 -> random.nextInt(3);
      case 1, 2 -> random.nextInt(21);
      case 3 -> random.nextInt(n + 1);
      default -> Integer.MAX_VALUE;
    };
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

  private static final Map<MemberOutcome, Long> SEEN = new EnumMap<>(MemberOutcome.class);

  private static void checkInvariants(Graph g, DelegationResult r) {
    int n = g.weight.length;
    long total = 0;
    long[] expected = new long[n];
    for (int m = 0; m < n; m++) {
      total = Math.addExact(total, g.weight[m]);
      if (r.countedFor(m) >= 0) expected[r.countedFor(m)] += g.weight[m];
      SEEN.merge(r.outcome(m), 1L, Long::sum);
    }
    long sumOverVoters = 0;
    for (int m = 0; m < n; m++) {
      assertEquals(expected[m], r.countedWeight(m), "countedWeight of " + m);
      if (!g.voted[m]) assertEquals(0, r.countedWeight(m), "non-voter " + m + " carries weight");
      sumOverVoters = Math.addExact(sumOverVoters, r.countedWeight(m));
    }
    assertEquals(total, Math.addExact(sumOverVoters, r.totalNotCounted()), "weight conserved");
    assertEquals(sumOverVoters, r.totalCounted());
    for (int m = 0; m < n; m++) {
      int[] reached = boundedWalk(g, m);
      assertEquals(reached[0], r.countedFor(m), "voter reached from " + m);
      assertEquals(reached[1], r.hops(m), "hops from " + m);
      assertEquals(r.countedFor(m) >= 0, r.outcome(m).counted(), "outcome of " + m);
    }
  }

  /**
   * The voter reached from {@code m} within the limit, never passing a direct voter or entering a
   * refusing member, and the hops: {-1, -1} if none.
   */
  private static int[] boundedWalk(Graph g, int m) {
    if (g.voted[m]) return new int[] {m, 0};
    int at = m;
    int bound = Math.min(g.max, g.weight.length);
    for (int h = 1; h <= bound; h++) {
      int next = g.delegateOf[at];
      if (next < 0 || g.refuses[next]) break;
      if (g.voted[next]) return new int[] {next, h};
      at = next;
    }
    return new int[] {-1, -1};
  }

  private static void checkAgainstReference(Graph g, DelegationResult r) {
    ReferenceCounter ref = new ReferenceCounter(g.delegateOf, g.voted, g.refuses, g.max);
    for (int m = 0; m < g.weight.length; m++) {
      assertEquals(ref.outcome[m], r.outcome(m), "outcome of " + m);
      assertEquals(ref.countedFor[m], r.countedFor(m), "countedFor of " + m);
      assertEquals(ref.hops[m], r.hops(m), "hops of " + m);
    }
  }

  @Test
  void smallGraphsMatchReferenceAndKeepInvariants() {
    SEEN.clear();
    qt().withFixedSeed(seed("small")).withExamples(2_000).forAll(longs().all())
        .checkAssert(s -> {
          Graph g = randomGraph(new SplittableRandom(s), 1, 40);
          DelegationResult r = g.count();
          checkInvariants(g, r);
          checkAgainstReference(g, r);
        });
    // every kind of outcome must have turned up, or the generator says little
    assertEquals(MemberOutcome.values().length, SEEN.size(), "outcomes seen: " + SEEN);
  }

  @Test
  void graphsOfThousandsOfMembersMatchReferenceAndKeepInvariants() {
    SEEN.clear();
    qt().withFixedSeed(seed("large")).withExamples(40).forAll(longs().all())
        .checkAssert(s -> {
          Graph g = randomGraph(new SplittableRandom(s), 1_000, 5_000);
          DelegationResult r = g.count();
          checkInvariants(g, r);
          checkAgainstReference(g, r);
        });
    assertEquals(MemberOutcome.values().length, SEEN.size(), "outcomes seen: " + SEEN);
  }

  @Test
  void relabellingMembersRelabelsTheResult() {
    qt().withFixedSeed(seed("relabel")).withExamples(200).forAll(longs().all())
        .checkAssert(s -> {
          SplittableRandom random = new SplittableRandom(s);
          Graph g = randomGraph(random, 1, 300);
          int n = g.weight.length;
          int[] p = permutation(random, n); // member m becomes p[m]
          Graph h = new Graph(new long[n], new int[n], new boolean[n], new boolean[n], g.max);
          for (int m = 0; m < n; m++) {
            h.weight[p[m]] = g.weight[m];
            h.delegateOf[p[m]] = g.delegateOf[m] < 0 ? -1 : p[g.delegateOf[m]];
            h.voted[p[m]] = g.voted[m];
            h.refuses[p[m]] = g.refuses[m];
          }
          DelegationResult a = g.count();
          DelegationResult b = h.count();
          for (int m = 0; m < n; m++) {
            assertEquals(a.countedFor(m) < 0 ? -1 : p[a.countedFor(m)], b.countedFor(p[m]));
            assertEquals(a.hops(m), b.hops(p[m]));
            assertEquals(a.outcome(m), b.outcome(p[m]));
            assertEquals(a.countedWeight(m), b.countedWeight(p[m]));
          }
          assertArrayEquals(a.countedForAll(), g.count().countedForAll(),
              "same input, same result");
        });
  }

  @Test
  void resolverAgreesWithMostSpecificScopeLookup() {
    qt().withFixedSeed(seed("resolve")).withExamples(300).forAll(longs().all())
        .checkAssert(s -> {
          SplittableRandom random = new SplittableRandom(s);
          int n = random.nextInt(1, 200);
          int areaCount = random.nextInt(1, 12);
          int[] parent = new int[areaCount];
          for (int a = 0; a < areaCount; a++) parent[a] = a == 0 ? -1 : random.nextInt(-1, a);
          AreaTree areas = AreaTree.of(parent);
          int[] community = randomDense(random, n);
          int[][] byArea = new int[areaCount][];
          for (int a = 0; a < areaCount; a++) byArea[a] = randomDense(random, n);
          int[] issue = randomDense(random, n);
          int issueArea = random.nextInt(areaCount);
          int[] resolved = DelegationResolver.resolve(n, DelegationTable.fromDense(community),
              areas, issueArea, a -> DelegationTable.fromDense(byArea[a]),
              DelegationTable.fromDense(issue));
          for (int m = 0; m < n; m++) {
            int expected = issue[m];
            for (int a = issueArea; expected < 0 && a >= 0; a = parent[a]) expected = byArea[a][m];
            if (expected < 0) expected = community[m];
            assertEquals(expected, resolved[m], "delegate of " + m);
          }
        });
  }

  private static int[] randomDense(SplittableRandom random, int n) {
    int[] d = new int[n];
    int pSet = random.nextInt(101);
    for (int m = 0; m < n; m++) {
      int t = random.nextInt(100) < pSet ? random.nextInt(n) : -1;
      d[m] = t == m ? -1 : t;
    }
    return d;
  }

  @Test
  void validatorAcceptsOnlyDelegationsWhoseOwnChainFits() {
    // after an accepted delegation, the delegator's own weight never counts CHAIN_TOO_LONG
    List<String> accepted = new ArrayList<>();
    qt().withFixedSeed(seed("validate")).withExamples(300).forAll(longs().all())
        .checkAssert(s -> {
          SplittableRandom random = new SplittableRandom(s);
          Graph g = randomGraph(random, 2, 60);
          int max = Math.min(g.max, DelegationValidator.MAX_CHAIN_LENGTH_CEILING);
          int from = random.nextInt(g.weight.length);
          int to = random.nextInt(g.weight.length);
          var problem = DelegationValidator.check(from, to,
              DelegationView.of(g.delegateOf, g.refuses), max);
          if (problem.isPresent()) return;
          accepted.add(from + "->" + to);
          int[] delegateOf = g.delegateOf.clone();
          delegateOf[from] = to;
          boolean[] voted = g.voted.clone();
          voted[from] = false;
          DelegationResult r = new Graph(g.weight, delegateOf, voted, g.refuses, max).count();
          assertTrue(r.outcome(from) != MemberOutcome.CHAIN_TOO_LONG,
              "accepted " + from + "->" + to + " but it is too long: "
                  + Arrays.toString(delegateOf));
        });
    assertTrue(accepted.size() > 30, "accepted only " + accepted.size());
  }
}
