package org.bcos.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.TestSeed;
import org.bcos.types.codec.CodecException;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * Property tests (QuickTheories) of quorum arithmetic, proposer rotation and the codecs. Each test
 * prints its seed; {@code -Dbcos.test.seed=S} replays it. Generated longs seed a {@link
 * SplittableRandom} for structured inputs (sets, subsets, messages), so a seed replays exactly.
 */
class ConsensusPropertiesTest {

  private static QuickTheory qtSeeded(String test) {
    return qt().withFixedSeed(TestSeed.of("ConsensusPropertiesTest." + test));
  }

  // ------------------------------------------------------------ quorum arithmetic

  @Test
  void quorumAndOneThirdAreMonotoneInPower() {
    qtSeeded("quorumAndOneThirdAreMonotoneInPower")
        .withExamples(2000)
        .forAll(longs().all(), integers().between(1, 40))
        .checkAssert((seed, n) -> {
          SplittableRandom r = new SplittableRandom(seed);
          ValidatorSet set = randomSet(r, n);
          long total = set.totalPower();
          long a = r.nextLong(total + 1);
          long b = a + r.nextLong(total - a + 1);
          if (set.isQuorum(a)) assertTrue(set.isQuorum(b), a + " <= " + b + " of " + total);
          if (set.exceedsOneThird(a)) assertTrue(set.exceedsOneThird(b));
          if (set.isQuorum(a)) assertTrue(set.exceedsOneThird(a), "a quorum exceeds 1/3");
          assertTrue(set.isQuorum(total));
          assertFalse(set.isQuorum(0));
        });
  }

  @Test
  void twoQuorumsOfOneSetIntersectInMoreThanOneThird() {
    qtSeeded("twoQuorumsOfOneSetIntersectInMoreThanOneThird")
        .withExamples(3000)
        .forAll(longs().all(), integers().between(1, 40))
        .checkAssert((seed, n) -> {
          SplittableRandom r = new SplittableRandom(seed);
          ValidatorSet set = randomSet(r, n);
          // dense subsets, so that both are quorums often enough to matter
          int keep = 700 + r.nextInt(300);
          boolean[] x = subset(r, n, keep);
          boolean[] y = subset(r, n, keep);
          long px = 0;
          long py = 0;
          long both = 0;
          for (int i = 0; i < n; i++) {
            long p = set.get(i).power();
            if (x[i]) px += p;
            if (y[i]) py += p;
            if (x[i] && y[i]) both += p;
          }
          if (set.isQuorum(px) && set.isQuorum(py)) {
            assertTrue(set.exceedsOneThird(both), "intersection " + both + " of " + set.totalPower());
          }
        });
  }

  // ------------------------------------------------------------ proposer rotation

  @Test
  void proposerFrequenciesFollowStakeForRandomStakes() {
    qtSeeded("proposerFrequenciesFollowStakeForRandomStakes")
        .withExamples(60)
        .forAll(longs().all(), integers().between(1, 12))
        .checkAssert((seed, n) -> {
          SplittableRandom r = new SplittableRandom(seed);
          List<Validator> vs = new ArrayList<>();
          for (int i = 0; i < n; i++) vs.add(new Validator(address(i), 1 + r.nextInt(30)));
          ValidatorSet set = new ValidatorSet(vs);
          long total = set.totalPower();
          int rounds = 1 + r.nextInt(20);
          long heights = rounds * total;
          TreeMap<Address, Long> counts = new TreeMap<>();
          ProposerRotation rotation = ValidatorSchedule.genesis(set).rotationAt(1);
          for (long h = 0; h < heights; h++) {
            counts.merge(rotation.proposer(0).address(), 1L, Long::sum);
            rotation = rotation.next(set);
          }
          for (Validator v : set.validators()) {
            long expected = rounds * v.power();
            long got = counts.getOrDefault(v.address(), 0L);
            assertTrue(Math.abs(got - expected) <= 1,
                v.power() + "/" + total + " proposed " + got + " of " + heights + ", expected "
                    + expected);
          }
        });
  }

  @Test
  void cachedRotationEqualsReplayFromGenesis() {
    qtSeeded("cachedRotationEqualsReplayFromGenesis")
        .withExamples(20)
        .forAll(longs().all())
        .checkAssert(seed -> {
          SplittableRandom r = new SplittableRandom(seed);
          ValidatorSchedule schedule = ValidatorSchedule.genesis(randomSmallSet(r, 1 + r.nextInt(6)));
          for (long h = 1 + r.nextInt(700); h < 3000; h += 1 + r.nextInt(700)) {
            schedule = schedule.withChange(h, randomSmallSet(r, 1 + r.nextInt(6)));
          }
          ValidatorSchedule fresh = schedule;
          long[] asks = new long[8];
          for (int i = 0; i < asks.length; i++) asks[i] = 1 + r.nextInt(5000);
          for (long h : asks) {
            ProposerRotation byCache = schedule.rotationAt(h);
            ProposerRotation byReplay = replay(fresh, h);
            for (int round = 0; round < 3; round++) {
              assertEquals(byReplay.proposer(round), byCache.proposer(round), "height " + h);
            }
          }
        });
  }

  // ------------------------------------------------------------ codecs

  @Test
  void votesRoundTripAndRefuseTrailingBytes() {
    qtSeeded("votesRoundTripAndRefuseTrailingBytes")
        .withExamples(500)
        .forAll(longs().all())
        .checkAssert(seed -> {
          SplittableRandom r = new SplittableRandom(seed);
          Vote v = randomVote(r, address(r.nextInt(10)), 1 + r.nextLong(Long.MAX_VALUE - 1),
              r.nextInt(Integer.MAX_VALUE), r.nextBoolean() ? VoteType.PREVOTE : VoteType.PRECOMMIT);
          assertEquals(v, Vote.decode(v.encode()));
          assertTrailingRefused(v.encode(), r, b -> Vote.decode(b));
        });
  }

