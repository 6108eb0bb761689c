package org.bcos.ledger.stake;

import static org.bcos.ledger.stake.StakingWorld.DDC;
import static org.bcos.ledger.stake.StakingWorld.holder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakeUnjail;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Downtime slashing behind its seam ({@code TxContext.lastCommitSigners}, which no block fills
 * yet): the missed-precommit window, the slash and jail at the block's end, and unjailing
 * refused until the jail period is over.
 */
class DowntimeTest {
  private static final long WINDOW = 10;
  private static final long JAIL = 5;
  /** 50 % of 10 must sign: a sixth miss in a counted window is downtime. */
  private static final StakingParams PARAMS = new StakingParams(10, 100, 7, DDC, 0, 0, 0, 0,
      WINDOW, 5_000, 100, JAIL);

  private final StakingWorld w = new StakingWorld(PARAMS);
  private final Address up = holder(0);
  private final Address down = holder(1);
  private final List<ValidatorPower> set;

  DowntimeTest() {
    w.addValidator(up, 0);
    w.addValidator(down, 0);
    w.bonding().bond(up, up, 100 * DDC, 0);
    w.bonding().bond(down, down, 100 * DDC, 0);
    set = List.of(new ValidatorPower(up, 100), new ValidatorPower(down, 100));
  }

  private static ChainParams chainParams() {
    ChainParams p = LedgerFixtures.PARAMS;
    for (ParamSpec spec : StakingParams.ALL) {
      p = p.with(spec.name(), valueOf(spec));
    }
    return p.with("slashPercent", 10).with("maxEvidenceAgeBlocks", 100_000);
  }

  private static long valueOf(ParamSpec spec) {
    return PARAMS.values()[StakingParams.ALL.indexOf(spec)];
  }

  private TxContext context(Optional<Set<Address>> signers) {
    return new TxContext(Modules.STANDARD, chainParams(), w.height, up, w.state, h -> set,
        Modules.VERSIONS.rules(StakeModule.STAKING_VERSION).orElseThrow(), signers);
  }

  /** Ends block {@code w.height} with {@code signers} as the previous block's signers. */
  private void endBlock(Set<Address> signers) {
    new StakeModule(null).endBlock(context(Optional.of(signers)));
  }

  @Test
  void everySlotOfABitmapWordHoldsAMissIncludingTheSignBit() {
    StakingStore store = new StakingStore(w.state);
    for (long slot : new long[] {0, 62, 63, 64, 127}) {
      store.setMissedBit(down, slot, true);
      assertTrue(store.missedBit(down, slot), "slot " + slot);
    }
    assertFalse(store.missedBit(down, 61));
    store.setMissedBit(down, 63, false);
    assertFalse(store.missedBit(down, 63));
    assertTrue(store.missedBit(down, 62), "clearing one bit keeps the others");
  }

  @Test
  void missingMoreThanTheWindowAllowsSlashesAndJailsOnce() {
    w.height = 2;
    for (int i = 0; i < 5; i++, w.height++) endBlock(Set.of(up));
    for (int i = 0; i < 4; i++, w.height++) endBlock(Set.of(up, down));
    assertFalse(w.store.validator(down).orElseThrow().jailed(), "5 misses are allowed");
    long tokens = w.store.validator(down).orElseThrow().tokens();
    long supply = w.supply();
    endBlock(Set.of(up)); // the sixth miss, in the tenth counted block
    StakingValidator v = w.store.validator(down).orElseThrow();
    assertTrue(v.jailed() && !v.tombstoned());
    assertEquals(w.height + JAIL, v.jailedUntil());
    assertEquals(tokens - tokens / 100, v.tokens(), "downtimeSlashBasisPoints 100 = 1 %");
    assertEquals(supply, w.supply());
    assertFalse(w.store.validator(up).orElseThrow().jailed());
    assertTrue(w.store.signing(down).isEmpty(), "its window starts over");
  }

  @Test
  void oldMissesSlideOutOfTheWindow() {
    w.height = 2;
    // 5 misses, then 20 signed blocks: the misses leave the window as new slots replace them
    for (int i = 0; i < 5; i++, w.height++) endBlock(Set.of(up));
    for (int i = 0; i < 20; i++, w.height++) endBlock(Set.of(up, down));
    assertEquals(0, w.store.signing(down).orElseThrow().missed());
    for (int i = 0; i < 5; i++, w.height++) endBlock(Set.of(up));
    assertFalse(w.store.validator(down).orElseThrow().jailed());
  }

  @Test
  void aChangedWindowStartsEveryRecordOver() {
    w.height = 2;
    for (int i = 0; i < 4; i++, w.height++) endBlock(Set.of(up));
    assertEquals(4, w.store.signing(down).orElseThrow().missed());
    StakingParams wider = new StakingParams(10, 100, 7, DDC, 0, 0, 0, 0, 2 * WINDOW, 5_000, 100,
        JAIL);
    new Downtime(w.store, wider).record(set, Set.of(up, down));
    SigningRecord r = w.store.signing(down).orElseThrow();
    assertEquals(new SigningRecord(2 * WINDOW, 1, 0), r, "counted afresh under the new window");
  }

  @Test
  void withoutSignersNothingIsCounted() {
    w.height = 2;
    new StakeModule(null).endBlock(context(Optional.empty()));
    assertTrue(w.store.signing(down).isEmpty());
  }

  @Test
  void unjailWaitsForTheJailPeriod() {
    w.height = 2;
    for (int i = 0; i < 10; i++, w.height++) endBlock(Set.of(up));
    long until = w.store.validator(down).orElseThrow().jailedUntil();
    w.height = until - 1;
    int changes = w.state.changeCount();
    Verdict early = StakingHandlers.unjail(context(Optional.empty()), unjailTx(),
        new StakeUnjail());
    assertEquals(StakingRejection.JAIL_PERIOD_NOT_OVER, early.rejection(), early.message());
    assertEquals(changes, w.state.changeCount(), "refused unjail writes nothing");
    w.height = until;
    Verdict ok = StakingHandlers.unjail(context(Optional.empty()), unjailTx(), new StakeUnjail());
    assertTrue(ok.ok(), ok.message());
    assertFalse(w.store.validator(down).orElseThrow().jailed());
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, w.supply());
  }

  private Transaction unjailTx() {
    return LedgerFixtures.sign(StakingWorld.HOLDERS.get(1), 0, LedgerFixtures.MIN_FEE,
        w.height + 10, new StakeUnjail());
  }
}
