package org.bcos.ledger.upgrade;

import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.bcos.ledger.upgrade.UpgradeChain.ALICE;
import static org.bcos.ledger.upgrade.UpgradeChain.NEW_SOFTWARE;
import static org.bcos.ledger.upgrade.UpgradeChain.OLD_SOFTWARE;
import static org.bcos.ledger.upgrade.UpgradeChain.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.UpgradeRequired;
import org.bcos.ledger.UpgradeRequiredException;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.ledger.notary.api.NotaryApi;
import org.bcos.ledger.upgrade.UpgradeChain.Cancel;
import org.bcos.ledger.upgrade.UpgradeChain.Schedule;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.ledger.upgrade.api.UpgradeRejection;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;

/**
 * Protocol upgrades at the ledger: a chain that starts at version 1 (no notary) schedules version
 * 2 (+ notary) through {@link UpgradeApi}; before the height notary messages are refused by name,
 * from it they work, on every ledger fed the same blocks; software without version 2 stops before
 * the height with nothing committed, and resumes when it has it.
 */
class UpgradeLedgerTest {
  private static final long ACTIVATION = 4;
  private static final Hash DOC = Digests.sha256(new byte[] {1, 2, 3});

  private static Transaction anchor(UpgradeChain chain) {
    return chain.alice(new NotaryAnchor(DOC, "lease"));
  }

  /** Blocks 1..5 on software with both versions: schedule at 1, activation at 4. */
  private static List<Block> upgradingChain(UpgradeChain chain) {
    List<Block> blocks = new ArrayList<>();
    BlockResult scheduled = chain.include(chain.gov(
        new Schedule("notary-on", 2, RELEASE, ACTIVATION)));
    assertTrue(scheduled.skipped().isEmpty(), () -> "schedule refused: " + scheduled.skipped());
    blocks.add(scheduled.block());
    for (long h = 2; h < ACTIVATION; h++) {
      BlockResult before = chain.include(anchor(chain));
      assertRefused(TxRejection.MODULE_NOT_ACTIVE, before);
      blocks.add(before.block());
    }
    BlockResult at = chain.include(anchor(chain));
    assertTrue(at.skipped().isEmpty(), () -> "anchor at the height refused: " + at.skipped());
    blocks.add(at.block());
    blocks.add(chain.block().block());
    return blocks;
  }

  private static void assertRefused(Rejection reason, BlockResult r) {
    assertEquals(1, r.skipped().size(), "one refused transaction");
    assertEquals(reason, r.skipped().getFirst().verdict().rejection(),
        r.skipped().getFirst().verdict().message());
    assertEquals(0, r.block().transactions().size());
  }

  @Test
  void notaryIsRefusedByNameBeforeTheUpgradeAndWorksFromItsHeight() {
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
    Ledger ledger = chain.ledger();
    Transaction early = anchor(chain);
    assertEquals(TxRejection.MODULE_NOT_ACTIVE, ledger.processor().checkStateless(early)
        .rejection());
    assertEquals(TxRejection.MODULE_NOT_ACTIVE, ledger.checkAdmission(early).rejection());

    List<Block> blocks = upgradingChain(chain);

    for (Block b : blocks) {
      int want = b.height() < ACTIVATION ? BlockHeader.VERSION_NOT_CARRIED : 2;
      assertEquals(want, b.header().protocolVersion(), "version carried at " + b.height());
      assertEquals(b.height() < ACTIVATION ? 1 : 2, ledger.protocolVersionAt(b.height()));
    }
    // a refused message left no trace: the blocks before the height hold the root of block 1
    assertEquals(blocks.get(0).header().stateRoot(), blocks.get(1).header().stateRoot());
    assertTrue(ledger.api(NotaryApi.class).anchor(DOC).isPresent());
    UpgradeApi upgrades = ledger.api(UpgradeApi.class);
    assertTrue(upgrades.scheduled().isEmpty(), "applied at the end of its block");
    assertEquals(List.of("genesis", "notary-on"),
        upgrades.applied().stream().map(UpgradePlan::name).toList());
    assertTrue(ledger.upgradeRequired().isEmpty());
  }

