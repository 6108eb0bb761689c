package org.bcos.node.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.UpgradeRequired;
import org.bcos.ledger.UpgradeRequiredException;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.upgrade.UpgradeChain;
import org.bcos.storage.InMemoryStore;
import org.junit.jupiter.api.Test;

/**
 * The node's seam for upgrades, in the consensus glue: a validator whose software lacks the
 * version an upgrade activates at height H stops before H (the host neither proposes nor votes
 * there), and a block at H is never found valid by it; one that has the version goes on.
 */
class UpgradeStopTest {
  private static final long ACTIVATION = 3;

  /** Blocks 1..3 of a chain that schedules version 2 (+ notary) at {@link #ACTIVATION}. */
  private static List<Block> upgradingBlocks() {
    return UpgradeChain.notaryUpgradeBlocks(ACTIVATION, (int) ACTIVATION);
  }

  private static ConsensusLedger glue(Ledger ledger, List<String> invalid) {
    ConsensusLedger.Listener listener = new ConsensusLedger.Listener() {
      @Override
      public void invalid(long height, String problem) {
        invalid.add(problem);
      }
    };
    return new ConsensusLedger(ledger, LedgerFixtures.VALIDATOR,
        new ConsensusLedgerTest.ManualTime(), new ConsensusLedgerTest.ListPool(), listener,
        1 << 20);
  }

  @Test
  void aValidatorWithoutTheVersionStopsBeforeTheActivationHeightAndFindsNoBlockThereValid() {
    List<Block> blocks = upgradingBlocks();
    Ledger old = UpgradeChain.open(new InMemoryStore(), UpgradeChain.genesis(1),
        UpgradeChain.OLD_SOFTWARE);
    List<String> invalid = new ArrayList<>();
    ConsensusLedger chain = glue(old, invalid);
    old.importBlock(blocks.get(0));
    assertTrue(chain.upgradeStop(2).isEmpty(), "the old rules run until the height");
    old.importBlock(blocks.get(1));

    UpgradeRequired stop = chain.upgradeStop(ACTIVATION).orElseThrow();
    assertEquals(2, stop.version());
    assertTrue(stop.line().contains(UpgradeChain.RELEASE.toHex()), stop.line());
    assertTrue(chain.upgradeStop(ACTIVATION + 1).isEmpty(), "only the next height is decided");

    assertFalse(chain.isValid(ACTIVATION, blocks.get(2).encode()));
    assertTrue(invalid.getFirst().startsWith("UPGRADE REQUIRED"), invalid.toString());
    assertThrows(UpgradeRequiredException.class, () -> chain.proposeValue(ACTIVATION, 0));
    assertEquals(ACTIVATION - 1, old.head().height());
  }

  @Test
  void aValidatorWithTheVersionGoesOnAcrossTheHeight() {
    List<Block> blocks = upgradingBlocks();
    Ledger upgraded = UpgradeChain.openNew(UpgradeChain.genesis(1));
    List<String> invalid = new ArrayList<>();
    ConsensusLedger chain = glue(upgraded, invalid);
    upgraded.importBlock(blocks.get(0));
    upgraded.importBlock(blocks.get(1));
    assertTrue(chain.upgradeStop(ACTIVATION).isEmpty());
    assertTrue(chain.isValid(ACTIVATION, blocks.get(2).encode()), invalid.toString());
    Block proposed = Block.decode(chain.proposeValue(ACTIVATION, 0), upgraded.modules());
    assertEquals(2, proposed.header().protocolVersion(), "the first block that carries it");
  }
}
