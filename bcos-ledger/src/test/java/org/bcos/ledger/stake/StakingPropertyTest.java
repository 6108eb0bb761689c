package org.bcos.ledger.stake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.TestSeed;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of bonds, unbonds, redelegations, withdrawals, slashes (of validators with
 * unbonding and redelegated stake), rewards and maturities over the staking engine: the supply
 * stays whole after every step, every distribution is shared out to the unit, stake is neither
 * created nor lost (what slashing takes is exactly what the slashed pool gains), every
 * validator's shares are its bonders' shares, and its outstanding rewards cover every pending
 * reward. Replay a failure with {@code -Dbcos.test.seed=<seed>}.
 */
class StakingPropertyTest {
  private static final long DDC = Amount.UNITS_PER_DDC;
  private static final AtomicLong OK = new AtomicLong();
  private static final AtomicLong REFUSED = new AtomicLong();
  private static final AtomicLong SLASHED_ENTRIES = new AtomicLong();

  private static long seed() {
    return TestSeed.of("StakingPropertyTest");
  }

  @Test
  void randomStakingConservesSupplyStakeAndRewardsExactly() {
    OK.set(0);
    REFUSED.set(0);
    SLASHED_ENTRIES.set(0);
    qt().withFixedSeed(seed()).withExamples(60).forAll(longs().all())
        .checkAssert(StakingPropertyTest::run);
    System.out.println("ok=" + OK + " refused=" + REFUSED + " slashes with entries="
        + SLASHED_ENTRIES);
    // the generator must reach both paths and slash unbonding/redelegated stake
    assertTrue(OK.get() > 1_000 && REFUSED.get() > 100 && SLASHED_ENTRIES.get() > 20,
        "ok=" + OK + " refused=" + REFUSED + " slashed entries=" + SLASHED_ENTRIES);
  }

  /** The run's books: what went in and out, to check the holdings against. */
  private static final class Books {
    long bondedIn;
    long maturedOut;
    long slashed;
    long distributed;
  }

  private static void run(long exampleSeed) {
    SplittableRandom r = new SplittableRandom(exampleSeed);
    StakingParams params = new StakingParams(10, 1 + r.nextInt(6), 1 + r.nextInt(4), DDC,
        0, 1 + r.nextLong(100 * DDC), r.nextInt(1_001), 0, 100, 5_000, 1, 10);
    StakingWorld w = new StakingWorld(params);
    Books books = new Books();
    for (int i = 0; i < 3; i++) {
      w.addValidator(StakingWorld.holder(i), r.nextInt(10_001));
      long units = DDC + r.nextLong(1_000 * DDC);
      assertOk(w.bonding().bond(StakingWorld.holder(i), StakingWorld.holder(i), units, 0));
      books.bondedIn += units;
    }
    w.fundRewardPool(StakingWorld.holder(5), 500 * DDC);
    String where = "seed=" + exampleSeed;
    for (int step = 0; step < 80; step++) {
      String what = step(r, w, books);
      checkBooks(w, books, where + " step " + step + " " + what);
    }
  }

  private static String step(SplittableRandom r, StakingWorld w, Books books) {
    Address bonder = StakingWorld.holder(r.nextInt(6));
    Address v = StakingWorld.holder(r.nextInt(3));
    Address other = StakingWorld.holder(r.nextInt(3));
    switch (r.nextInt(8)) {
      case 0, 1 -> {
        long units = amount(r, w.bank.balance(bonder));
        if (count(w.bonding().bond(bonder, v, units, 0))) books.bondedIn += units;
        return "bond " + units;
      }
      case 2 -> {
        count(w.bonding().unbond(bonder, v, amount(r, w.bonding().bondOf(bonder, v))));
        return "unbond";
      }
      case 3 -> {
        count(w.bonding().redelegate(bonder, v, other, amount(r, w.bonding().bondOf(bonder, v))));
        return "redelegate";
      }
      case 4 -> {
        count(w.bonding().withdraw(bonder, v));
        return "withdraw";
      }
      case 5 -> {
        return slash(r, w, books, v);
      }
      case 6 -> {
        return reward(r, w, books);
      }
      default -> {
        long before = w.unbondingBalances();
        long paidBefore = w.bank.balance(bonder);
        w.height++;
        long balances = totalBalances(w);
        w.mature();
        books.maturedOut += totalBalances(w) - balances;
        assertEquals(before - w.unbondingBalances(), totalBalances(w) - balances,
            "maturity pays out exactly the matured balances");
        return "height " + w.height + " (" + paidBefore + ")";
      }
    }
  }