  @Test
  void twoLedgersFedTheSameBlocksSwitchAtTheSameHeightWithTheSameStateRoots() {
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
    Ledger other = UpgradeChain.openNew(UpgradeChain.genesis(1));
    assertEquals(chain.ledger().genesisHash(), other.genesisHash());
    for (Block b : upgradingChain(chain)) {
      other.importBlock(Block.decode(b.encode(), other.modules()));
      assertEquals(b.header().stateRoot(), other.head().header().stateRoot(), "h " + b.height());
      assertEquals(b.hash(), other.head().hash());
    }
    assertTrue(other.api(NotaryApi.class).anchor(DOC).isPresent());
  }

  @Test
  void softwareWithoutTheVersionStopsBeforeTheHeightAndResumesWithIt() {
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
    List<Block> blocks = upgradingChain(chain);
    InMemoryStore store = new InMemoryStore();
    Ledger old = UpgradeChain.open(store, UpgradeChain.genesis(1), OLD_SOFTWARE);
    for (Block b : blocks.subList(0, (int) ACTIVATION - 2)) {
      old.importBlock(b);
      assertTrue(old.upgradeRequired().isEmpty(), "runs the old rules until the height");
    }
    old.importBlock(blocks.get((int) ACTIVATION - 2));

    UpgradeRequired required = old.upgradeRequired().orElseThrow();
    assertEquals(ACTIVATION, required.height());
    assertEquals(2, required.version());
    assertEquals("notary-on", required.plan().orElseThrow().name());
    String line = required.line();
    assertTrue(line.contains("protocol version 2") && line.contains(RELEASE.toHex())
        && line.contains("install the release with that sha256 (it ships version 2)")
        && line.contains("height " + ACTIVATION), line);
    assertFalse(line.contains("\n"), "one line");

    Block atHeight = blocks.get((int) ACTIVATION - 1);
    Hash rootBefore = old.head().header().stateRoot();
    UpgradeRequiredException refused = assertThrows(UpgradeRequiredException.class,
        () -> old.importBlock(atHeight));
    assertEquals(required, refused.required());
    assertThrows(UpgradeRequiredException.class,
        () -> old.proposeBlock(List.of(), VALIDATOR, 1L << 50));
    assertEquals(ACTIVATION - 1, old.head().height(), "nothing committed under the old rules");
    assertEquals(rootBefore, old.head().header().stateRoot());

    Ledger resumed = UpgradeChain.open(store, UpgradeChain.genesis(1), NEW_SOFTWARE);
    assertTrue(resumed.upgradeRequired().isEmpty());
    for (Block b : blocks.subList((int) ACTIVATION - 1, blocks.size())) resumed.importBlock(b);
    assertEquals(chain.ledger().head().hash(), resumed.head().hash());
  }

  @Test
  void aBlockThatDoesNotCarryTheVersionInForceIsRefused() {
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
    List<Block> blocks = upgradingChain(chain);
    Ledger other = UpgradeChain.openNew(UpgradeChain.genesis(1));
    for (Block b : blocks.subList(0, (int) ACTIVATION - 1)) other.importBlock(b);
    Block real = blocks.get((int) ACTIVATION - 1);
    for (int wrong : new int[] {BlockHeader.VERSION_NOT_CARRIED, 1, 3}) {
      BlockHeader h = real.header();
      BlockHeader forged = new BlockHeader(h.chainId(), h.height(), h.timeMillis(),
          h.previousHash(), h.txRoot(), h.stateRoot(), h.proposer(), h.txCount(), wrong);
      Block block = new Block(forged, VALIDATOR.sign(forged.hash().toBytes()),
          real.transactions());
      Ledger.InvalidBlockException e = assertThrows(Ledger.InvalidBlockException.class,
          () -> other.importBlock(block));
      assertEquals(Ledger.InvalidBlockException.Reason.WRONG_PROTOCOL_VERSION, e.reason());
    }
    other.importBlock(real);
  }

