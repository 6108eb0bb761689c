package org.bcos.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Address;
import org.junit.jupiter.api.Test;

class ValidatorSetTest {
  private final List<Ed25519KeyPair> keys = TestKeys.keys(4);

  @Test
  void quorumIsStrictlyMoreThanTwoThirdsOfPower() {
    ValidatorSet s = TestKeys.set(keys, 1, 1, 1, 1);
    assertFalse(s.isQuorum(2));
    assertTrue(s.isQuorum(3));
    ValidatorSet six = TestKeys.set(keys.subList(0, 3), 2, 2, 2);
    assertFalse(six.isQuorum(4), "exactly 2/3 is not enough");
    assertTrue(six.isQuorum(5));
    assertFalse(six.exceedsOneThird(2), "exactly 1/3 is not f+1");
    assertTrue(six.exceedsOneThird(3));
  }

  @Test
  void rejectsZeroPowerDuplicatesAndOverflow() {
    Address a = keys.get(0).address();
    assertThrows(IllegalArgumentException.class, () -> new Validator(a, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ValidatorSet.of(new Validator(a, 1), new Validator(a, 2)));
    long big = ValidatorSet.MAX_TOTAL_POWER;
    assertThrows(
        RuntimeException.class,
        () -> ValidatorSet.of(new Validator(a, big), new Validator(keys.get(1).address(), big)));
    assertEquals(big, ValidatorSet.of(new Validator(a, big)).totalPower());
    assertTrue(ValidatorSet.of(new Validator(a, big)).isQuorum(big));
  }

  @Test
  void membershipAndPower() {
    ValidatorSet s = TestKeys.set(keys, 1, 2, 3, 4);
    assertEquals(10, s.totalPower());
    assertEquals(3, s.powerOf(keys.get(2).address()));
    assertEquals(0, s.powerOf(TestKeys.key(50).address()));
    assertFalse(s.contains(TestKeys.key(50).address()));
  }

  @Test
  void proposerFrequencyIsProportionalToStakeOverManyHeights() {
    long[] powers = {1, 2, 3, 4};
    ValidatorSet s = TestKeys.set(keys, powers);
    ProposerRotation r = ProposerRotation.genesis(s);
    TreeMap<Address, Integer> counts = new TreeMap<>();
    int heights = 1000; // 100 × total power
    for (int h = 0; h < heights; h++) {
      counts.merge(r.proposer(0).address(), 1, Integer::sum);
      r = r.next(s);
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(100 * powers[i], (long) counts.get(keys.get(i).address()), "validator " + i);
    }
  }

  @Test
  void roundsOfOneHeightRotateTooAndAreDeterministic() {
    ValidatorSet s = TestKeys.set(keys, 1, 1, 1, 1);
    ProposerRotation r = ValidatorSchedule.genesis(s).rotationAt(7);
    TreeMap<Address, Integer> counts = new TreeMap<>();
    for (int round = 0; round < 4; round++) counts.merge(r.proposer(round).address(), 1, Integer::sum);
    assertEquals(4, counts.size(), "equal stake: each validator once in four rounds");
    assertEquals(r.proposer(3), ValidatorSchedule.genesis(s).rotationAt(7).proposer(3));
  }

  @Test
  void setChangesTakeEffectTwoHeightsAfterTheirBlock() {
    ValidatorSet first = TestKeys.set(keys.subList(0, 3));
    ValidatorSet second = TestKeys.set(keys, 1, 1, 1, 5);
    ValidatorSchedule sched = ValidatorSchedule.genesis(first).withChange(10, second);
    assertEquals(first, sched.setAt(11));
    assertEquals(second, sched.setAt(12));
    assertEquals(second, sched.setAt(1000));
    assertThrows(IllegalArgumentException.class, () -> sched.withChange(9, first));
    // the new, heavy validator starts behind and then proposes about half the time
    ProposerRotation r = sched.rotationAt(12);
    assertTrue(r.priorityOf(keys.get(3).address()) < 0);
    int heavy = 0;
    for (int h = 0; h < 800; h++) {
      if (r.proposer(0).address().equals(keys.get(3).address())) heavy++;
      r = r.next(second);
    }
    assertTrue(Math.abs(heavy - 500) <= 5, "heavy validator proposed " + heavy + " of 800");
  }

  @Test
  void machineUsesTheScheduledSetAtEachHeight() {
    ValidatorSet first = TestKeys.set(keys.subList(0, 3));
    ValidatorSet second = TestKeys.set(keys);
    ValidatorSchedule sched = ValidatorSchedule.genesis(first).withChange(1, second);
    LocalNetwork net = new LocalNetwork(keys, sched, TestKeys.APP);
    for (long h = 1; h <= 4; h++) {
      net.startAll(h);
      net.runUntilDecided(h, 20_000);
      assertTrue(net.allDecided(h), "height " + h);
      ValidatorSet expected = h < 3 ? first : second;
      for (List<Action.Decide> ds : net.decisions) {
        Action.Decide d = ds.get(ds.size() - 1);
        assertEquals(h, d.height());
        assertTrue(d.certificate().verify(TestKeys.CHAIN, expected, TestKeys.VERIFIER));
      }
    }
  }
}
