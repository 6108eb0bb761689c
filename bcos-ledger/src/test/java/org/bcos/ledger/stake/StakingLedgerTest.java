package org.bcos.ledger.stake;

import static org.bcos.ledger.stake.StakeChain.DDC;
import static org.bcos.ledger.stake.StakeChain.MIN_FEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.stake.api.StakeApi;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeEditValidator;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeUnjail;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The staking messages on a real ledger over a staking genesis (three genesis validators, a
 * reward pool, short periods): each message works, and each bad input is refused by name with
 * the state exactly as an empty block would leave it. A chain below the staking version refuses them
 * all and pays fees to the proposer as before.
 */
class StakingLedgerTest {
  static final long POOL = 1_000 * DDC;
  static final long REWARD = 10 * DDC;
  static final int UNBONDING_BLOCKS = 3;
  static final Ed25519KeyPair ALICE = StakeChain.HOLDERS.get(1);
  static final Ed25519KeyPair BOB = StakeChain.HOLDERS.get(2);
  static final Ed25519KeyPair NEW_KEY = LedgerFixtures.key(777);

  /** {@code n} validators as {@link StakeChain#genesis}, holder 0 giving up {@link #POOL}. */
  static Genesis stakingGenesis(int n) {
    Genesis plain = StakeChain.genesis(n);
    List<Genesis.Allocation> allocations = new ArrayList<>();
    for (Genesis.Allocation a : plain.allocations()) {
      boolean first = a.address().equals(StakeChain.HOLDERS.get(0).address());
      allocations.add(first ? new Genesis.Allocation(a.address(), a.units() - POOL) : a);
    }
    ChainParams params = LedgerFixtures.PARAMS
        .with(StakingParams.UNBONDING_PERIOD_BLOCKS.name(), UNBONDING_BLOCKS)
        .with(StakingParams.BLOCK_REWARD_UNITS.name(), REWARD)
        .with(StakingParams.COMMISSION_CHANGE_INTERVAL_BLOCKS.name(), 2)
        .with(StakingParams.MAX_VALIDATORS.name(), 3);
    return new Genesis(params, plain.timeMillis(), plain.validators(), allocations,
        StakeModule.STAKING_VERSION, Optional.of(new Genesis.Staking(POOL)));
  }

  private final StakeChain chain = StakeChain.inMemory(stakingGenesis(3),
      new StakeChain.FakeEvidence());

  private Transaction tx(Ed25519KeyPair from, Message m) {
    return LedgerFixtures.sign(from, chain.nonce(from), MIN_FEE, chain.expiry(), m);
  }

  /**
   * Proposes the next block with {@code bad} alone and with nothing: {@code bad} is left out with
   * {@code reason} and both blocks reach the same state root (the refusal wrote nothing).
   */
  private void assertRefused(Transaction bad, Rejection reason) {
    Verdict stateless = chain.ledger.processor().checkStateless(bad);
    if (!stateless.ok()) {
      assertEquals(reason, stateless.rejection(), stateless.message());
      return;
    }
    Ed25519KeyPair proposer = chain.proposerFor(chain.height() + 1);
    BlockResult with = chain.propose(proposer, bad);
    assertEquals(1, with.skipped().size(), "the bad transaction is left out");
    assertEquals(reason, with.skipped().getFirst().verdict().rejection(),
        with.skipped().getFirst().verdict().message());
    BlockResult without = chain.propose(proposer);
    assertEquals(without.block().header().stateRoot(), with.block().header().stateRoot(),
        "a refused " + reason + " changes nothing");
  }

  private StakingStore staking() {
    return new StakingStore(new WorkingState(chain.store));
  }

  private long bondOf(Address bonder, Address operator) {
    return new Bonding(staking(), null, StakingParams.defaults(), chain.height())
        .bondOf(bonder, operator);
  }

  private Address validator(int i) {
    return StakeChain.validatorKey(i).address();
  }