  @Test
  void scheduleAndCancelRefuseBadPlansByNameAndChangeNothing() {
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
    refused(chain, UpgradeRejection.UPGRADE_NAME_INVALID, new Schedule("Bad Name", 2, RELEASE, 9));
    refused(chain, UpgradeRejection.UPGRADE_NAME_INVALID, new Schedule("genesis", 2, RELEASE, 9));
    refused(chain, UpgradeRejection.UPGRADE_HEIGHT_PASSED, new Schedule("a", 2, RELEASE, 1));
    refused(chain, UpgradeRejection.UPGRADE_HEIGHT_PASSED, new Schedule("a", 2, RELEASE, 4));
    refused(chain, UpgradeRejection.UPGRADE_TOO_FAR,
        new Schedule("a", 2, RELEASE, 6 + UpgradeApi.MAX_LEAD_BLOCKS));
    refused(chain, UpgradeRejection.UPGRADE_VERSION_NOT_NEWER, new Schedule("a", 1, RELEASE, 99));
    refused(chain, UpgradeRejection.NO_SCHEDULED_UPGRADE, new Cancel("a"));

    chain.include(chain.gov(new Schedule("a", 3, RELEASE, 99)));
    assertEquals(3, chain.ledger().api(UpgradeApi.class).scheduled().orElseThrow().version());
    refused(chain, UpgradeRejection.UPGRADE_ALREADY_SCHEDULED,
        new Schedule("b", 2, RELEASE, 99));
    refused(chain, UpgradeRejection.UPGRADE_NAME_MISMATCH, new Cancel("b"));
    BlockResult cancelled = chain.include(chain.gov(new Cancel("a")));
    assertTrue(cancelled.skipped().isEmpty());
    assertTrue(chain.ledger().api(UpgradeApi.class).scheduled().isEmpty());
    assertEquals(1, chain.ledger().protocolVersionAt(99), "a cancelled plan never governs");
  }

  @Test
  void anActivatedUpgradeCannotBeCancelledNorItsNameReused() {
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
    chain.include(chain.gov(new Schedule("notary-on", 2, RELEASE, 3)));
    BlockResult cancelAtHeight = chain.include(chain.gov(new Cancel("notary-on")));
    assertTrue(cancelAtHeight.skipped().isEmpty(), "block 2 is before the height");
    chain.include(chain.gov(new Schedule("notary-on", 2, RELEASE, 4)));
    // refused, though the block's root moves: the plan becomes applied at its end
    assertRefused(UpgradeRejection.UPGRADE_ALREADY_ACTIVE,
        chain.include(chain.gov(new Cancel("notary-on"))));
    assertEquals(2, chain.ledger().protocolVersionAt(4));
    refused(chain, UpgradeRejection.UPGRADE_NAME_USED, new Schedule("notary-on", 3, RELEASE, 9));
  }

  /** {@code m} from governance is refused with {@code reason} and the state root is unchanged. */
  private static void refused(UpgradeChain chain, Rejection reason, Object m) {
    Hash root = chain.ledger().head().header().stateRoot();
    BlockResult r = chain.include(chain.gov((org.bcos.types.tx.Message) m));
    assertRefused(reason, r);
    assertEquals(root, r.block().header().stateRoot(), "a refused plan changes nothing");
  }

  @Test
  void existingChainsStayAtTheDefaultVersionAndAGenesisVersionChangesTheGenesisHash() {
    Ledger legacy = UpgradeChain.openNew(UpgradeChain.genesis(Genesis.DEFAULT_PROTOCOL_VERSION));
    Ledger base = UpgradeChain.openNew(UpgradeChain.genesis(1));
    assertNotEquals(legacy.genesisHash(), base.genesisHash());
    assertEquals(Genesis.DEFAULT_PROTOCOL_VERSION, legacy.protocolVersionAt(1));
    assertTrue(legacy.api(UpgradeApi.class).applied().isEmpty(), "nothing written for it");
    UpgradeChain chain = new UpgradeChain(legacy);
    assertTrue(chain.include(anchor(chain)).skipped().isEmpty(), "notary active from genesis");
    assertEquals(BlockHeader.VERSION_NOT_CARRIED, legacy.head().header().protocolVersion());
  }

  @Test
  void oldSoftwareRefusesADataDirectoryWrittenByTheNewerReleaseAndSaysWhy() {
    InMemoryStore store = new InMemoryStore();
    UpgradeChain chain = new UpgradeChain(UpgradeChain.open(store, UpgradeChain.genesis(1),
        NEW_SOFTWARE));
    upgradingChain(chain);
    // without the notary module it could neither rebuild the state root nor run the next blocks
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> UpgradeChain.open(store, UpgradeChain.genesis(1), OLD_SOFTWARE));
    // the new software also ships the gov module (version 4), whose schema it recorded
    assertTrue(e.getMessage().contains("[gov, notary], which this software lacks")
        && e.getMessage().contains("a newer release wrote it"), e.getMessage());
  }

  @Test
  void aGenesisAtAVersionTheSoftwareLacksIsRefusedAtOpen() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> UpgradeChain.open(new InMemoryStore(), UpgradeChain.genesis(2), OLD_SOFTWARE));
    assertTrue(e.getMessage().contains("protocol version 2"), e.getMessage());
  }
}