  private static String slash(SplittableRandom r, StakingWorld w, Books books, Address v) {
    long bp = r.nextInt(4) == 0 ? r.nextInt(10_001) : r.nextInt(2_000);
    long offence = Math.max(0, w.height - r.nextInt(6));
    boolean entries = !w.store.unbondingsFrom(v).isEmpty() || !w.store.redelegationsFrom(v)
        .isEmpty();
    long slashedPool = w.store.pool(StakeSchema.SLASHED_KEY);
    long stakeBefore = w.tokens() + w.unbondingBalances();
    // the stake at the offence: anything from nothing to more than is bonded now
    long base = r.nextLong(2 * (w.store.validator(v).orElseThrow().tokens()
        + w.unbondingBalances()) + 1);
    long entriesCanLose = 0; // what the entries can lose: the fraction of each one's initial units
    for (var e : w.store.unbondingsFrom(v)) {
      entriesCanLose += StakeMath.ofBasisPoints(e.getValue().initialUnits(), bp);
    }
    for (var e : w.store.redelegationsFrom(v)) {
      entriesCanLose += StakeMath.ofBasisPoints(e.getValue().initialUnits(), bp);
    }
    long taken = w.slashing().slash(v, offence, bp, base);
    assertTrue(taken <= Math.max(StakeMath.ofBasisPoints(base, bp), entriesCanLose),
        "the fraction of the stake at the offence, unless the entries alone lose more");
    assertEquals(slashedPool + taken, w.store.pool(StakeSchema.SLASHED_KEY),
        "the slashed pool gains exactly what was taken");
    assertTrue(w.tokens() + w.unbondingBalances() <= stakeBefore - taken,
        "slashing takes no more stake than it reports");
    books.slashed += taken;
    if (entries && taken > 0) SLASHED_ENTRIES.incrementAndGet();
    return "slash " + bp + "bp at " + offence;
  }

  private static String reward(SplittableRandom r, StakingWorld w, Books books) {
    long fees = r.nextInt(3) == 0 ? r.nextLong(DDC) : 0;
    // fees come out of an account, as the fee collector's balance does
    if (!w.bank.debit(StakingWorld.holder(r.nextInt(6)), fees)) fees = 0;
    long fromPool = Math.min(w.params.blockRewardUnits(),
        w.store.pool(StakingStore.REWARD_POOL_KEY));
    w.store.takeFromPool(StakingStore.REWARD_POOL_KEY, fromPool);
    long units = fees + fromPool;
    List<ValidatorPower> set = w.set();
    Address proposer = set.isEmpty() ? StakingWorld.holder(0)
        : set.get(r.nextInt(set.size())).address();
    long before = w.rewardHoldings();
    w.distribution().distribute(units, set, proposer, w.params.proposerBonusBasisPoints());
    assertEquals(before + units, w.rewardHoldings(),
        "every distributed unit is commission, outstanding or community");
    books.distributed += units;
    return "reward " + units + " to " + set;
  }

  private static void checkBooks(StakingWorld w, Books books, String where) {
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, w.supply(), where + ": supply");
    long tokenDust = books.bondedIn - w.tokens() - w.unbondingBalances() - books.maturedOut
        - books.slashed;
    assertTrue(tokenDust >= 0, where + ": stake created: " + tokenDust);
    assertEquals(books.distributed, w.rewardsPaid + w.rewardHoldings() - tokenDust,
        where + ": rewards paid + held = distributed");
    for (var e : w.store.validators()) {
      StakingValidator v = e.getValue();
      assertEquals(v.shares(), w.sharesIn(e.getKey()), where + ": shares of " + e.getKey());
      assertTrue(v.outstandingUnits() >= w.pendingOf(e.getKey()),
          where + ": outstanding covers pending of " + e.getKey());
      assertTrue(v.shares() > 0 || v.tokens() == 0, where + ": tokens without shares");
    }
  }

  /** Mostly a part of {@code max}, sometimes all of it, sometimes more, sometimes nothing. */
  private static long amount(SplittableRandom r, long max) {
    return switch (r.nextInt(6)) {
      case 0 -> max;
      case 1 -> max + 1 + r.nextInt(1_000);
      case 2 -> r.nextInt(3);
      default -> max <= 0 ? 1 : 1 + r.nextLong(Math.max(1, max / 3));
    };
  }

  private static long totalBalances(StakingWorld w) {
    long total = 0;
    for (int i = 0; i < 6; i++) total += w.bank.balance(StakingWorld.holder(i));
    return total;
  }

  private static boolean count(Verdict v) {
    (v.ok() ? OK : REFUSED).incrementAndGet();
    return v.ok();
  }

  private static void assertOk(Verdict v) {
    assertTrue(v.ok(), v.message());
  }
}
