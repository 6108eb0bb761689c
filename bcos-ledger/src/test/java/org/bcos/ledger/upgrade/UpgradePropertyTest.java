package org.bcos.ledger.upgrade;

import static org.bcos.ledger.upgrade.UpgradeChain.GOV;
import static org.bcos.ledger.upgrade.UpgradeChain.OLD_SOFTWARE;
import static org.bcos.ledger.upgrade.UpgradeChain.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.UpgradeRequiredException;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Digests;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;

/**
 * Random chains that upgrade from version 1 to 2 (+ notary) at a random height, with random
 * notary anchors (new and repeated documents) and transfers: notary messages are refused
 * MODULE_NOT_ACTIVE exactly below the height and never from it, headers carry the version exactly
 * from it, a second ledger fed the same blocks has the same state root and block hash at every
 * height, and software without version 2 imports every block below the height and none at it.
 * Replay a failure with {@code -Dbcos.test.seed=<seed>}.
 */
class UpgradePropertyTest {
  private static final AtomicLong REFUSED_BEFORE = new AtomicLong();
  private static final AtomicLong ANCHORED_AFTER = new AtomicLong();

  private static long seed() {
    return TestSeed.of("UpgradePropertyTest");
  }

  @Test
  void rulesSwitchAtTheHeightOnEveryLedgerFedTheSameBlocks() {
    REFUSED_BEFORE.set(0);
    ANCHORED_AFTER.set(0);
    qt().withFixedSeed(seed())
        .withExamples(25)
        .forAll(longs().all())
        .checkAssert(UpgradePropertyTest::runChain);
    System.out.println("refused before=" + REFUSED_BEFORE + " anchored after=" + ANCHORED_AFTER);
    assertTrue(REFUSED_BEFORE.get() > 10 && ANCHORED_AFTER.get() > 10,
        "the generator must exercise both sides of the height");
  }

  private static void runChain(long exampleSeed) {
    SplittableRandom random = new SplittableRandom(exampleSeed);
    String where = "seed=" + exampleSeed;
    long activation = 2 + random.nextInt(7);
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
    List<Block> blocks = new ArrayList<>();
    blocks.add(chain.include(chain.gov(new UpgradeChain.Schedule("v2", 2, RELEASE, activation)))
        .block());
    long end = activation + 1 + random.nextInt(4);
    while (blocks.size() < end) {
      long height = blocks.size() + 1;
      Message m = randomMessage(random);
      BlockResult r = chain.include(chain.alice(m));
      checkVerdict(m, r, height >= activation, where + " h=" + height);
      blocks.add(r.block());
    }
    for (Block b : blocks) {
      assertEquals(b.height() < activation ? BlockHeader.VERSION_NOT_CARRIED : 2,
          b.header().protocolVersion(), where + " h=" + b.height());
    }
    replayOnSameSoftware(blocks, where);
    replayOnOldSoftware(blocks, activation, where);
  }

  /** A new or a repeated notary anchor, or a transfer to the governance account. */
  private static Message randomMessage(SplittableRandom random) {
    return switch (random.nextInt(3)) {
      case 0 -> new NotaryAnchor(Digests.sha256(new byte[] {(byte) random.nextInt(4)}), "");
      case 1 -> new NotaryAnchor(Digests.sha256(longBytes(random.nextLong())), "doc");
      default -> new CoinTransfer(GOV.address(), 1 + random.nextInt(1_000), "");
    };
  }

  private static byte[] longBytes(long v) {
    return java.nio.ByteBuffer.allocate(8).putLong(v).array();
  }

  private static void checkVerdict(Message m, BlockResult r, boolean active, String where) {
    if (!(m instanceof NotaryAnchor)) {
      assertTrue(r.skipped().isEmpty(), where);
      return;
    }
    if (!active) {
      assertEquals(1, r.skipped().size(), where);
      assertEquals(TxRejection.MODULE_NOT_ACTIVE, r.skipped().getFirst().verdict().rejection(),
          where);
      REFUSED_BEFORE.incrementAndGet();
      return;
    }
    // from the height the module runs: a repeated document is its own refusal, never inactivity
    r.skipped().forEach(s -> assertNotEquals(TxRejection.MODULE_NOT_ACTIVE,
        s.verdict().rejection(), where));
    if (r.skipped().isEmpty()) ANCHORED_AFTER.incrementAndGet();
  }

  private static void replayOnSameSoftware(List<Block> blocks, String where) {
    Ledger replica = UpgradeChain.openNew(UpgradeChain.genesis(1));
    for (Block b : blocks) {
      replica.importBlock(Block.decode(b.encode(), replica.modules()));
      assertEquals(b.header().stateRoot(), replica.head().header().stateRoot(), where);
      assertEquals(b.hash(), replica.head().hash(), where);
    }
  }

  private static void replayOnOldSoftware(List<Block> blocks, long activation, String where) {
    Ledger old = UpgradeChain.open(new InMemoryStore(), UpgradeChain.genesis(1), OLD_SOFTWARE);
    for (Block b : blocks.subList(0, (int) activation - 1)) {
      old.importBlock(b);
      assertEquals(b.hash(), old.head().hash(), where);
    }
    assertEquals(activation, old.upgradeRequired().orElseThrow().height(), where);
    assertThrows(UpgradeRequiredException.class,
        () -> old.importBlock(blocks.get((int) activation - 1)), where);
    assertEquals(activation - 1, old.head().height(), where);
  }
}