  // --- genesis and old chains ---

  @Test
  void stakingGenesisBondsValidatorsAndSetsAsideTheRewardPool() {
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, chain.supply());
    assertEquals(POOL, staking().pool(StakingStore.REWARD_POOL_KEY));
    for (int i = 0; i < 3; i++) {
      assertEquals(StakeChain.stakeOf(i), staking().validator(validator(i)).orElseThrow().tokens());
      assertEquals(StakeChain.stakeOf(i), bondOf(validator(i), validator(i)));
    }
    assertTrue(chain.stake(validator(0)).isEmpty(), "no pre-#11 validator record");
  }

  /** {@code base} with validator 0 operated by {@link #NEW_KEY}, which holds its allocation. */
  private static Genesis operatedByNewKey(Genesis base) {
    Address consensusKey = StakeChain.validatorKey(0).address();
    List<Genesis.Validator> validators = base.validators().stream()
        .map(v -> v.address().equals(consensusKey)
            ? new Genesis.Validator(consensusKey, v.stakeUnits(), NEW_KEY.address()) : v)
        .toList();
    List<Genesis.Allocation> allocations = base.allocations().stream()
        .map(a -> a.address().equals(consensusKey)
            ? new Genesis.Allocation(NEW_KEY.address(), a.units()) : a).toList();
    return new Genesis(base.params(), base.timeMillis(), validators, allocations,
        base.protocolVersion(), base.staking());
  }

  @Test
  void aGenesisValidatorOperatedByAnotherAccountIsKeyedByItAndSignsWithItsOwnKey() {
    StakeChain operated = StakeChain.inMemory(operatedByNewKey(stakingGenesis(3)),
        new StakeChain.FakeEvidence());
    StakingStore store = new StakingStore(new WorkingState(operated.store));
    StakingValidator v = store.validator(NEW_KEY.address()).orElseThrow();
    assertEquals(validator(0), v.consensusKey());
    assertEquals(Optional.of(NEW_KEY.address()), store.operatorOf(validator(0)));
    assertTrue(store.validator(validator(0)).isEmpty(), "keyed by the operator only");
    assertEquals(StakeChain.stakeOf(0), new Bonding(store, null, StakingParams.defaults(), 0)
        .bondOf(NEW_KEY.address(), NEW_KEY.address()), "the operator's self-bond");
    assertEquals(0, operated.balance(validator(0)));
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, operated.supply());
    // the operator edits it (the consensus key could not: it operates nothing)
    operated.block(operated.transfer(ALICE, NEW_KEY.address(), DDC, 0));
    BlockResult r = operated.block(LedgerFixtures.sign(NEW_KEY, 0, MIN_FEE, operated.expiry(),
        new StakeEditValidator("operated", StakeEditValidator.KEEP_RATE)));
    assertTrue(r.skipped().isEmpty(), r.skipped().toString());
    assertEquals("operated", new StakingStore(new WorkingState(operated.store))
        .validator(NEW_KEY.address()).orElseThrow().moniker());
  }

  @Test
  void anOperatorApartFromTheConsensusKeyNeedsStakingAndItsOwnAllocation() {
    Genesis old = operatedByNewKey(StakeChain.genesis(3));
    IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
        () -> StakeChain.inMemory(old, new StakeChain.FakeEvidence()));
    assertTrue(below.getMessage().contains("has no staking"), below.getMessage());
    Genesis base = stakingGenesis(3);
    List<Genesis.Validator> twice = new ArrayList<>(base.validators());
    twice.set(1, new Genesis.Validator(twice.get(1).address(), twice.get(1).stakeUnits(),
        twice.get(0).address()));
    IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
        () -> new Genesis(base.params(), 0, twice, base.allocations(), base.protocolVersion(),
            base.staking()));
    assertTrue(shared.getMessage().contains("operates two genesis validators"),
        shared.getMessage());
    List<Genesis.Validator> poor = new ArrayList<>(base.validators());
    poor.set(0, new Genesis.Validator(poor.get(0).address(), poor.get(0).stakeUnits(),
        NEW_KEY.address()));
    IllegalArgumentException unfunded = assertThrows(IllegalArgumentException.class,
        () -> new Genesis(base.params(), 0, poor, base.allocations(), base.protocolVersion(),
            base.staking()));
    assertTrue(unfunded.getMessage().contains("its operator " + NEW_KEY.address()),
        unfunded.getMessage());
  }

  @Test
  void chainBelowTheStakingVersionRefusesStakingAndPaysFeesToTheProposer() {
    StakeChain old = StakeChain.inMemory(StakeChain.genesis(3), new StakeChain.FakeEvidence());
    assertFalse(old.ledger.params().values().containsKey("maxValidators"));
    Ed25519KeyPair proposer = old.proposerFor(1);
    long before = old.balance(proposer.address());
    BlockResult r = old.block(LedgerFixtures.sign(ALICE, 0, MIN_FEE, old.expiry(),
        new StakeBond(validator(0), DDC)));
    assertEquals(StakingRejection.STAKING_NOT_ACTIVE, r.skipped().getFirst().verdict().rejection());
    old.block(old.transfer(ALICE, BOB.address(), DDC, 0));
    assertEquals(before + MIN_FEE, old.balance(proposer.address()), "the fee went to the proposer");
  }

  // --- rewards ---

  @Test
  void feesAndBlockRewardsAreSharedOutAndWithdrawn() {
    chain.block(tx(ALICE, new StakeBond(validator(2), 500 * DDC)));
    assertEquals(500 * DDC, bondOf(ALICE.address(), validator(2)));
    chain.emptyBlocks(3);
    assertEquals(POOL - 4 * REWARD, staking().pool(StakingStore.REWARD_POOL_KEY));
    long before = chain.balance(ALICE.address());
    chain.block(tx(ALICE, new StakeWithdrawRewards(validator(2))));
    long gained = chain.balance(ALICE.address()) - before + MIN_FEE;
    assertTrue(gained > 0, "alice earned a share of three blocks' rewards: " + gained);
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, chain.supply());
    assertRefused(tx(BOB, new StakeWithdrawRewards(validator(2))),
        StakingRejection.NO_SUCH_DELEGATION);
  }

  @Test
  void stakeApiReadsBondsPerBonderAndValidator() {
    chain.block(tx(ALICE, new StakeBond(validator(2), 500 * DDC)));
    StakeApi api = chain.ledger.api(StakeApi.class);
    assertEquals(500 * DDC, api.bondOf(ALICE.address(), validator(2)));
    assertEquals(StakeChain.stakeOf(2) + 500 * DDC, api.bondedTo(validator(2)));
    long genesis = StakeChain.stakeOf(0) + StakeChain.stakeOf(1) + StakeChain.stakeOf(2);
    assertEquals(genesis + 500 * DDC, api.totalBonded());
    assertEquals(4, api.bonds(100).size(), "three self-bonds and alice's");
    assertEquals(2, api.bonds(2).size());
    assertEquals(Optional.of(validator(1)), api.operatorOf(validator(1)));
    assertEquals(POOL - REWARD, api.rewardPool());
  }

  // --- create and edit ---

  @Test
  void createdValidatorJoinsTheSetTwoBlocksLater() {
    long h = chain.height() + 1;
    chain.block(tx(ALICE, new StakeCreateValidator(NEW_KEY.address(), 500, 2_000, 100,
        5_000 * DDC, "alice")));
    StakingValidator v = staking().validator(ALICE.address()).orElseThrow();
    assertEquals(5_000 * DDC, v.tokens());
    assertTrue(chain.ledger.validatorSetAt(h + 2).stream()
        .anyMatch(p -> p.address().equals(NEW_KEY.address())), "in the set from h + 2");
    assertFalse(chain.ledger.validatorSetAt(h + 1).stream()
        .anyMatch(p -> p.address().equals(NEW_KEY.address())), "not before");
    // max 3: the smallest genesis validator (1,000 DDC) leaves
    assertEquals(3, chain.ledger.validatorSetAt(h + 2).size());
  }

  @Test
  void createValidatorRefusals() {
    assertRefused(tx(ALICE, new StakeCreateValidator(NEW_KEY.address(), 3_000, 2_000, 100,
        DDC, "a")), StakingRejection.COMMISSION_INVALID);
    assertRefused(tx(ALICE, new StakeCreateValidator(NEW_KEY.address(), 0, 2_000, 100,
        DDC, "bad\u001b[2J")), StakingRejection.MONIKER_INVALID);
    assertRefused(tx(ALICE, new StakeCreateValidator(NEW_KEY.address(), 0, 2_000, 100,
        DDC - 1, "a")), StakingRejection.SELF_BOND_TOO_SMALL);
    assertRefused(tx(ALICE, new StakeCreateValidator(validator(0), 0, 2_000, 100, DDC, "a")),
        StakingRejection.CONSENSUS_KEY_IN_USE);
    assertRefused(tx(StakeChain.validatorKey(1), new StakeCreateValidator(NEW_KEY.address(), 0,
        2_000, 100, DDC, "a")), StakingRejection.VALIDATOR_EXISTS);
    long all = chain.balance(ALICE.address());
    assertRefused(tx(ALICE, new StakeCreateValidator(NEW_KEY.address(), 0, 2_000, 100, all,
        "a")), StakingRejection.BOND_EXCEEDS_BALANCE);
  }

  @Test
  void editChangesTheRateWithinItsStepAndInterval() {
    chain.block(tx(ALICE, new StakeCreateValidator(NEW_KEY.address(), 500, 2_000, 100, DDC,
        "alice")));
    assertRefused(tx(ALICE, new StakeEditValidator("alice", 600)),
        StakingRejection.COMMISSION_CHANGE_TOO_SOON);
    chain.emptyBlocks(2);
    assertRefused(tx(ALICE, new StakeEditValidator("alice", 601)),
        StakingRejection.COMMISSION_CHANGE_TOO_LARGE);
    assertRefused(tx(ALICE, new StakeEditValidator("alice", 10_000)),
        StakingRejection.COMMISSION_INVALID);
    assertRefused(tx(BOB, new StakeEditValidator("bob", 100)),
        StakingRejection.NO_SUCH_VALIDATOR);
    chain.block(tx(ALICE, new StakeEditValidator("alice2", 600)));
    StakingValidator v = staking().validator(ALICE.address()).orElseThrow();
    assertEquals(600, v.commission().rateBasisPoints());
    assertEquals("alice2", v.moniker());
  }

  // --- bond, unbond, redelegate ---

  @Test
  void theMempoolCountsWhatABondOrACreationTakesFromTheSender() {
    assertEquals(7 * DDC + MIN_FEE, org.bcos.ledger.Modules.maxCost(
        tx(ALICE, new StakeBond(validator(0), 7 * DDC))));
    assertEquals(3 * DDC + MIN_FEE, org.bcos.ledger.Modules.maxCost(tx(ALICE,
        new StakeCreateValidator(NEW_KEY.address(), 0, 100, 10, 3 * DDC, "a"))));
    assertEquals(MIN_FEE, org.bcos.ledger.Modules.maxCost(
        tx(ALICE, new StakeUnbond(validator(0), 7 * DDC))));
  }

  @Test
  void bondRefusals() {
    long all = chain.balance(ALICE.address());
    assertRefused(tx(ALICE, new StakeBond(validator(0), all)),
        StakingRejection.BOND_EXCEEDS_BALANCE);
    assertRefused(tx(ALICE, new StakeBond(ALICE.address(), DDC)),
        StakingRejection.NO_SUCH_VALIDATOR);
    assertRefused(tx(ALICE, new StakeBond(validator(0), 0)), StakingRejection.STAKE_NOT_POSITIVE);
  }

  @Test
  void unbondPaysOutAfterTheUnbondingPeriod() {
    chain.block(tx(ALICE, new StakeBond(validator(0), 100 * DDC)));
    assertRefused(tx(ALICE, new StakeUnbond(validator(0), 100 * DDC + 1)),
        StakingRejection.UNBOND_EXCEEDS_BONDED);
    assertRefused(tx(ALICE, new StakeUnbond(validator(1), DDC)),
        StakingRejection.NO_SUCH_DELEGATION);
    chain.block(tx(ALICE, new StakeWithdrawRewards(validator(0))));
    long before = chain.balance(ALICE.address());
    long h = chain.height() + 1;
    chain.block(tx(ALICE, new StakeUnbond(validator(0), 100 * DDC)));
    assertEquals(0, bondOf(ALICE.address(), validator(0)));
    long afterUnbond = chain.balance(ALICE.address());
    assertTrue(afterUnbond < before + DDC, "the principal is not paid yet (a pending reward is)");
    while (chain.height() < h + UNBONDING_BLOCKS - 1) chain.block();
    assertTrue(chain.balance(ALICE.address()) < afterUnbond + 100 * DDC, "not yet");
    chain.block();
    assertEquals(afterUnbond + 100 * DDC, chain.balance(ALICE.address()), "paid at completion");
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, chain.supply());
  }

  @Test
  void redelegateMovesBondAtOnceAndRefusesChains() {
    chain.block(tx(ALICE, new StakeBond(validator(0), 100 * DDC)));
    assertRefused(tx(ALICE, new StakeRedelegate(validator(0), validator(0), DDC)),
        StakingRejection.REDELEGATION_TO_SELF);
    chain.block(tx(ALICE, new StakeRedelegate(validator(0), validator(1), 40 * DDC)));
    assertEquals(60 * DDC, bondOf(ALICE.address(), validator(0)));
    assertEquals(40 * DDC, bondOf(ALICE.address(), validator(1)));
    assertRefused(tx(ALICE, new StakeRedelegate(validator(1), validator(2), DDC)),
        StakingRejection.REDELEGATION_TRANSITIVE);
    chain.emptyBlocks(UNBONDING_BLOCKS);
    chain.block(tx(ALICE, new StakeRedelegate(validator(1), validator(2), DDC)));
    assertEquals(DDC, bondOf(ALICE.address(), validator(2)));
  }

  // --- unjail ---

  @Test
  void unjailRefusesAnUnjailedValidator() {
    assertRefused(tx(StakeChain.validatorKey(1), new StakeUnjail()), StakingRejection.NOT_JAILED);
    assertRefused(tx(ALICE, new StakeUnjail()), StakingRejection.NO_SUCH_VALIDATOR);
  }

  @Test
  void doubleSigningSlashesTombstonesAndDropsTheValidator() {
    Address offender = validator(1);
    long tokens = staking().validator(offender).orElseThrow().tokens();
    long h = chain.height() + 1;
    chain.block(chain.report(ALICE, chain.nonce(ALICE), chain.evidence.prove(offender, 1)));
    StakingValidator v = staking().validator(offender).orElseThrow();
    // 10 % of its power at height 1 (2,000 whole DDC: the 55 stray units are no power)
    assertEquals(tokens - 200 * DDC, v.tokens(), "slashPercent 10 of the stake at the offence");
    assertTrue(v.jailed() && v.tombstoned());
    assertFalse(chain.ledger.validatorSetAt(h + 2).stream()
        .map(ValidatorPower::address).anyMatch(offender::equals));
    assertRefused(tx(StakeChain.validatorKey(1), new StakeUnjail()),
        StakingRejection.VALIDATOR_UNUSABLE);
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, chain.supply());
  }
}
