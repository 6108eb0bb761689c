package org.bcos.ledger.stake;

import static org.bcos.ledger.stake.StakeChain.DDC;
import static org.bcos.ledger.stake.StakeChain.HOLDERS;
import static org.bcos.ledger.stake.StakeChain.MIN_FEE;
import static org.bcos.ledger.stake.StakeChain.allocationOf;
import static org.bcos.ledger.stake.StakeChain.resign;
import static org.bcos.ledger.stake.StakeChain.stakeOf;
import static org.bcos.ledger.stake.StakeChain.timeAt;
import static org.bcos.ledger.stake.StakeChain.validatorKey;
import static org.bcos.ledger.stake.StakeChain.withProposer;
import static org.bcos.ledger.stake.StakeChain.withStateRoot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.StakeChain.FakeEvidence;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.StakeRejection;
import org.bcos.ledger.stake.api.ValidatorStake;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.Column;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.RocksDbStore;
import org.bcos.storage.StorageException;
import org.bcos.storage.WriteBatch;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stake module through the ledger: genesis bonding, validator sets by height, slashing through
 * the evidence seam (faked), reopening, and the propose/check/commit split a node drives through
 * consensus. Random tests print their seed; replay with {@code -Dbcos.test.seed=<seed>}.
 */
class StakeLedgerTest {
  private static final byte[] CERT = "certificate of decision".getBytes(StandardCharsets.US_ASCII);
  private static final Ed25519KeyPair REPORTER = LedgerFixtures.key(300);

  private final FakeEvidence evidence = new FakeEvidence();

  private static Address validator(int i) {
    return validatorKey(i).address();
  }

