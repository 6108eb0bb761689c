package org.bcos.ledger.stake;

import static org.bcos.ledger.stake.StakeChain.DDC;
import static org.bcos.ledger.stake.StakeChain.MIN_FEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Random staking transactions (bond, unbond, redelegate, withdraw, double-sign reports) in real
 * blocks of a staking chain with rewards, whose carried certificates leave out a random validator
 * most of the time (a 10-block downtime window, so it is slashed and jailed for downtime in
 * most examples): the supply is whole after every block, and a second node importing the same
 * blocks reaches the same state root at every height. Replay a failure with {@code
 * -Dbcos.test.seed=<seed>}.
 */
class StakingChainPropertyTest {
  private static final AtomicLong INCLUDED = new AtomicLong();
  private static final AtomicLong SKIPPED = new AtomicLong();
  private static final AtomicLong DOWNTIME_JAILS = new AtomicLong();
  private static final Genesis GENESIS = withDowntimeWindow(StakingLedgerTest.stakingGenesis(4));

  private static Genesis withDowntimeWindow(Genesis g) {
    return new Genesis(g.params().with(StakingParams.DOWNTIME_WINDOW_BLOCKS.name(), 10)
        .with(StakingParams.DOWNTIME_SLASH_BASIS_POINTS.name(), 100), g.timeMillis(),
        g.validators(), g.allocations(), g.protocolVersion(), g.staking());
  }

  private static long seed() {
    return TestSeed.of("StakingChainPropertyTest");
  }

  @Test
  void randomStakingBlocksKeepTheSupplyAndReplayToTheSameRoots() {
    INCLUDED.set(0);
    SKIPPED.set(0);
    DOWNTIME_JAILS.set(0);
    qt().withFixedSeed(seed()).withExamples(8).forAll(longs().all())
        .checkAssert(StakingChainPropertyTest::run);
    System.out.println("included=" + INCLUDED + " skipped=" + SKIPPED + " downtime jails="
        + DOWNTIME_JAILS);
    assertTrue(INCLUDED.get() > 60 && SKIPPED.get() > 10, "included=" + INCLUDED + " skipped="
        + SKIPPED);
    assertTrue(DOWNTIME_JAILS.get() > 0, "downtime slashing happened in some example");
  }

  private static void run(long exampleSeed) {
    SplittableRandom r = new SplittableRandom(exampleSeed);
    StakeChain chain = StakeChain.inMemory(GENESIS, new StakeChain.FakeEvidence());
    StakeChain replica = new StakeChain(GENESIS, new org.bcos.storage.InMemoryStore(),
        chain.evidence);
    List<Block> blocks = new ArrayList<>();
    Address down = StakeChain.validatorKey(r.nextInt(4)).address();
    for (int b = 0; b < 16; b++) {
      leaveOut(r.nextInt(10) < 9 ? down : StakeChain.validatorKey(r.nextInt(4)).address(),
          chain);
      List<Transaction> txs = new ArrayList<>();
      long[] nonces = new long[StakeChain.HOLDERS.size()];
      for (int i = 0; i < nonces.length; i++) nonces[i] = chain.nonce(StakeChain.HOLDERS.get(i));
      for (int i = 0; i < 6; i++) txs.add(randomTx(r, chain, nonces));
      BlockResult result = chain.block(txs.toArray(Transaction[]::new));
      INCLUDED.addAndGet(result.block().transactions().size());
      SKIPPED.addAndGet(result.skipped().size());
      blocks.add(result.block());
      assertEquals(Amount.TOTAL_SUPPLY_UNITS, chain.supply(), "seed=" + exampleSeed);
    }
    for (Block b : blocks) {
      replica.ledger.importBlock(b);
      assertEquals(b.header().stateRoot(), replica.root(), "seed=" + exampleSeed + " height "
          + b.height());
    }
    for (int i = 0; i < 4; i++) {
      StakingValidator v = new StakingStore(new org.bcos.ledger.state.WorkingState(chain.store))
          .validator(StakeChain.validatorKey(i).address()).orElseThrow();
      if (v.jailed() && !v.tombstoned()) DOWNTIME_JAILS.incrementAndGet();
    }
  }

  /**
   * Leaves {@code key} out of the certificate of the next block when the others still hold more
   * than 2/3 of the power of its set (else every member signs).
   */
  private static void leaveOut(Address key, StakeChain chain) {
    long total = 0;
    long others = 0;
    for (ValidatorPower v : chain.ledger.validatorSetAt(chain.height() + 1)) {
      total += v.power();
      if (!v.address().equals(key)) others += v.power();
    }
    chain.commits.allPresent();
    if (3 * others > 2 * total) chain.commits.absent(key);
  }

  private static Transaction randomTx(SplittableRandom r, StakeChain chain, long[] nonces) {
    int who = r.nextInt(nonces.length);
    Ed25519KeyPair from = StakeChain.HOLDERS.get(who);
    Address v = StakeChain.validatorKey(r.nextInt(4)).address();
    Address w = StakeChain.validatorKey(r.nextInt(4)).address();
    long units = r.nextInt(4) == 0 ? r.nextLong(1_000_000 * DDC) : 1 + r.nextLong(50 * DDC);
    Message m = switch (r.nextInt(5)) {
      case 0, 1 -> new StakeBond(v, units);
      case 2 -> new StakeUnbond(v, units);
      case 3 -> new StakeRedelegate(v, w, units);
      default -> new StakeWithdrawRewards(v);
    };
    if (r.nextInt(12) == 0) {
      Address offender = StakeChain.validatorKey(r.nextInt(4)).address();
      return chain.report(from, nonces[who]++, chain.evidence.prove(offender,
          Math.max(1, chain.height() - r.nextInt(3))));
    }
    return LedgerFixtures.sign(from, nonces[who]++, MIN_FEE, chain.expiry(), m);
  }
}