  @Test
  void proposalsRoundTripAndRefuseTrailingBytes() {
    qtSeeded("proposalsRoundTripAndRefuseTrailingBytes")
        .withExamples(500)
        .forAll(longs().all())
        .checkAssert(seed -> {
          SplittableRandom r = new SplittableRandom(seed);
          Proposal p = randomProposal(r, address(r.nextInt(10)), 1 + r.nextLong(Long.MAX_VALUE - 1),
              r.nextInt(Integer.MAX_VALUE));
          assertEquals(p, Proposal.decode(p.encode(), 4096));
          assertTrailingRefused(p.encode(), r, b -> Proposal.decode(b, 4096));
        });
  }

  @Test
  void certificatesRoundTripAndRefuseTrailingBytes() {
    qtSeeded("certificatesRoundTripAndRefuseTrailingBytes")
        .withExamples(300)
        .forAll(longs().all())
        .checkAssert(seed -> {
          SplittableRandom r = new SplittableRandom(seed);
          List<CommitCertificate.Signature> sigs = new ArrayList<>();
          int n = r.nextInt(30);
          boolean[] used = subset(r, 60, 500);
          for (int i = 0; i < 60 && sigs.size() < n; i++) {
            if (used[i]) sigs.add(new CommitCertificate.Signature(address(i), bytes(r, 64)));
          }
          CommitCertificate c = new CommitCertificate(1 + r.nextLong(Long.MAX_VALUE - 1),
              r.nextInt(Integer.MAX_VALUE), Hash.wrap(bytes(r, 32)), sigs);
          assertEquals(c, CommitCertificate.decode(c.encode(), 100));
          assertTrailingRefused(c.encode(), r, b -> CommitCertificate.decode(b, 100));
        });
  }

  @Test
  void evidenceRoundTripsAndRefusesTrailingBytes() {
    qtSeeded("evidenceRoundTripsAndRefusesTrailingBytes")
        .withExamples(300)
        .forAll(longs().all())
        .checkAssert(seed -> {
          SplittableRandom r = new SplittableRandom(seed);
          Address who = address(r.nextInt(10));
          long h = 1 + r.nextLong(1_000_000);
          int round = r.nextInt(1000);
          Evidence e;
          if (r.nextBoolean()) {
            VoteType t = r.nextBoolean() ? VoteType.PREVOTE : VoteType.PRECOMMIT;
            Vote a = randomVote(r, who, h, round, t);
            Vote b = randomVote(r, who, h, round, t);
            if (java.util.Objects.equals(a.valueId(), b.valueId())) return;
            e = new Evidence(a, b);
          } else {
            Proposal a = randomProposal(r, who, h, round);
            Proposal b = randomProposal(r, who, h, round);
            if (!a.conflictsWith(b)) return;
            e = new Evidence(a, b);
          }
          assertEquals(e, Evidence.decode(e.encode(), 4096));
          assertTrailingRefused(e.encode(), r, b -> Evidence.decode(b, 4096));
        });
  }

  // ------------------------------------------------------------ helpers

  private interface Decode {
    Object apply(byte[] bytes);
  }

  private static void assertTrailingRefused(byte[] encoded, SplittableRandom r, Decode decode) {
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1 + r.nextInt(8));
    for (int i = encoded.length; i < longer.length; i++) longer[i] = (byte) r.nextInt(256);
    assertThrows(CodecException.class, () -> decode.apply(longer));
    if (encoded.length > 0) {
      byte[] shorter = Arrays.copyOf(encoded, r.nextInt(encoded.length));
      assertThrows(CodecException.class, () -> decode.apply(shorter));
    }
  }

  private static Vote randomVote(SplittableRandom r, Address who, long h, int round, VoteType t) {
    Hash id = r.nextInt(4) == 0 ? null : Hash.wrap(bytes(r, 32));
    return new Vote(t, h, round, id, who, bytes(r, 64));
  }

  private static Proposal randomProposal(SplittableRandom r, Address who, long h, int round) {
    int vr = round == 0 || r.nextBoolean() ? -1 : r.nextInt(round);
    return new Proposal(h, round, bytes(r, r.nextInt(200)), vr, who, bytes(r, 64));
  }

  private static ProposerRotation replay(ValidatorSchedule s, long height) {
    ProposerRotation r = ProposerRotation.genesis(s.setAt(1));
    for (long h = 2; h <= height; h++) r = r.next(s.setAt(h));
    return r;
  }

  /** Random powers, sometimes tiny and sometimes near the total-power limit. */
  private static ValidatorSet randomSet(SplittableRandom r, int n) {
    long max = r.nextBoolean() ? 10 : ValidatorSet.MAX_TOTAL_POWER / n;
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) vs.add(new Validator(address(i), 1 + r.nextLong(max)));
    return new ValidatorSet(vs);
  }

  private static ValidatorSet randomSmallSet(SplittableRandom r, int n) {
    List<Validator> vs = new ArrayList<>();
    int offset = r.nextInt(4);
    for (int i = 0; i < n; i++) vs.add(new Validator(address(i + offset), 1 + r.nextInt(10)));
    return new ValidatorSet(vs);
  }

  private static boolean[] subset(SplittableRandom r, int n, int perMille) {
    boolean[] in = new boolean[n];
    for (int i = 0; i < n; i++) in[i] = r.nextInt(1000) < perMille;
    return in;
  }

  private static Address address(int i) {
    byte[] b = new byte[Address.LENGTH];
    b[0] = (byte) 0x5A;
    b[30] = (byte) (i >> 8);
    b[31] = (byte) i;
    return Address.wrap(b);
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
