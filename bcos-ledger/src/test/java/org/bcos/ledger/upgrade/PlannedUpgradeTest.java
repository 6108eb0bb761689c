package org.bcos.ledger.upgrade;

import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.TestCommits;
import org.bcos.ledger.Modules;
import org.bcos.ledger.UpgradeRequired;
import org.bcos.ledger.UpgradeRequiredException;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Upgrades planned in the genesis (docs/GOVERNANCE.md "Upgrades on a real network"): the upgrade
 * module schedules the first at genesis and each next one when the one before it activates, as
 * governance would; software capped below a planned version stops before its height; a genesis
 * with plans out of order is refused by name.
 */
class PlannedUpgradeTest {
  private static final Hash RELEASE = Hash.fromHex("ab".repeat(32));
  private static final Ed25519KeyPair ALICE = LedgerFixtures.key(8);
  private static final long STAKING_HEIGHT = 3;

  private static UpgradePlan plan(String name, int version, long height) {
    return new UpgradePlan(name, version, RELEASE, height, 0);
  }

  /** A genesis at version 2 planning staking (version 3) at {@link #STAKING_HEIGHT}. */
  private static Genesis stakingPlanned() {
    return LedgerFixtures.genesis(List.of(ALICE)).withUpgrades(List.of(
        plan("staking", StakeModule.STAKING_VERSION, STAKING_HEIGHT)));
  }

  private static Ledger open(Genesis genesis, ModuleRegistry software) {
    return Ledger.open(new InMemoryStore(), genesis, SignatureCheck.withBestVerifier(), software,
        new TestCommits());
  }

  private static Transaction bond(long nonce) {
    return LedgerFixtures.sign(ALICE, nonce, MIN_FEE, 1_000,
        new StakeBond(VALIDATOR.address(), Amount.UNITS_PER_DDC));
  }

  private static BlockResult block(Ledger ledger, Transaction... txs) {
    return ledger.buildBlock(List.of(txs), VALIDATOR,
        LedgerFixtures.GENESIS_TIME + 1_000 * (ledger.head().height() + 1));
  }

  @Test
  void aPlannedUpgradeIsScheduledAtGenesisAndSwitchesTheRulesAtItsHeight() {
    Ledger ledger = open(stakingPlanned(), Modules.STANDARD);
    UpgradePlan scheduled = ledger.api(UpgradeApi.class).scheduled().orElseThrow();
    assertEquals(plan("staking", 3, STAKING_HEIGHT), scheduled, "scheduled at genesis (0)");

    block(ledger);
    BlockResult early = block(ledger, bond(0));
    assertEquals(StakingRejection.STAKING_NOT_ACTIVE,
        early.skipped().getFirst().verdict().rejection());
    assertEquals(BlockHeader.VERSION_NOT_CARRIED, early.block().header().protocolVersion());

    BlockResult at = block(ledger, bond(0));
    assertTrue(at.skipped().isEmpty(), () -> at.skipped().toString());
    assertEquals(3, at.block().header().protocolVersion(), "the header carries the new version");
    UpgradeApi upgrades = ledger.api(UpgradeApi.class);
    assertTrue(upgrades.scheduled().isEmpty());
    assertEquals(List.of(scheduled), upgrades.applied());
  }

  @Test
  void eachNextPlannedUpgradeIsScheduledInTheBlockWhereTheOneBeforeActivates() {
    Genesis genesis = LedgerFixtures.genesis(List.of(ALICE)).atProtocolVersion(1)
        .withUpgrades(List.of(plan("notary", 2, 2), plan("staking", 3, 4)));
    Ledger ledger = open(genesis, Modules.STANDARD);
    UpgradeApi upgrades = ledger.api(UpgradeApi.class);
    assertEquals("notary", upgrades.scheduled().orElseThrow().name());
    assertEquals(List.of(plan("staking", 3, 4)), upgrades.planned());

    var status = new org.bcos.ledger.upgrade.rpc.UpgradeRpc().methods(ledger).getFirst()
        .call(org.bcos.ledger.spi.rpc.RpcArgs.of(),
            org.bcos.ledger.spi.rpc.WorkBudget.unbounded());
    assertEquals("staking", status.path("planned").get(0).path("name").asText(), "" + status);
    assertEquals("notary", status.path("scheduled").path("name").asText());

    block(ledger);
    block(ledger);
    upgrades = ledger.api(UpgradeApi.class);
    assertEquals(new UpgradePlan("staking", 3, RELEASE, 4, 2), upgrades.scheduled().orElseThrow(),
        "scheduled in block 2, where notary activated");
    assertTrue(upgrades.planned().isEmpty());
    block(ledger);
    block(ledger);
    assertEquals(3, ledger.protocolVersionAt(4));
    assertEquals(List.of(1, 2, 3), ledger.api(UpgradeApi.class).applied().stream()
        .map(UpgradePlan::version).toList());
  }

