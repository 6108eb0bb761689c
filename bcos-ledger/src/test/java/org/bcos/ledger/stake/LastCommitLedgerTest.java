package org.bcos.ledger.stake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Ledger.InvalidBlockException.Reason;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.TestCommits;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.codec.Encoder;
import org.junit.jupiter.api.Test;

/**
 * Blocks of protocol version 3 carry the previous block's commit certificate: the ledger refuses
 * a block whose certificate is missing, unexpected, not the one its header commits to, or fails
 * the commit check, each by name and changing nothing; and the signers it carries drive the
 * stake module's downtime slashing on a real chain (a validator left out of the certificates is
 * slashed {@code downtimeSlashBasisPoints} and jailed; a replica reaches the same roots).
 */
class LastCommitLedgerTest {
  private static final long DDC = Amount.UNITS_PER_DDC;
  private static final long WINDOW = 10;
  private static final long SLASH_BASIS_POINTS = 100;
  private static final long JAIL_BLOCKS = 5;

  /** Four validators of 1,000..4,000 DDC at version 3, a downtime window of 10 blocks. */
  static Genesis genesis() {
    Genesis plain = StakeChain.genesis(4);
    ChainParams params = LedgerFixtures.PARAMS
        .with(StakingParams.MAX_VALIDATORS.name(), 4)
        .with(StakingParams.DOWNTIME_WINDOW_BLOCKS.name(), WINDOW)
        .with(StakingParams.MIN_SIGNED_BASIS_POINTS.name(), 5_000)
        .with(StakingParams.DOWNTIME_SLASH_BASIS_POINTS.name(), SLASH_BASIS_POINTS)
        .with(StakingParams.DOWNTIME_JAIL_BLOCKS.name(), JAIL_BLOCKS);
    return new Genesis(params, plain.timeMillis(), plain.validators(), plain.allocations(),
        StakeModule.STAKING_VERSION, Optional.empty());
  }

  private final StakeChain chain = new StakeChain(genesis(), new InMemoryStore(),
      new StakeChain.FakeEvidence());

  private StakingValidator staking(Address operator) {
    return new StakingStore(new WorkingState(chain.store)).validator(operator).orElseThrow();
  }

  /** A validator of the genesis set that never proposes here (not first by address). */
  private int quietValidator() {
    Address first = chain.ledger.validatorSetAt(1).getFirst().address();
    for (int i = 0; i < 3; i++) {
      if (!StakeChain.validatorKey(i).address().equals(first)) return i;
    }
    throw new AssertionError();
  }

  @Test
  void aValidatorMissingFromTheCertificatesIsSlashedAndJailedAndAReplicaAgrees() {
    int quiet = quietValidator();
    Address key = StakeChain.validatorKey(quiet).address();
    long stake = StakeChain.stakeOf(quiet);
    chain.commits.absent(key);
    List<Block> blocks = new ArrayList<>();
    // block 1 carries nothing; blocks 2..11 count heights 1..10: misses 10 > 10 - 5 at block 11
    for (int h = 1; h <= WINDOW; h++) {
      blocks.add(chain.block().block());
      assertFalse(staking(key).jailed(), "not jailed before a whole window, block " + h);
    }
    blocks.add(chain.block().block());
    assertEquals(WINDOW + 1, chain.height());
    StakingValidator after = staking(key);
    assertTrue(after.jailed());
    assertFalse(after.tombstoned(), "downtime never tombstones");
    assertEquals(chain.height() + JAIL_BLOCKS, after.jailedUntil());
    long powerUnits = stake / DDC * DDC; // the set records whole DDC
    assertEquals(stake - powerUnits * SLASH_BASIS_POINTS / 10_000, after.tokens(),
        "slashed downtimeSlashBasisPoints of its stake at the missed height");
    for (int i = 0; i < 4; i++) {
      if (i != quiet) {
        assertFalse(staking(StakeChain.validatorKey(i).address()).jailed(), "validator " + i);
      }
    }
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, chain.supply());
    for (int i = 0; i < 4; i++) blocks.add(chain.block().block());
    assertTrue(chain.ledger.validatorSetAt(chain.height() + 1).stream()
        .noneMatch(v -> v.address().equals(key)), "out of the set two heights after");

