package org.bcos.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.UpgradeRequired;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.upgrade.UpgradeChain;
import org.bcos.storage.InMemoryStore;
import org.junit.jupiter.api.Test;

/**
 * {@link UpgradeStop}, what makes {@code bcos node} exit with status 3: on software without the
 * version an upgrade activates at height 3 it stays quiet while the old rules run, and once the
 * head is 2 it raises the blocking {@code UPGRADE_REQUIRED} fault with the line and completes
 * its future, once.
 */
class UpgradeStopFaultTest {
  private static final long ACTIVATION = 3;

  private static List<Block> upgradingBlocks() {
    return UpgradeChain.notaryUpgradeBlocks(ACTIVATION, 2);
  }

  @Test
  void theStopIsRaisedAndCompletedOnceTheNextHeightNeedsAVersionTheSoftwareLacks() {
    List<Block> blocks = upgradingBlocks();
    Ledger old = UpgradeChain.open(new InMemoryStore(), UpgradeChain.genesis(1),
        UpgradeChain.OLD_SOFTWARE);
    NodeHealth health = new NodeHealth();
    UpgradeStop stop = new UpgradeStop(old, health);
    stop.check();
    old.importBlock(blocks.get(0));
    stop.check();
    assertFalse(stop.required().isDone(), "the old rules run until the height");
    assertNull(health.blockingFault());

    old.importBlock(blocks.get(1));
    stop.check();
    UpgradeRequired required = stop.required().getNow(null);
    assertEquals(ACTIVATION, required.height());
    NodeHealth.Condition fault = health.blockingFault();
    assertEquals(NodeHealth.Fault.UPGRADE_REQUIRED, fault.fault());
    assertEquals(required.line(), fault.detail());
    assertTrue(fault.action().contains("same data directory"), fault.action());
    stop.check();
    assertSame(required, stop.required().getNow(null), "completed once");
  }

  @Test
  void softwareWithTheVersionNeverStops() {
    List<Block> blocks = upgradingBlocks();
    Ledger full = UpgradeChain.openNew(UpgradeChain.genesis(1));
    UpgradeStop stop = new UpgradeStop(full, new NodeHealth());
    for (Block b : blocks) {
      full.importBlock(b);
      stop.check();
    }
    assertFalse(stop.required().isDone());
  }
}