  @Test
  void softwareCappedBelowAPlannedVersionStopsBeforeItsHeightAndTheFullSoftwareGoesOn() {
    Ledger full = open(stakingPlanned(), Modules.STANDARD);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 4; i++) blocks.add(block(full).block());

    ModuleRegistry capped = Modules.standard(EvidenceCheck.NONE, 2);
    assertEquals("1..2", capped.versions().describe());
    Ledger old = open(stakingPlanned(), capped);
    old.importBlock(blocks.get(0));
    old.importBlock(blocks.get(1));
    UpgradeRequired stop = old.upgradeRequired().orElseThrow();
    assertEquals(STAKING_HEIGHT, stop.height());
    assertTrue(stop.line().contains("protocol version 3 (\"staking\") is not in this software (it"
        + " runs versions 1..2); release sha256 " + RELEASE.toHex()), stop.line());
    assertThrows(UpgradeRequiredException.class, () -> old.importBlock(blocks.get(2)));
    assertEquals(2, old.head().height(), "nothing committed under the old rules");
  }

  @Test
  void theCapRefusesAChainStartingAboveItAndACapBelowEveryVersion() {
    Genesis atStaking = LedgerFixtures.genesis(List.of(ALICE)).atProtocolVersion(3);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> open(atStaking, Modules.standard(EvidenceCheck.NONE, 2)));
    assertTrue(e.getMessage().contains("protocol version 3, which this software does not ship"
        + " (it runs versions 1..2)"), e.getMessage());
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
        () -> Modules.standard(EvidenceCheck.NONE, 0));
    assertTrue(low.getMessage().contains("at least 1"), low.getMessage());
    assertSame(Modules.STANDARD, Modules.STANDARD.upToVersion(99), "no cap above the newest");
  }

  @Test
  void aGenesisWithPlansOutOfOrderIsRefusedByName() {
    Genesis base = LedgerFixtures.genesis(List.of(ALICE));
    assertRefused(base, List.of(plan("a", 2, 5)), "protocol version must be above 2");
    assertRefused(base, List.of(plan("a", 3, 5), plan("b", 4, 5)), "height must be above 5");
    assertRefused(base, List.of(plan("a", 4, 5), plan("b", 3, 9)), "must be above 4");
    assertRefused(base, List.of(plan("a", 3, 5), plan("a", 4, 9)), "distinct name");
    assertRefused(base, List.of(plan("genesis", 3, 5)), "distinct name");
    assertRefused(base, List.of(plan("Bad Name", 3, 5)), "distinct name");
    assertRefused(base, List.of(new UpgradePlan("a", 3, RELEASE, 5, 1)), "scheduledAt 0");
    assertRefused(base, List.of(plan("a", 3, 0)), "height must be above 0");
    assertRefused(base, List.of(plan("a", 3, UpgradeApi.MAX_LEAD_BLOCKS + 1)), "at most");
    List<UpgradePlan> many = new ArrayList<>();
    for (int i = 1; i <= Genesis.MAX_PLANNED_UPGRADES + 1; i++) many.add(plan("u" + i, 2 + i, i));
    assertRefused(base, many, "at most " + Genesis.MAX_PLANNED_UPGRADES);
  }

  private static void assertRefused(Genesis base, List<UpgradePlan> plans, String why) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> base.withUpgrades(plans));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }
}