    StakeChain replica = new StakeChain(genesis(), new InMemoryStore(),
        new StakeChain.FakeEvidence());
    for (Block b : blocks) {
      replica.ledger.importBlock(b);
      assertEquals(b.header().stateRoot(), replica.root(), "height " + b.height());
    }
  }

  @Test
  void everySignerPresentMeansNoMissAndTheFirstBlockCarriesNothing() {
    Block first = chain.block().block();
    assertTrue(first.header().carriesLastCommit());
    assertEquals(0, first.lastCommit().length);
    for (int h = 2; h <= WINDOW + 3; h++) {
      Block b = chain.block().block();
      assertEquals(TestCommits.encode(chain.ledger.block(h - 1).orElseThrow(),
          sortedSet(h - 1)).length, b.lastCommit().length);
    }
    for (int i = 0; i < 4; i++) {
      assertFalse(staking(StakeChain.validatorKey(i).address()).jailed());
    }
  }

  private List<Address> sortedSet(long height) {
    return chain.ledger.validatorSetAt(height).stream().map(ValidatorPower::address).sorted()
        .toList();
  }

  // --- refusals -------------------------------------------------------------------------------

  /** The proposed block with {@code lastCommit} carried, its header committing to it, re-signed. */
  private Block carrying(Block good, byte[] lastCommit) {
    BlockHeader h = good.header();
    BlockHeader header = new BlockHeader(h.chainId(), h.height(), h.timeMillis(),
        h.previousHash(), h.txRoot(), h.stateRoot(), h.proposer(), h.txCount(),
        h.protocolVersion(), Block.lastCommitHash(lastCommit));
    return new Block(header, StakeChain.keyOf(h.proposer()).sign(header.hash().toBytes()),
        good.transactions(), lastCommit);
  }

  private void assertRefused(Block bad, Reason reason, String problem) {
    Hash head = chain.ledger.head().hash();
    Ledger.InvalidBlockException e = assertThrows(Ledger.InvalidBlockException.class,
        () -> chain.ledger.checkBlock(bad));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertEquals(head, chain.ledger.head().hash(), "a refused block changes nothing");
  }

  @Test
  void blockOneCarryingACertificateIsRefused() {
    Ed25519KeyPair proposer = chain.proposerFor(1);
    Block good = chain.propose(proposer).block();
    assertRefused(carrying(good, new byte[] {1}), Reason.LAST_COMMIT_UNEXPECTED, "genesis");
    chain.ledger.commitBlock(good, new byte[0]);
    assertEquals(1, chain.height());
  }

  @Test
  void aMissingShortOrForeignCertificateIsRefusedByName() {
    Block one = chain.block().block();
    Block good = chain.propose(chain.proposerFor(2)).block();
    List<Address> set = sortedSet(1);
    Address outsider = StakeChain.HOLDERS.get(0).address();

    assertRefused(carrying(good, new byte[0]), Reason.LAST_COMMIT_MISSING, "carries no commit");
    assertRefused(carrying(good, TestCommits.encode(one, List.of(set.get(0)))),
        Reason.LAST_COMMIT_INVALID, "NO_QUORUM");
    List<Address> oneReplaced = new ArrayList<>(set.subList(0, 3));
    oneReplaced.add(outsider);
    assertRefused(carrying(good, TestCommits.encode(one, oneReplaced.stream().sorted().toList())),
        Reason.LAST_COMMIT_INVALID, "NOT_A_MEMBER");
    List<Address> withOutsider = new ArrayList<>(set);
    withOutsider.add(outsider);
    List<Address> twice = new ArrayList<>(set.subList(0, 3));
    twice.add(1, set.get(0));
    assertRefused(carrying(good, TestCommits.encode(one, twice)), Reason.LAST_COMMIT_INVALID,
        "DUPLICATE_SIGNER");
    byte[] otherBlock = new Encoder(200).u64(1).hash(Hash.ZERO).varint(0).toByteArray();
    assertRefused(carrying(good, otherBlock), Reason.LAST_COMMIT_INVALID, "WRONG_BLOCK");
    byte[] tooMany = TestCommits.encode(one, withOutsider.stream().sorted().toList());
    assertRefused(carrying(good, tooMany), Reason.LAST_COMMIT_INVALID, "UNDECODABLE");

    // the carried bytes differ from those the (signed) header commits to
    assertRefused(new Block(good.header(), good.signature(), good.transactions(), otherBlock),
        Reason.LAST_COMMIT_HASH_MISMATCH, "lastCommitHash");
    // a version-3 block in format 2 (no certificate at all)
    BlockHeader h = good.header();
    BlockHeader format2 = new BlockHeader(h.chainId(), h.height(), h.timeMillis(),
        h.previousHash(), h.txRoot(), h.stateRoot(), h.proposer(), h.txCount(),
        h.protocolVersion());
    assertRefused(new Block(format2, StakeChain.keyOf(h.proposer()).sign(format2.hash()
        .toBytes()), good.transactions()), Reason.WRONG_BLOCK_FORMAT, "header format 3");

    chain.ledger.commitBlock(good, new byte[0]);
    assertArrayEquals(TestCommits.encode(one, set), chain.ledger.head().lastCommit(),
        "the proposer carried the certificate its ledger stored for block 1");
  }
}