  /** Genesis validators as the ledger should report them: address order, power whole DDC. */
  private static List<ValidatorPower> expectedSet(int n, int... excluded) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(i);
    for (int x : excluded) out.remove(Integer.valueOf(x));
    return out.stream().map(i -> new ValidatorPower(validator(i), stakeOf(i) / DDC))
        .sorted(Comparator.comparing(ValidatorPower::address)).toList();
  }

  private static long slashOf(long bondedUnits) {
    return BigInteger.valueOf(bondedUnits).multiply(BigInteger.valueOf(StakeModule.SLASH_PERCENT.genesisDefault()))
        .divide(BigInteger.valueOf(100)).longValueExact();
  }

  private static boolean verifies(Address a, Ledger.AccountProof p) {
    Hash key = StateKey.treeKey(Account.STATE_COLUMN, a.toBytes());
    return p.account().isPresent()
        ? MerkleProof.verifyInclusion(p.stateRoot(), key,
            Digests.sha256(p.account().get().encode()), p.proof())
        : MerkleProof.verifyExclusion(p.stateRoot(), key, p.proof());
  }

  // --- 1. genesis ---

  @Test
  void genesisBondsEachValidatorsStakeOutOfItsAllocation() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    long balances = 0;
    for (int i = 0; i < 4; i++) {
      assertEquals(Optional.of(new Account(allocationOf(i) - stakeOf(i), 0)),
          c.ledger.account(validator(i)), "validator " + i);
      assertEquals(Optional.of(ValidatorStake.active(stakeOf(i))), c.stake(validator(i)));
      balances += c.balance(validator(i));
    }
    for (Ed25519KeyPair h : HOLDERS) {
      assertEquals(Optional.empty(), c.stake(h.address()), "a holder bonds nothing");
      balances += c.balance(h.address());
    }
    long bonded = stakeOf(0) + stakeOf(1) + stakeOf(2) + stakeOf(3);
    assertEquals(Amount.TOTAL_SUPPLY_UNITS - bonded, balances, "stake left the balances");
    assertEquals(0, c.slashedPool());
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, c.supply());
    Modules.supplyInvariant().checkTotal(c.store);
  }

  private static Genesis genesisWith(List<Genesis.Validator> validators, long validatorAlloc) {
    Address v = validator(0);
    return new Genesis(LedgerFixtures.PARAMS, LedgerFixtures.GENESIS_TIME, validators, List.of(
        new Genesis.Allocation(v, validatorAlloc),
        new Genesis.Allocation(HOLDERS.get(0).address(),
            Amount.TOTAL_SUPPLY_UNITS - validatorAlloc)));
  }

  @Test
  void genesisAcceptsAValidatorBondingItsWholeAllocation() {
    Genesis g = genesisWith(List.of(new Genesis.Validator(validator(0), 5 * DDC)), 5 * DDC);
    StakeChain c = StakeChain.inMemory(g, evidence);
    assertEquals(Optional.of(new Account(0, 0)), c.ledger.account(validator(0)));
    assertEquals(Optional.of(ValidatorStake.active(5 * DDC)), c.stake(validator(0)));
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, c.supply());
  }

  @Test
  void genesisRefusesValidatorWithoutEnoughAllocation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> genesisWith(List.of(new Genesis.Validator(validator(0), 5 * DDC)), 5 * DDC - 1));
    assertTrue(e.getMessage().contains("allocated only"), e.getMessage());
    // a validator with no allocation at all
    assertThrows(IllegalArgumentException.class, () -> genesisWith(List.of(
        new Genesis.Validator(validator(0), DDC), new Genesis.Validator(validator(1), DDC)),
        5 * DDC));
  }

  @Test
  void genesisRefusesDuplicateValidators() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> genesisWith(List.of(new Genesis.Validator(validator(0), DDC),
            new Genesis.Validator(validator(0), DDC)), 5 * DDC));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
  }

  @Test
  void genesisRefusesStakeBelowOneDdcAndNoValidators() {
    assertThrows(IllegalArgumentException.class,
        () -> new Genesis.Validator(validator(0), Genesis.MIN_STAKE_UNITS - 1));
    assertThrows(IllegalArgumentException.class, () -> new Genesis.Validator(validator(0), 0));
    assertThrows(IllegalArgumentException.class, () -> new Genesis.Validator(validator(0), -DDC));
    assertEquals(DDC, new Genesis.Validator(validator(0), DDC).stakeUnits());
    assertThrows(IllegalArgumentException.class, () -> genesisWith(List.of(), 5 * DDC));
  }

  // --- 2. the genesis set ---

  @Test
  void genesisSetIsSortedByAddressWithPowerInWholeDdc() {
    Genesis g = StakeChain.genesis(4);
    List<ValidatorPower> expected = expectedSet(4);
    // the genesis lists them in another order, so sorting is the ledger's doing
    assertNotEquals(expected.stream().map(ValidatorPower::address).toList(),
        g.validators().stream().map(Genesis.Validator::address).toList());
    assertEquals(2_000, expected.stream().filter(v -> v.address().equals(validator(1)))
        .findFirst().orElseThrow().power(), "the 55 stray units give no power");
    StakeChain c = StakeChain.inMemory(g, evidence);
    assertEquals(expected, c.ledger.validatorSetAt(1));
    assertEquals(expected, c.ledger.validatorSetAt(1_000_000));
    assertEquals(Map.of(1L, expected), c.ledger.validatorSetChanges());
    assertEquals(expected, c.activeSetInState(), "state and the committed sets agree");
    assertThrows(IllegalArgumentException.class, () -> c.ledger.validatorSetAt(0));
  }

  // --- 3. slashing through the seam ---

  /** Slashes {@code offender} (offence at height 1) in block 3 with {@code report}. */
  private void assertSlashedAtHeight3(StakeChain c, int offender, Transaction report) {
    assertEquals(2, c.height());
    Address off = validator(offender);
    long bonded = stakeOf(offender);
    Map<Integer, Optional<ValidatorStake>> othersBefore = new TreeMap<>();
    for (int i = 0; i < 4; i++) othersBefore.put(i, c.stake(validator(i)));
    BlockResult r = c.block(report);
    assertEquals(List.of(), r.skipped().stream().map(s -> s.verdict().message()).toList());
    assertEquals(1, r.block().transactions().size());
    long h = r.block().height();
    assertEquals(3, h);

    long slashed = slashOf(bonded);
    assertEquals(Optional.of(new ValidatorStake(bonded - slashed, true, h)), c.stake(off));
    assertFalse(c.stake(off).orElseThrow().isActive());
    assertEquals(slashed, c.slashedPool());
    for (int i = 0; i < 4; i++) {
      if (i != offender) assertEquals(othersBefore.get(i), c.stake(validator(i)), "validator " + i);
    }
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, c.supply());
    Modules.supplyInvariant().checkTotal(c.store);

    List<ValidatorPower> after = expectedSet(4, offender);
    assertEquals(expectedSet(4), c.ledger.validatorSetAt(h));
    assertEquals(expectedSet(4), c.ledger.validatorSetAt(h + 1), "still governs the next height");
    assertEquals(after, c.ledger.validatorSetAt(h + ValidatorSets.ACTIVATION_DELAY));
    assertEquals(after, c.ledger.validatorSetAt(h + 50));
    assertEquals(Map.of(1L, expectedSet(4), h + ValidatorSets.ACTIVATION_DELAY, after),
        c.ledger.validatorSetChanges());
    assertEquals(after, c.activeSetInState());
    assertEquals(List.of(expectedSet(4)), c.evidence.setsSeen(),
        "the seam looked up the set governing the offence height");
  }

  @Test
  void feePayingEvidenceSlashesJailsAndRemovesOffenderAfterDelay() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    int offender = 1; // the odd stake: 2000 DDC + 55 units
    Ed25519KeyPair holder = HOLDERS.get(0);
    long holderBefore = c.balance(holder.address());
    Address proposer = c.proposerFor(3).address();
    long proposerBefore = c.balance(proposer);
    Transaction tx = c.report(holder, 0, evidence.prove(validator(offender), 1));
    assertSlashedAtHeight3(c, offender, tx);
    assertEquals(Optional.of(new Account(holderBefore - MIN_FEE, 1)),
        c.ledger.account(holder.address()));
    assertEquals(proposerBefore + MIN_FEE, c.balance(proposer));
  }

  @Test
  void feeFreeEvidenceWithSufficientStampSlashesFromAFreshAccount() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    // the first validator by address is the proposer: it may report (and be) the offence too
    int offender = 3;
    Address proposer = c.proposerFor(3).address();
    long proposerBefore = c.balance(proposer);
    assertEquals(Optional.empty(), c.ledger.account(REPORTER.address()));
    Transaction tx = c.freeReport(REPORTER, 0, evidence.prove(validator(offender), 2), true);
    assertEquals(0, tx.fee());
    assertSlashedAtHeight3(c, offender, tx);
    assertEquals(Optional.of(new Account(0, 1)), c.ledger.account(REPORTER.address()));
    assertEquals(proposerBefore, c.balance(proposer), "no fee was paid");
  }

  /** The next block holds only {@code tx}, skipped with {@code reason}; nothing changes. */
  private static void assertRejected(StakeChain c, Rejection reason, Transaction tx) {
    Hash rootBefore = c.root();
    Optional<Account> senderBefore = c.ledger.account(tx.sender());
    Map<Integer, Optional<ValidatorStake>> stakesBefore = new TreeMap<>();
    for (int i = 0; i < 4; i++) stakesBefore.put(i, c.stake(validator(i)));
    long poolBefore = c.slashedPool();
    Map<Long, List<ValidatorPower>> setsBefore = Map.copyOf(c.ledger.validatorSetChanges());
    BlockResult r = c.block(tx);
    assertEquals(List.of(), r.block().transactions());
    assertEquals(1, r.skipped().size());
    assertEquals(reason, r.skipped().getFirst().verdict().rejection(),
        r.skipped().getFirst().verdict().message());
    assertEquals(tx, r.skipped().getFirst().tx());
    assertEquals(rootBefore, r.block().header().stateRoot(), "a refused report changed state");
    assertEquals(senderBefore, c.ledger.account(tx.sender()), "fee or nonce moved");
    for (int i = 0; i < 4; i++) assertEquals(stakesBefore.get(i), c.stake(validator(i)));
    assertEquals(poolBefore, c.slashedPool());
    assertEquals(setsBefore, c.ledger.validatorSetChanges());
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, c.supply());
  }

  @Test
  void feeFreeEvidenceWithInsufficientStampIsSkipped() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    byte[] proof = evidence.prove(validator(2), 1);
    Transaction weak = c.freeReport(REPORTER, 0, proof, false);
    assertTrue(TransactionCodec.powBits(weak)
        < StakeEvidence.FEE_FREE_POW_BITS);
    assertRejected(c, TxRejection.STAMP_INSUFFICIENT, weak);
    // a funded holder sending fee 0 without a stamp fares no better
    assertRejected(c, TxRejection.STAMP_INSUFFICIENT,
        LedgerFixtures.sign(HOLDERS.get(1), 0, 0, c.expiry(),
            new StakeEvidence(proof)));
    assertEquals(Optional.empty(), c.ledger.account(REPORTER.address()));
    assertTrue(c.stake(validator(2)).orElseThrow().isActive());
  }

  @Test
  void secondEvidenceForTheSameOffenderIsRefusedAsNotActive() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    Ed25519KeyPair holder = HOLDERS.get(0);
    c.block(c.report(holder, 0, evidence.prove(validator(2), 1)));
    assertRejected(c, StakeRejection.OFFENDER_NOT_ACTIVE,
        c.report(holder, 1, evidence.prove(validator(2), 2)));
    // a non-validator is never active either
    assertRejected(c, StakeRejection.OFFENDER_NOT_ACTIVE,
        c.report(holder, 1, evidence.prove(HOLDERS.get(2).address(), 2)));
  }

  @Test
  void twoReportsOfOneOffenderInOneBlockSlashOnce() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    Transaction first = c.report(HOLDERS.get(0), 0, evidence.prove(validator(2), 1));
    Transaction second = c.report(HOLDERS.get(1), 0, evidence.prove(validator(2), 2));
    BlockResult r = c.block(first, second);
    assertEquals(List.of(first), r.block().transactions());
    assertEquals(List.of(StakeRejection.OFFENDER_NOT_ACTIVE),
        r.skipped().stream().map(s -> s.verdict().rejection()).toList());
    assertEquals(slashOf(stakeOf(2)), c.slashedPool());
  }

  @Test
  void twoOffendersInOneBlockGiveOneSetChangeWithoutBoth() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    BlockResult r = c.block(c.report(HOLDERS.get(0), 0, evidence.prove(validator(0), 1)),
        c.report(HOLDERS.get(1), 0, evidence.prove(validator(3), 2)));
    assertEquals(2, r.block().transactions().size(), r.skipped().toString());
    assertEquals(slashOf(stakeOf(0)) + slashOf(stakeOf(3)), c.slashedPool());
    assertEquals(Map.of(1L, expectedSet(4), 5L, expectedSet(4, 0, 3)),
        c.ledger.validatorSetChanges());
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, c.supply());
  }

  @Test
  void unknownEvidenceIsInvalid() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    assertRejected(c, StakeRejection.INVALID_EVIDENCE, c.report(HOLDERS.get(0), 0,
        "not evidence of anything".getBytes(StandardCharsets.US_ASCII)));
    assertRejected(c, StakeRejection.INVALID_EVIDENCE,
        c.freeReport(REPORTER, 0, new byte[] {0}, true));
  }

  @Test
  void evidenceFromTheBlockHeightOnOrOlderThanTheLimitIsRefused() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    Ed25519KeyPair holder = HOLDERS.get(0);
    long max = StakeModule.MAX_EVIDENCE_AGE_BLOCKS.genesisDefault();
    for (int kind = 0; kind < 5; kind++) {
      long next = c.height() + 1; // the height of the block that includes the report
      long offenceHeight = switch (kind) {
        case 0 -> next + 2;
        case 1 -> next + 1;
        case 2 -> Long.MAX_VALUE;
        case 3 -> next - max - 1;
        default -> next - max - 1_000;
      };
      assertRejected(c, StakeRejection.EVIDENCE_TOO_OLD,
          c.report(holder, 0, evidence.prove(validator(2), offenceHeight)));
    }
    // the including block's own height is the newest allowed (a double vote of an earlier round)
    long next = c.height() + 1;
    BlockResult r = c.block(c.report(holder, 0, evidence.prove(validator(2), next)));
    assertEquals(1, r.block().transactions().size(), r.skipped().toString());
  }

  @Test
  void evidenceWithAnOverflowingOffenceHeightIsRefused() {
    // height() - offence.height() overflows for offence heights near Long.MIN_VALUE
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    assertRejected(c, StakeRejection.EVIDENCE_TOO_OLD,
        c.report(HOLDERS.get(0), 0, evidence.prove(validator(2), Long.MIN_VALUE)));
  }

  @Test
  void slashingTheLastActiveValidatorIsRefused() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(2), evidence);
    c.emptyBlocks(2);
    Ed25519KeyPair holder = HOLDERS.get(0);
    c.block(c.report(holder, 0, evidence.prove(validator(0), 1)));
    assertEquals(List.of(new ValidatorPower(validator(1), 2_000)),
        c.ledger.validatorSetAt(c.height() + 2));
    assertRejected(c, StakeRejection.LAST_VALIDATOR,
        c.report(holder, 1, evidence.prove(validator(1), 2)));
    // in the same block as the first slashing too
    StakeChain d = StakeChain.inMemory(StakeChain.genesis(2), new FakeEvidence());
    d.emptyBlocks(2);
    BlockResult r = d.block(d.report(holder, 0, d.evidence.prove(validator(1), 1)),
        d.report(HOLDERS.get(1), 0, d.evidence.prove(validator(0), 1)));
    assertEquals(1, r.block().transactions().size());
    assertEquals(List.of(StakeRejection.LAST_VALIDATOR),
        r.skipped().stream().map(s -> s.verdict().rejection()).toList());
    assertEquals(List.of(new ValidatorPower(validator(0), 1_000)),
        d.ledger.validatorSetAt(d.height() + 2));
    // and with a single genesis validator
    StakeChain e = StakeChain.inMemory(StakeChain.genesis(1), new FakeEvidence());
    e.emptyBlocks(2);
    assertRejected(e, StakeRejection.LAST_VALIDATOR,
        e.report(holder, 0, e.evidence.prove(validator(0), 1)));
  }

  @Test
  void slashingAWhaleDoesNotOverflow() {
    long whale = 40_000_000_000L * DDC + 7;
    Genesis g = genesisWith(List.of(new Genesis.Validator(validator(0), whale),
        new Genesis.Validator(HOLDERS.get(0).address(), DDC)), whale);
    StakeChain c = StakeChain.inMemory(g, evidence);
    c.emptyBlocks(1);
    c.block(c.report(HOLDERS.get(0), 0, evidence.prove(validator(0), 1)));
    assertEquals(slashOf(whale), c.slashedPool());
    assertEquals(Optional.of(new ValidatorStake(whale - slashOf(whale), true, 2)),
        c.stake(validator(0)));
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, c.supply());
  }

  @Test
  void jailedValidatorMayProposeUntilTheSetChangesThenIsRefused() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(4), evidence);
    c.emptyBlocks(2);
    // the first validator by address proposes by default: slash it
    Address first = c.ledger.validatorSetAt(3).getFirst().address();
    Ed25519KeyPair offender = StakeChain.keyOf(first);
    c.block(c.report(HOLDERS.get(0), 0, evidence.prove(first, 1)));
    StakeChain replica = StakeChain.inMemory(c.genesis, evidence);
    for (long h = 1; h <= 3; h++) replica.ledger.importBlock(c.ledger.block(h).orElseThrow());
    // height 4 is still governed by the old set
    Block b4 = c.ledger.buildBlock(List.of(), offender, timeAt(4)).block();
    assertEquals(first, b4.header().proposer());
    replica.ledger.importBlock(b4);
    // height 5 is not
    assertThrows(IllegalArgumentException.class,
        () -> c.ledger.proposeBlock(List.of(), offender, timeAt(5)));
    Block good = c.block().block();
    assertNotEquals(first, good.header().proposer());
    Block byOffender = resign(withProposer(good.header(), first), good.transactions(), offender);
    assertThrows(Ledger.InvalidBlockException.class, () -> replica.ledger.checkBlock(byOffender));
    assertThrows(Ledger.InvalidBlockException.class,
        () -> replica.ledger.commitBlock(byOffender, CERT));
    assertEquals(4, replica.height());
    replica.ledger.commitBlock(good, CERT);
    assertEquals(c.root(), replica.root());
    assertEquals(c.ledger.validatorSetChanges(), replica.ledger.validatorSetChanges());
  }

  // --- 4. reopening ---

  @Test
  void reopenedLedgerAnswersTheSameValidatorSets(@TempDir Path dir) throws Exception {
    Genesis g = StakeChain.genesis(4);
    Address offender;
    List<List<ValidatorPower>> answers = new ArrayList<>();
    Map<Long, List<ValidatorPower>> changes;
    Hash head;
    try (RocksDbStore store = RocksDbStore.open(dir, Modules.columns())) {
      StakeChain c = new StakeChain(g, store, evidence);
      c.emptyBlocks(1);
      offender = c.ledger.validatorSetAt(2).getFirst().address();
      c.block(c.report(HOLDERS.get(0), 0, evidence.prove(offender, 1)));
      c.emptyBlocks(1);
      for (long h = 1; h <= 6; h++) answers.add(c.ledger.validatorSetAt(h));
      changes = Map.copyOf(c.ledger.validatorSetChanges());
      head = c.ledger.head().hash();
    }
    assertEquals(2, changes.size());
    assertEquals(expectedSet(4), answers.get(2), "height 3");
    assertFalse(answers.get(3).stream().anyMatch(v -> v.address().equals(offender)), "height 4");
    for (EvidenceCheck check : List.of(evidence, EvidenceCheck.NONE)) {
      try (RocksDbStore store = RocksDbStore.open(dir, Modules.columns())) {
        Ledger reopened = Ledger.open(store, g, SignatureCheck.withBestVerifier(), check);
        assertEquals(head, reopened.head().hash());
        for (long h = 1; h <= 6; h++) {
          assertEquals(answers.get((int) h - 1), reopened.validatorSetAt(h), "height " + h);
        }
        assertEquals(changes, reopened.validatorSetChanges());
        Modules.supplyInvariant().checkTotal(store);
        assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(store));
        // the jailed validator may not propose height 4 after the restart either
        assertThrows(IllegalArgumentException.class,
            () -> reopened.proposeBlock(List.of(), StakeChain.keyOf(offender), timeAt(4)));
      }
    }
  }

  // --- 5. the propose / check / commit split ---

  @Test
  void proposeDoesNotMoveTheHeadOrLeakIntoProofsAndCommitStoresTheCertificate() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(3), evidence);
    Ed25519KeyPair from = HOLDERS.get(0);
    Address to = HOLDERS.get(1).address();
    Block genesisBlock = c.ledger.head();
    Optional<Account> fromBefore = c.ledger.account(from.address());
    Optional<Account> toBefore = c.ledger.account(to);
    BlockResult r = c.propose(c.proposerFor(1), c.transfer(from, to, 5 * DDC, 0));
    Block a = r.block();
    assertEquals(1, a.transactions().size(), r.skipped().toString());
    assertNotEquals(genesisBlock.header().stateRoot(), a.header().stateRoot());

    assertEquals(genesisBlock.hash(), c.ledger.head().hash());
    assertEquals(Optional.empty(), c.ledger.block(1));
    assertEquals(fromBefore, c.ledger.account(from.address()));
    assertEquals(Optional.empty(), c.ledger.commitCertificate(1));
    for (Address x : List.of(from.address(), to)) {
      Ledger.AccountProof p = c.ledger.proveAccount(x);
      assertEquals(0, p.height());
      assertEquals(genesisBlock.header().stateRoot(), p.stateRoot());
      assertEquals(x.equals(to) ? toBefore : fromBefore, p.account());
      assertTrue(verifies(x, p), "the proposal leaked into the proof of " + x);
    }

    c.ledger.commitBlock(a, CERT);
    assertEquals(a.hash(), c.ledger.head().hash());
    assertEquals(a.hash(), c.ledger.block(1).orElseThrow().hash());
    assertArrayEquals(CERT, c.ledger.commitCertificate(1).orElseThrow());
    assertEquals(Optional.empty(), c.ledger.commitCertificate(2));
    assertEquals(fromBefore.orElseThrow().balanceUnits() - 5 * DDC - MIN_FEE,
        c.balance(from.address()));
    Ledger.AccountProof p = c.ledger.proveAccount(from.address());
    assertEquals(a.header().stateRoot(), p.stateRoot());
    assertTrue(verifies(from.address(), p));
    // committing it again is refused: it no longer follows the head
    assertThrows(Ledger.InvalidBlockException.class, () -> c.ledger.commitBlock(a, new byte[1]));
    assertArrayEquals(CERT, c.ledger.commitCertificate(1).orElseThrow());
  }

  @Test
  void proposeThenCommitWithoutAnythingBetweenCommitsTheProposal() {
    StakeChain c = StakeChain.inMemory(StakeChain.genesis(3), evidence);
    for (int h = 1; h <= 3; h++) {
      Block b = c.propose(c.proposerFor(h),
          c.transfer(HOLDERS.get(h % 3), HOLDERS.get((h + 1) % 3).address(), h * DDC,
              c.nonce(HOLDERS.get(h % 3)))).block();
      c.ledger.commitBlock(b, CERT);
      assertEquals(b.header().stateRoot(), c.root());
      assertEquals(b.header().stateRoot(), c.ledger.proveAccount(HOLDERS.get(0).address())
          .stateRoot());
      Modules.supplyInvariant().checkTotal(c.store);
    }
  }

  @Test
  void replicaChecksThenCommitsTheProposedBlock() {
    Genesis g = StakeChain.genesis(3);
    StakeChain leader = StakeChain.inMemory(g, evidence);
    StakeChain replica = StakeChain.inMemory(g, evidence);
    leader.emptyBlocks(1);
    replica.ledger.importBlock(leader.ledger.head());
    Block a = leader.propose(leader.proposerFor(2),
        leader.transfer(HOLDERS.get(0), HOLDERS.get(1).address(), 3 * DDC, 0),
        leader.report(HOLDERS.get(2), 0, evidence.prove(validator(1), 1))).block();
    assertEquals(2, a.transactions().size());
    Hash replicaRoot = replica.root();
    replica.ledger.checkBlock(a);
    assertEquals(1, replica.height(), "check does not commit");
    assertEquals(replicaRoot, replica.ledger.proveAccount(HOLDERS.get(0).address()).stateRoot());
    replica.ledger.checkBlock(a); // checking twice is harmless
    replica.ledger.commitBlock(a, CERT);
    leader.ledger.commitBlock(a, CERT);
    assertEquals(a.hash(), replica.ledger.head().hash());
    assertEquals(a.header().stateRoot(), replica.root());
    assertEquals(leader.root(), replica.root());
    assertArrayEquals(CERT, replica.ledger.commitCertificate(2).orElseThrow());
    assertEquals(leader.ledger.validatorSetChanges(), replica.ledger.validatorSetChanges());
    assertEquals(2, replica.ledger.validatorSetChanges().size());
    assertEquals(leader.stake(validator(1)), replica.stake(validator(1)));
  }

  @Test
  void checkingAnotherBlockAtTheSameHeightThenCommittingTheProposalGivesTheProposalsState() {
    Genesis g = StakeChain.genesis(3);
    StakeChain leader = StakeChain.inMemory(g, evidence);
    StakeChain replica = StakeChain.inMemory(g, evidence);
    List<ValidatorPower> set = leader.ledger.validatorSetAt(1);
    Ed25519KeyPair pa = StakeChain.keyOf(set.get(0).address());
    Ed25519KeyPair pb = StakeChain.keyOf(set.get(1).address());
    Address x = HOLDERS.get(0).address();
    Address y = HOLDERS.get(1).address();
    Optional<Account> yBefore = leader.ledger.account(y);
    Block a = leader.propose(pa, leader.transfer(HOLDERS.get(0), HOLDERS.get(2).address(),
        4 * DDC, 0)).block();
    Block b = replica.propose(pb, replica.transfer(HOLDERS.get(1), HOLDERS.get(2).address(),
        9 * DDC, 0)).block();
    assertNotEquals(a.hash(), b.hash());
    assertNotEquals(a.header().stateRoot(), b.header().stateRoot());
    assertEquals(1, b.transactions().size());
    leader.ledger.checkBlock(b);
    replica.ledger.checkBlock(a);
    leader.ledger.commitBlock(a, CERT);
    replica.ledger.commitBlock(a, CERT);
    for (StakeChain c : List.of(leader, replica)) {
      assertEquals(a.hash(), c.ledger.head().hash());
      assertEquals(a.header().stateRoot(), c.root());
      Ledger.AccountProof py = c.ledger.proveAccount(y);
      assertEquals(yBefore, py.account(), "b's transfer must not have been applied");
      assertEquals(a.header().stateRoot(), py.stateRoot());
      assertTrue(verifies(y, py), "b's changes leaked into the tree");
      assertTrue(verifies(x, c.ledger.proveAccount(x)));
      Modules.supplyInvariant().checkTotal(c.store);
    }
    // b is now stale on both
    assertThrows(Ledger.InvalidBlockException.class, () -> replica.ledger.checkBlock(b));
    // and the chains carry on in step
    Block next = leader.block(leader.transfer(HOLDERS.get(1), x, DDC, 0)).block();
    replica.ledger.commitBlock(next, CERT);
    assertEquals(leader.root(), replica.root());
  }

  /** {@code bad} is refused by both check and commit and {@code c} is unchanged. */
  private static void assertRefusedAndUnchanged(StakeChain c, Block bad) {
    Block head = c.ledger.head();
    Map<Address, Optional<Account>> accounts = new TreeMap<>();
    for (Ed25519KeyPair k : HOLDERS) accounts.put(k.address(), c.ledger.account(k.address()));
    assertThrows(Ledger.InvalidBlockException.class, () -> c.ledger.checkBlock(bad));
    assertThrows(Ledger.InvalidBlockException.class, () -> c.ledger.commitBlock(bad, CERT));
    assertEquals(head.hash(), c.ledger.head().hash());
    assertEquals(Optional.empty(), c.ledger.block(head.height() + 1));
    assertEquals(Optional.empty(), c.ledger.commitCertificate(head.height() + 1));
    for (Ed25519KeyPair k : HOLDERS) {
      assertEquals(accounts.get(k.address()), c.ledger.account(k.address()));
      Ledger.AccountProof p = c.ledger.proveAccount(k.address());
      assertEquals(head.header().stateRoot(), p.stateRoot());
      assertTrue(verifies(k.address(), p), "a refused block left changes in the tree");
    }
    for (Transaction tx : bad.transactions()) {
      assertEquals(Optional.empty(), c.ledger.txLocation(tx.hash()));
    }
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, c.supply());
  }

  @Test
  void blockFromANonValidatorProposerIsRefusedAndChangesNothing() {
    Genesis g = StakeChain.genesis(3);
    StakeChain leader = StakeChain.inMemory(g, evidence);
    StakeChain replica = StakeChain.inMemory(g, evidence);
    Block good = leader.propose(leader.proposerFor(1),
        leader.transfer(HOLDERS.get(0), HOLDERS.get(1).address(), DDC, 0)).block();
    Ed25519KeyPair impostor = HOLDERS.get(2);
    Block bad = resign(withProposer(good.header(), impostor.address()), good.transactions(),
        impostor);
    assertRefusedAndUnchanged(replica, bad);
    assertRefusedAndUnchanged(leader, bad); // the leader's own proposal is set aside, not broken
    Block headBefore = leader.ledger.head();
    assertThrows(IllegalArgumentException.class,
        () -> leader.ledger.proposeBlock(List.of(), impostor, timeAt(1)));
    assertEquals(headBefore.hash(), leader.ledger.head().hash());
    for (StakeChain c : List.of(leader, replica)) {
      c.ledger.commitBlock(good, CERT);
      assertEquals(good.header().stateRoot(), c.root());
    }
  }

  @Test
  void blockWithTamperedStateRootIsRefusedAndChangesNothing() {
    Genesis g = StakeChain.genesis(3);
    StakeChain leader = StakeChain.inMemory(g, evidence);
    StakeChain replica = StakeChain.inMemory(g, evidence);
    leader.emptyBlocks(1);
    replica.ledger.importBlock(leader.ledger.head());
    Ed25519KeyPair proposer = leader.proposerFor(2);
    Block good = leader.propose(proposer,
        leader.transfer(HOLDERS.get(0), HOLDERS.get(1).address(), DDC, 0),
        leader.report(HOLDERS.get(2), 0, evidence.prove(validator(0), 1))).block();
    assertEquals(2, good.transactions().size());
    Block bad = resign(withStateRoot(good.header(), Digests.sha256(new byte[] {7})),
        good.transactions(), proposer);
    assertRefusedAndUnchanged(leader, bad);
    assertRefusedAndUnchanged(replica, bad);
    for (StakeChain c : List.of(leader, replica)) {
      assertEquals(Map.of(1L, expectedSet(3)), c.ledger.validatorSetChanges(),
          "a refused block's set change was recorded");
      assertTrue(c.stake(validator(0)).orElseThrow().isActive());
      c.ledger.commitBlock(good, CERT);
      assertEquals(good.header().stateRoot(), c.root());
      assertEquals(2, c.ledger.validatorSetChanges().size());
    }
  }

  @Test
  void committingAPreparedHeaderWithAnotherSignatureIsRefused() {
    // the block hash covers the header only: the signature must still be checked at commit
    Genesis g = StakeChain.genesis(3);
    StakeChain leader = StakeChain.inMemory(g, evidence);
    StakeChain replica = StakeChain.inMemory(g, evidence);
    Block good = leader.propose(leader.proposerFor(1),
        leader.transfer(HOLDERS.get(0), HOLDERS.get(1).address(), DDC, 0)).block();
    byte[] sig = good.signature();
    sig[5] ^= 1;
    Block forged = new Block(good.header(), sig, good.transactions());
    assertEquals(good.hash(), forged.hash());
    assertThrows(Ledger.InvalidBlockException.class, () -> replica.ledger.checkBlock(forged));
    replica.ledger.checkBlock(good);
    assertThrows(Ledger.InvalidBlockException.class,
        () -> replica.ledger.commitBlock(forged, CERT), "replica stored a forged signature");
    assertThrows(Ledger.InvalidBlockException.class,
        () -> leader.ledger.commitBlock(forged, CERT), "leader stored a forged signature");
  }

  /** A store whose next commit fails (as a full disk would), applying nothing. */
  private static final class FailingStore implements KeyValueStore {
    private final InMemoryStore inner = new InMemoryStore();
    boolean failNextCommit;

    @Override
    public byte[] get(Column column, byte[] key) {
      return inner.get(column, key);
    }

    @Override
    public void commit(WriteBatch batch) {
      if (failNextCommit) {
        failNextCommit = false;
        throw new StorageException("disk full");
      }
      inner.commit(batch);
    }

    @Override
    public void forEach(Column column, byte[] prefix,
        BiConsumer<byte[], byte[]> visitor) {
      inner.forEach(column, prefix, visitor);
    }

    @Override
    public Optional<Map.Entry<byte[], byte[]>> last(Column column) {
      return inner.last(column);
    }

    @Override
    public ReadView snapshot() {
      return inner.snapshot();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void failedStoreCommitLeavesTheLedgerAtItsHead() {
    // KeyValueStore.commit may throw StorageException having applied nothing: the ledger must
    // still match its head afterwards (tree included), not carry the block's changes
    Genesis g = StakeChain.genesis(3);
    FailingStore failing = new FailingStore();
    StakeChain node = new StakeChain(g, failing, evidence);
    StakeChain replica = StakeChain.inMemory(g, evidence);
    Ed25519KeyPair from = HOLDERS.get(0);
    Block a = node.propose(node.proposerFor(1),
        node.transfer(from, HOLDERS.get(1).address(), DDC, 0)).block();
    failing.failNextCommit = true;
    assertThrows(StorageException.class, () -> node.ledger.commitBlock(a, CERT));
    assertEquals(0, node.height());
    Ledger.AccountProof p = node.ledger.proveAccount(from.address());
    assertEquals(node.root(), p.stateRoot());
    assertTrue(verifies(from.address(), p), "the failed block's changes stayed in the tree");
    // a different block at that height must get a correct state root
    Block b = node.propose(node.proposerFor(1),
        node.transfer(HOLDERS.get(1), HOLDERS.get(2).address(), DDC, 0)).block();
    replica.ledger.commitBlock(b, CERT);
    node.ledger.commitBlock(b, CERT);
    assertEquals(replica.root(), node.root());
  }

  // --- 6. random interleavings over two replicas ---

  private static long seed() {
    return TestSeed.of("StakeLedgerTest");
  }

  private static final AtomicLong SLASHINGS =
      new AtomicLong();
  private static final AtomicLong REPROPOSALS =
      new AtomicLong();

  @Test
  void randomInterleavingsOfProposeCheckAndCommitGiveIdenticalRoots() {
    SLASHINGS.set(0);
    REPROPOSALS.set(0);
    qt().withFixedSeed(seed())
        .withExamples(12)
        .forAll(longs().all())
        .checkAssert(StakeLedgerTest::interleave);
    System.out.println("slashings=" + SLASHINGS + " heights with several proposals="
        + REPROPOSALS);
    // the generator must slash and must make competing proposals, or the property says little
    assertTrue(SLASHINGS.get() > 3 && REPROPOSALS.get() > 10,
        "slashings=" + SLASHINGS + " reproposals=" + REPROPOSALS);
  }

  /** One proposal made by {@code node}, with the key that signed it. */
  private record Proposal(int node, Block block, Ed25519KeyPair proposer) {}

  private static void interleave(long exampleSeed) {
    SplittableRandom random = new SplittableRandom(exampleSeed);
    FakeEvidence evidence = new FakeEvidence();
    Genesis g = StakeChain.genesis(4);
    List<StakeChain> nodes = List.of(StakeChain.inMemory(g, evidence),
        StakeChain.inMemory(g, evidence));
    int reporters = 0;
    for (int step = 0; step < 7; step++) {
      long height = nodes.get(0).height() + 1;
      String where = "seed=" + exampleSeed + " height=" + height;
      List<Proposal> proposals = new ArrayList<>();
      int actions = 1 + random.nextInt(6);
      for (int i = 0; i < actions || proposals.isEmpty(); i++) {
        int n = random.nextInt(2);
        StakeChain node = nodes.get(n);
        int action = i >= actions ? 0 : random.nextInt(5);
        switch (action) {
          case 0, 4 -> {
            List<Transaction> txs = candidates(random, node, evidence, reporters++);
            List<ValidatorPower> set = node.ledger.validatorSetAt(height);
            Ed25519KeyPair key =
                StakeChain.keyOf(set.get(random.nextInt(set.size())).address());
            Block b = node.ledger.proposeBlock(txs, key, timeAt(height)).block();
            proposals.add(new Proposal(n, b, key));
          }
          case 1 -> {
            if (!proposals.isEmpty()) {
              node.ledger.checkBlock(proposals.get(random.nextInt(proposals.size())).block());
            }
          }
          case 2 -> {
            Address a = HOLDERS.get(random.nextInt(HOLDERS.size())).address();
            Ledger.AccountProof p = node.ledger.proveAccount(a);
            assertEquals(node.root(), p.stateRoot(), where);
            assertTrue(verifies(a, p), where);
          }
          default -> {
            if (!proposals.isEmpty()) {
              Proposal p = proposals.get(random.nextInt(proposals.size()));
              Block bad = resign(withStateRoot(p.block().header(), Digests.sha256(
                  new byte[] {(byte) i})), p.block().transactions(), p.proposer());
              assertThrows(Ledger.InvalidBlockException.class, () -> node.ledger.checkBlock(bad),
                  where);
            }
          }
        }
      }
      Block decided = proposals.get(random.nextInt(proposals.size())).block();
      if (proposals.size() > 1) REPROPOSALS.incrementAndGet();
      SLASHINGS.addAndGet(decided.transactions().stream()
          .filter(tx -> tx.message() instanceof StakeEvidence).count());
      byte[] cert = decided.hash().toBytes();
      int first = random.nextInt(2);
      nodes.get(first).ledger.commitBlock(decided, cert);
      nodes.get(1 - first).ledger.commitBlock(decided, cert);
      for (StakeChain node : nodes) {
        assertEquals(decided.hash(), node.ledger.head().hash(), where);
        assertEquals(decided.header().stateRoot(), node.root(), where);
        assertArrayEquals(cert, node.ledger.commitCertificate(height).orElseThrow(), where);
        assertEquals(Amount.TOTAL_SUPPLY_UNITS, node.supply(), where);
        Ledger.AccountProof p = node.ledger.proveAccount(HOLDERS.get(0).address());
        assertEquals(decided.header().stateRoot(), p.stateRoot(), where);
        assertTrue(verifies(HOLDERS.get(0).address(), p), where);
      }
      assertEquals(nodes.get(0).ledger.validatorSetChanges(),
          nodes.get(1).ledger.validatorSetChanges(), where);
    }
    // a fresh node importing the committed blocks reaches the same state
    StakeChain fresh = StakeChain.inMemory(g, evidence);
    for (long h = 1; h <= nodes.get(0).height(); h++) {
      fresh.ledger.importBlock(nodes.get(0).ledger.block(h).orElseThrow());
    }
    assertEquals(nodes.get(0).root(), fresh.root(), "seed=" + exampleSeed);
    assertEquals(nodes.get(0).ledger.validatorSetChanges(), fresh.ledger.validatorSetChanges());
  }

  /** Random transfers among holders at their committed nonces, sometimes an evidence report. */
  private static List<Transaction> candidates(SplittableRandom random, StakeChain node,
      FakeEvidence evidence, int reporter) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < HOLDERS.size(); i++) {
      if (random.nextBoolean()) continue;
      Ed25519KeyPair from = HOLDERS.get(i);
      Address to = HOLDERS.get((i + 1 + random.nextInt(2)) % HOLDERS.size()).address();
      txs.add(node.transfer(from, to, 1 + random.nextLong(100 * DDC), node.nonce(from)));
    }
    if (node.height() >= 1 && random.nextInt(3) == 0) {
      Address offender = validator(random.nextInt(4));
      long offenceHeight = 1 + random.nextLong(node.height());
      Ed25519KeyPair from = LedgerFixtures.key(500 + reporter);
      txs.add(node.freeReport(from, 0, evidence.prove(offender, offenceHeight), true));
    }
    Collections.shuffle(txs, new Random(random.nextLong()));
    return txs;
  }
}
