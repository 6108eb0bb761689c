package org.bcos.ledger.gov;

import static org.bcos.ledger.gov.GovChain.DDC;
import static org.bcos.ledger.gov.GovChain.MIN_DEPOSIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.GovDeposit;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.types.Amount;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Random governance in real blocks of a gov chain: proposals of every kind with deposits from
 * several accounts, bonds, ballots (yes, no, abstain, veto) from validators and bonders, vetoes
 * moving deposits to the community pool and spends paying from it. After every block the supply
 * is whole, the deposits held are exactly those of proposals still open, and a replica importing
 * the blocks reaches the same state roots. Replay a failure with {@code -Dbcos.test.seed=<seed>}.
 */
class GovPropertyTest {
  private static final AtomicLong INCLUDED = new AtomicLong();
  private static final AtomicLong CLOSED = new AtomicLong();
  private static final AtomicLong VETOED = new AtomicLong();
  private static final AtomicLong SPENT = new AtomicLong();

  private static long seed() {
    return TestSeed.of("GovPropertyTest");
  }

  @Test
  void randomGovernanceKeepsTheSupplyAndReplaysToTheSameRoots() {
    INCLUDED.set(0);
    CLOSED.set(0);
    VETOED.set(0);
    SPENT.set(0);
    qt().withFixedSeed(seed()).withExamples(8).forAll(longs().all())
        .checkAssert(GovPropertyTest::run);
    String counts = "included=" + INCLUDED + " closed=" + CLOSED + " vetoed=" + VETOED
        + " spends executed=" + SPENT;
    System.out.println(counts);
    assertTrue(INCLUDED.get() > 100 && CLOSED.get() > 5 && VETOED.get() > 0 && SPENT.get() > 0,
        counts);
  }

  private static void run(long exampleSeed) {
    SplittableRandom r = new SplittableRandom(exampleSeed);
    GovChain chain = new GovChain();
    GovChain replica = new GovChain();
    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < 32; b++) {
      TreeMap<String, Integer> ahead = new TreeMap<>();
      List<Transaction> txs = new ArrayList<>();
      for (int i = 0; i < 6; i++) txs.add(randomTx(r, chain, ahead));
      BlockResult result = chain.block(txs.toArray(Transaction[]::new));
      INCLUDED.addAndGet(result.block().transactions().size());
      blocks.add(result.block());
      assertEquals(Amount.TOTAL_SUPPLY_UNITS, chain.supply(), "seed=" + exampleSeed);
      assertDepositsHeldByOpenProposalsOnly(chain, exampleSeed);
    }
    for (Block b : blocks) {
      replica.ledger.importBlock(b);
      assertEquals(b.header().stateRoot(), replica.root(), "seed=" + exampleSeed + " height "
          + b.height());
    }
    for (Proposal p : chain.gov().proposals(0, 1_000)) {
      if (p.status().isFinal()) CLOSED.incrementAndGet();
      if (p.status() == ProposalStatus.VETOED) VETOED.incrementAndGet();
      if (p.status() == ProposalStatus.PASSED
          && p.content() instanceof ProposalContent.CommunitySpend) {
        SPENT.incrementAndGet();
      }
    }
  }

  private static void assertDepositsHeldByOpenProposalsOnly(GovChain chain, long seed) {
    for (Proposal p : chain.gov().proposals(0, 1_000)) {
      long held = chain.gov().deposits(p.id()).stream().mapToLong(GovApi.Deposit::units).sum();
      assertEquals(p.status().isFinal() ? 0 : p.totalDeposit(), held, "seed=" + seed
          + " proposal " + p.id() + " " + p.status());
    }
  }

  private static Transaction randomTx(SplittableRandom r, GovChain chain,
      TreeMap<String, Integer> ahead) {
    List<Proposal> all = chain.gov().proposals(0, 1_000);
    boolean vote = r.nextInt(3) == 0 && !all.isEmpty();
    Ed25519KeyPair from = vote && r.nextBoolean()
        ? GovChain.VALIDATORS.get(r.nextInt(GovChain.VALIDATORS.size()))
        : GovChain.HOLDERS.get(r.nextInt(GovChain.HOLDERS.size()));
    Message m;
    if (vote) {
      Proposal p = all.get(r.nextInt(all.size()));
      // a proposal still gathering deposits has no issue: a ballot on issue 0 is refused
      m = new DvsCastBallot(p.issueId(), List.of(new DvsBallotPart(0,
          new long[] {choice(r)})));
    } else {
      m = switch (r.nextInt(5)) {
        case 0, 1 -> new GovSubmitProposal("p", "", content(r, chain),
            r.nextBoolean() ? MIN_DEPOSIT : MIN_DEPOSIT / 4 + r.nextLong(MIN_DEPOSIT));
        case 2 -> new GovDeposit(all.isEmpty() ? 1 : all.get(r.nextInt(all.size())).id(),
            1 + r.nextLong(MIN_DEPOSIT));
        default -> new StakeBond(GovChain.VALIDATORS.get(r.nextInt(3)).address(),
            1 + r.nextLong(3_000 * DDC));
      };
    }
    int n = ahead.merge(from.address().toString(), 1, Integer::sum) - 1;
    return chain.tx(from, m, n);
  }

  /** Yes half the time, so proposals pass; veto, no and abstain share the rest. */
  private static long choice(SplittableRandom r) {
    int n = r.nextInt(10);
    return n < 5 ? GovChain.YES : n < 7 ? GovChain.VETO : n < 9 ? GovChain.NO : GovChain.ABSTAIN;
  }

  private static ProposalContent content(SplittableRandom r, GovChain chain) {
    // once the pool holds something, spends are proposed half the time
    int kind = chain.communityPool() > 0 && r.nextBoolean() ? 1 : r.nextInt(3);
    return switch (kind) {
      case 0 -> new ProposalContent.Text();
      // mostly within the pool (vetoed deposits and the distribution's remainders fill it)
      case 1 -> new ProposalContent.CommunitySpend(GovChain.HOLDERS.get(r.nextInt(3)).address(),
          1 + r.nextLong(Math.max(1, chain.communityPool() + (r.nextInt(4) == 0 ? DDC : 0))));
      default -> new ProposalContent.ParamChange(List.of(new ProposalContent.ParamValue(
          GovParams.QUORUM_BASIS_POINTS.name(), r.nextLong(10_001))));
    };
  }
}
