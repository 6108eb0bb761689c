package org.bcos.ledger;

import static org.bcos.ledger.LedgerFixtures.GENESIS_TIME;
import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.PARAMS;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.bcos.ledger.LedgerFixtures.key;
import static org.bcos.ledger.LedgerFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.block.TxRoot;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinRejection;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.RocksDbStore;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
  private static final long FAR = 1_000;
  private final List<Ed25519KeyPair> holders = LedgerFixtures.keys(4);
  private final Genesis genesis = LedgerFixtures.genesis(holders);

  // --- genesis ---

  private static Genesis.Allocation alloc(int key, long units) {
    return new Genesis.Allocation(key(key).address(), units);
  }

  private static Genesis genesisOf(Genesis.Allocation... allocations) {
    // key 0 (allocated in every case) bonds the minimum stake
    return new Genesis(PARAMS, GENESIS_TIME,
        List.of(new Genesis.Validator(key(0).address(), Genesis.MIN_STAKE_UNITS)),
        List.of(allocations));
  }

  @Test
  void genesisAcceptsAllocationsTotallingExactlyTheSupply() {
    long supply = Amount.TOTAL_SUPPLY_UNITS;
    assertEquals(5_000_000_000_000_000_000L, supply);
    genesisOf(alloc(0, supply));
    genesisOf(alloc(0, supply - 1), alloc(1, 1));
  }

  @Test
  void genesisRefusesAllocationsNotTotallingTheSupply() {
    long supply = Amount.TOTAL_SUPPLY_UNITS;
    assertThrows(IllegalArgumentException.class, () -> genesisOf(alloc(0, supply - 1)));
    assertThrows(IllegalArgumentException.class, () -> genesisOf(alloc(0, supply + 1)));
    assertThrows(IllegalArgumentException.class,
        () -> genesisOf(alloc(0, supply), alloc(1, 1)));
    assertThrows(IllegalArgumentException.class,
        () -> genesisOf(alloc(0, Long.MAX_VALUE), alloc(1, Long.MAX_VALUE)));
    assertThrows(IllegalArgumentException.class, () -> genesisOf(alloc(0, Long.MAX_VALUE)));
    assertThrows(IllegalArgumentException.class, () -> alloc(0, 0));
    assertThrows(IllegalArgumentException.class, () -> alloc(0, -1));
    assertThrows(IllegalArgumentException.class, LedgerTest::genesisOf);
  }

  @Test
  void genesisRefusesDuplicateAddresses() {
    long half = Amount.TOTAL_SUPPLY_UNITS / 2;
    assertThrows(IllegalArgumentException.class, () -> genesisOf(alloc(0, half), alloc(0, half)));
  }

  @Test
  void genesisStateHoldsTheSupplyAndTheGenesisBlockHasHeightZero() {
    InMemoryStore store = new InMemoryStore();
    Ledger ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
    assertEquals(0, ledger.head().height());
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(store));
    for (Genesis.Allocation a : genesis.allocations()) {
      long bonded = genesis.validators().stream().filter(v -> v.address().equals(a.address()))
          .mapToLong(Genesis.Validator::stakeUnits).sum();
      assertEquals(Optional.of(new Account(a.units() - bonded, 0)), ledger.account(a.address()));
    }
    assertEquals(ledger.head().hash(), ledger.genesisHash());
    assertEquals(Ledger.genesisBlock(genesis).hash(), ledger.head().hash());
  }

  // --- reopening ---

  @Test
  void reopeningRocksDbLedgerGivesSameHeadAndBalances(@TempDir Path dir) throws Exception {
    Hash head;
    Map<Address, Optional<Account>> balances = new TreeMap<>();
    try (RocksDbStore store = RocksDbStore.open(dir, Modules.columns())) {
      Ledger ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
      buildTransfers(ledger, 3);
      head = ledger.head().hash();
      for (Address a : interesting()) balances.put(a, ledger.account(a));
    }
    try (RocksDbStore store = RocksDbStore.open(dir, Modules.columns())) {
      Ledger reopened = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
      assertEquals(head, reopened.head().hash());
      assertEquals(3, reopened.head().height());
      for (Address a : interesting()) assertEquals(balances.get(a), reopened.account(a));
      // and it carries on from there
      buildTransfers(reopened, 1);
      assertEquals(4, reopened.head().height());
      assertEquals(head, reopened.head().header().previousHash());
    }
  }

  @Test
  void openingStoreWithDifferentGenesisFails(@TempDir Path dir) throws Exception {
    Genesis otherGenesis = LedgerFixtures.genesis(LedgerFixtures.keys(3));
    try (RocksDbStore store = RocksDbStore.open(dir, Modules.columns())) {
      Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
    }
    try (RocksDbStore store = RocksDbStore.open(dir, Modules.columns())) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Ledger.open(store, otherGenesis, SignatureCheck.withBestVerifier()));
      assertTrue(e.getMessage().contains("different chain"), e.getMessage());
    }
  }

  @Test
  void openingStoreWithDifferentChainParamsFails() {
    InMemoryStore store = new InMemoryStore();
    Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
    Genesis otherChain = LedgerFixtures.genesis(ChainParams.defaults("other-chain"), holders);
    assertThrows(IllegalStateException.class,
        () -> Ledger.open(store, otherChain, SignatureCheck.withBestVerifier()));
  }

  private List<Address> interesting() {
    List<Address> all = new ArrayList<>();
    holders.forEach(k -> all.add(k.address()));
    all.add(VALIDATOR.address());
    all.add(key(60).address());
    return all;
  }

  /** Builds {@code blocks} blocks each holding one transfer per holder. */
  private void buildTransfers(Ledger ledger, int blocks) {
    for (int b = 0; b < blocks; b++) {
      long height = ledger.head().height() + 1;
      List<Transaction> txs = new ArrayList<>();
      for (int i = 0; i < holders.size(); i++) {
        Ed25519KeyPair from = holders.get(i);
        long nonce = ledger.account(from.address()).orElseThrow().nonce();
        Address to = i % 2 == 0 ? key(60).address() : holders.get((i + 1) % holders.size())
            .address();
        txs.add(transfer(from, to, (i + 1) * Amount.UNITS_PER_DDC + b, nonce, MIN_FEE + i,
            height + FAR));
      }
      BlockResult r = ledger.buildBlock(txs, VALIDATOR, GENESIS_TIME + height * 1000);
      assertEquals(txs.size(), r.block().transactions().size(), () -> r.skipped().toString());
    }
  }

  // --- import ---

  private record Pair(Ledger builder, Ledger replica, InMemoryStore replicaStore) {}

  private Pair pair() {
    InMemoryStore replicaStore = new InMemoryStore();
    return new Pair(LedgerFixtures.openInMemory(genesis),
        Ledger.open(replicaStore, genesis, SignatureCheck.withBestVerifier()), replicaStore);
  }

  /** A block with two transfers built on {@code builder}; the replica has not seen it. */
  private Block nextBlock(Ledger builder) {
    long height = builder.head().height() + 1;
    List<Transaction> txs = List.of(
        transfer(holders.get(0), key(60).address(), 5 * Amount.UNITS_PER_DDC,
            builder.account(holders.get(0).address()).orElseThrow().nonce(), MIN_FEE, FAR),
        transfer(holders.get(1), holders.get(2).address(), 7 * Amount.UNITS_PER_DDC,
            builder.account(holders.get(1).address()).orElseThrow().nonce(), MIN_FEE * 3, FAR));
    Block block = builder.buildBlock(txs, VALIDATOR, GENESIS_TIME + height * 1000).block();
    assertEquals(2, block.transactions().size());
    return block;
  }

  private static Block resign(BlockHeader header, List<Transaction> txs, Ed25519KeyPair key) {
    return new Block(header, key.sign(header.hash().toBytes()), txs);
  }

  private static BlockHeader withHeader(BlockHeader h, UnaryOperator<Object[]> change) {
    Object[] f = {h.chainId(), h.height(), h.timeMillis(), h.previousHash(), h.txRoot(),
        h.stateRoot(), h.proposer(), h.txCount()};
    f = change.apply(f);
    return new BlockHeader((String) f[0], (Long) f[1], (Long) f[2], (Hash) f[3], (Hash) f[4],
        (Hash) f[5], (Address) f[6], (Integer) f[7]);
  }

  private static Object[] set(Object[] fields, int index, Object value) {
    Object[] copy = fields.clone();
    copy[index] = value;
    return copy;
  }

  /**
   * The replica refuses {@code bad} for {@code why}, is unchanged, and then still imports {@code
   * good}.
   */
  private void assertRefusedAndUnchanged(Pair p, Block good, Block bad,
      Ledger.InvalidBlockException.Reason why) {
    Block headBefore = p.replica().head();
    Map<Address, Optional<Account>> before = new TreeMap<>();
    for (Address a : interesting()) before.put(a, p.replica().account(a));
    Ledger.AccountProof proofBefore = p.replica().proveAccount(holders.get(0).address());
    assertEquals(why, assertThrows(Ledger.InvalidBlockException.class,
        () -> p.replica().importBlock(bad)).reason());
    assertEquals(headBefore.hash(), p.replica().head().hash());
    assertEquals(Optional.empty(), p.replica().block(headBefore.height() + 1));
    for (Address a : interesting()) assertEquals(before.get(a), p.replica().account(a));
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(p.replicaStore()));
    // the in-memory state tree is untouched too: proofs still match the old root
    Ledger.AccountProof proofAfter = p.replica().proveAccount(holders.get(0).address());
    assertEquals(proofBefore.stateRoot(), proofAfter.stateRoot());
    assertTrue(verifies(holders.get(0).address(), proofAfter));
    for (Transaction tx : good.transactions()) {
      assertEquals(Optional.empty(), p.replica().txLocation(tx.hash()));
    }
    p.replica().importBlock(good);
    assertEquals(good.hash(), p.replica().head().hash());
    assertEquals(p.builder().head().header().stateRoot(), p.replica().head().header().stateRoot());
  }

  @Test
  void importRefusesBlockWithWrongPreviousHash() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    Block bad = resign(withHeader(good.header(), f -> set(f, 3, Digests.sha256(new byte[] {1}))),
        good.transactions(), VALIDATOR);
    assertRefusedAndUnchanged(p, good, bad,
        Ledger.InvalidBlockException.Reason.WRONG_PARENT);
  }

  @Test
  void importRefusesBlockWithWrongHeight() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    Block skipAhead = resign(withHeader(good.header(), f -> set(f, 1, 2L)), good.transactions(),
        VALIDATOR);
    assertRefusedAndUnchanged(p, good, skipAhead,
        Ledger.InvalidBlockException.Reason.WRONG_HEIGHT);
    Block good2 = nextBlock(p.builder());
    Block sameHeight = resign(withHeader(good2.header(), f -> set(f, 1, 1L)),
        good2.transactions(), VALIDATOR);
    assertRefusedAndUnchanged(p, good2, sameHeight,
        Ledger.InvalidBlockException.Reason.WRONG_HEIGHT);
  }

  @Test
  void importRefusesBlockWithBadProposerSignature() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    byte[] sig = good.signature();
    sig[10] ^= 0x40;
    assertRefusedAndUnchanged(p, good, new Block(good.header(), sig, good.transactions()),
        Ledger.InvalidBlockException.Reason.BAD_SIGNATURE);
    // the next block signed by someone else (the reason check found that this case used to be
    // refused for its height: it re-signed the block just imported)
    Block next = nextBlock(p.builder());
    Block signedByOther = resign(next.header(), next.transactions(), holders.get(0));
    assertRefusedAndUnchanged(p, next, signedByOther,
        Ledger.InvalidBlockException.Reason.BAD_SIGNATURE);
  }

  @Test
  void importRefusesBlockFromNonValidatorProposer() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    Ed25519KeyPair impostor = holders.get(3);
    Block bad = resign(withHeader(good.header(), f -> set(f, 6, impostor.address())),
        good.transactions(), impostor);
    assertRefusedAndUnchanged(p, good, bad,
        Ledger.InvalidBlockException.Reason.NOT_A_VALIDATOR);
  }

  @Test
  void importRefusesBlockWithTamperedStateRoot() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    Block bad = resign(withHeader(good.header(), f -> set(f, 5, Digests.sha256(new byte[] {2}))),
        good.transactions(), VALIDATOR);
    assertRefusedAndUnchanged(p, good, bad,
        Ledger.InvalidBlockException.Reason.STATE_ROOT_MISMATCH);
  }

  @Test
  void importRefusesBlockWithTamperedTxRoot() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    Block bad = resign(withHeader(good.header(), f -> set(f, 4, Digests.sha256(new byte[] {3}))),
        good.transactions(), VALIDATOR);
    assertRefusedAndUnchanged(p, good, bad,
        Ledger.InvalidBlockException.Reason.TX_ROOT_MISMATCH);
    // reordered transactions no longer match the tx root either
    Block good2 = nextBlock(p.builder());
    List<Transaction> reversed = new ArrayList<>(good2.transactions());
    java.util.Collections.reverse(reversed);
    assertRefusedAndUnchanged(p, good2, resign(good2.header(), reversed, VALIDATOR),
        Ledger.InvalidBlockException.Reason.TX_ROOT_MISMATCH);
  }

  @Test
  void importRefusesBlockContainingTxWithBadSignature() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    List<Transaction> txs = new ArrayList<>(good.transactions());
    txs.set(1, LedgerFixtures.withBadSignature(txs.get(1)));
    Hash txRoot = TxRoot.of(txs.stream().map(Transaction::hash).toList());
    // everything else (tx root, state root, signature) is consistent: only the tx signature fails
    Block bad = resign(withHeader(good.header(), f -> set(f, 4, txRoot)), txs, VALIDATOR);
    assertRefusedAndUnchanged(p, good, bad,
        Ledger.InvalidBlockException.Reason.INVALID_TRANSACTION);
  }

  @Test
  void importRefusesBlockContainingTxThatFailsExecution() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    List<Transaction> txs = new ArrayList<>(good.transactions());
    txs.add(txs.get(0)); // replay: nonce already used
    Hash txRoot = TxRoot.of(txs.stream().map(Transaction::hash).toList());
    Block bad = resign(withHeader(good.header(), f -> set(set(f, 4, txRoot), 7, 3)), txs,
        VALIDATOR);
    assertRefusedAndUnchanged(p, good, bad,
        Ledger.InvalidBlockException.Reason.INVALID_TRANSACTION);
  }

  @Test
  void importRefusesBlockWhoseTimeGoesBackwards() {
    Pair p = pair();
    Block good = nextBlock(p.builder());
    Block bad = resign(withHeader(good.header(), f -> set(f, 2, GENESIS_TIME - 1)),
        good.transactions(), VALIDATOR);
    assertRefusedAndUnchanged(p, good, bad,
        Ledger.InvalidBlockException.Reason.TIME_BACKWARDS);
  }

  @Test
  void importedBlocksAreFoundByHeightHashAndTxLocation() {
    Pair p = pair();
    Block b1 = nextBlock(p.builder());
    Block b2 = nextBlock(p.builder());
    p.replica().importBlock(b1);
    p.replica().importBlock(b2);
    for (Ledger l : List.of(p.builder(), p.replica())) {
      assertEquals(b2.hash(), l.head().hash());
      assertEquals(b1.hash(), l.block(1).orElseThrow().hash());
      assertEquals(b2.hash(), l.block(b2.hash()).orElseThrow().hash());
      assertEquals(Optional.empty(), l.block(3));
      assertEquals(Optional.empty(), l.block(-1));
      assertEquals(new TxLocation(2, 1), l.txLocation(b2.transactions().get(1).hash())
          .orElseThrow());
      assertEquals(new TxLocation(1, 0), l.txLocation(b1.transactions().get(0).hash())
          .orElseThrow());
    }
  }

  // --- proofs ---

  /** Checks {@code p} (for {@code a}) against its own state root: inclusion or exclusion. */
  private static boolean verifies(Address a, Ledger.AccountProof p) {
    Hash key = StateKey.treeKey(Account.STATE_COLUMN, a.toBytes());
    return p.account().isPresent()
        ? MerkleProof.verifyInclusion(p.stateRoot(), key,
            Digests.sha256(p.account().get().encode()), p.proof())
        : MerkleProof.verifyExclusion(p.stateRoot(), key, p.proof());
  }

  @Test
  void accountProofsVerifyAgainstHeadStateRoot() {
    Ledger ledger = LedgerFixtures.openInMemory(genesis);
    for (int round = 0; round < 3; round++) {
      for (Address a : interesting()) {
        Ledger.AccountProof p = ledger.proveAccount(a);
        assertEquals(ledger.head().header().stateRoot(), p.stateRoot());
        assertEquals(ledger.head().height(), p.height());
        assertEquals(ledger.account(a), p.account());
        assertTrue(verifies(a, p), "round " + round + " " + a);
        Hash key = StateKey.treeKey(Account.STATE_COLUMN, a.toBytes());
        if (p.account().isPresent()) {
          Account lie = new Account(p.account().get().balanceUnits() + 1, p.account().get().nonce());
          assertFalse(MerkleProof.verifyInclusion(p.stateRoot(), key, Digests.sha256(lie.encode()),
              p.proof()), "a wrong balance must not verify");
          assertFalse(MerkleProof.verifyExclusion(p.stateRoot(), key, p.proof()));
        }
      }
      buildTransfers(ledger, 1);
    }
  }

  @Test
  void unknownAccountHasExclusionProof() {
    Ledger ledger = LedgerFixtures.openInMemory(genesis);
    buildTransfers(ledger, 1);
    Address unknown = key(999).address();
    Ledger.AccountProof p = ledger.proveAccount(unknown);
    assertEquals(Optional.empty(), p.account());
    assertTrue(verifies(unknown, p));
    Hash key = StateKey.treeKey(Account.STATE_COLUMN, unknown.toBytes());
    assertFalse(MerkleProof.verifyInclusion(p.stateRoot(), key,
        Digests.sha256(new Account(1, 0).encode()), p.proof()));
  }

  @Test
  void oldProofDoesNotVerifyAgainstNewRootOnceAccountChanged() {
    Ledger ledger = LedgerFixtures.openInMemory(genesis);
    Address a = holders.get(0).address();
    Ledger.AccountProof old = ledger.proveAccount(a);
    buildTransfers(ledger, 1);
    Hash newRoot = ledger.head().header().stateRoot();
    assertNotEquals(old.stateRoot(), newRoot);
    Hash key = StateKey.treeKey(Account.STATE_COLUMN, a.toBytes());
    assertFalse(MerkleProof.verifyInclusion(newRoot, key,
        Digests.sha256(old.account().orElseThrow().encode()), old.proof()));
  }

  // --- block codec ---

  @Test
  void blockEncodeDecodeRoundTrips() {
    Ledger ledger = LedgerFixtures.openInMemory(genesis);
    buildTransfers(ledger, 2);
    for (long h = 0; h <= 2; h++) {
      Block b = ledger.block(h).orElseThrow();
      byte[] encoded = b.encode();
      Block decoded = Modules.decodeBlock(encoded);
      assertEquals(b.header(), decoded.header());
      assertEquals(b.hash(), decoded.hash());
      assertArrayEquals(b.signature(), decoded.signature());
      assertEquals(b.transactions(), decoded.transactions());
      assertArrayEquals(encoded, decoded.encode());
    }
  }

  @Test
  void blockDecodeRefusesTrailingAndMissingBytes() {
    Ledger ledger = LedgerFixtures.openInMemory(genesis);
    buildTransfers(ledger, 1);
    byte[] encoded = ledger.head().encode();
    byte[] trailing = Arrays.copyOf(encoded, encoded.length + 1);
    assertThrows(CodecException.class, () -> Modules.decodeBlock(trailing));
    for (int cut : new int[] {1, 64, encoded.length / 2, encoded.length - 1}) {
      byte[] truncated = Arrays.copyOf(encoded, encoded.length - cut);
      assertThrows(CodecException.class, () -> Modules.decodeBlock(truncated), "cut " + cut);
    }
    byte[] badVersion = encoded.clone();
    badVersion[0] = 2;
    assertThrows(CodecException.class, () -> Modules.decodeBlock(badVersion));
  }

  @Test
  void blockDecodeRefusesOutOfRangeTxCountWithCodecException() {
    Ledger ledger = LedgerFixtures.openInMemory(genesis);
    byte[] encoded = ledger.head().encode();
    byte[] header = ledger.head().header().encode();
    // txCount is the last 4 bytes of the header
    for (int i = header.length - 4; i < header.length; i++) encoded[i] = (byte) 0xFF;
    assertThrows(CodecException.class, () -> Modules.decodeBlock(encoded));
  }

  // --- builder/importer agreement ---

  @Test
  void builderSkipsCandidatesThatImportWouldRefuse() {
    Pair p = pair();
    Ed25519KeyPair from = holders.get(0);
    Address to = holders.get(1).address();
    List<Transaction> candidates = List.of(
        transfer(from, to, 1, 0, MIN_FEE - 1, FAR),
        transfer(from, to, 0, 0, MIN_FEE, FAR),
        transfer(from, from.address(), 1, 0, MIN_FEE, FAR),
        transfer("other-chain", from, to, 1, 0, MIN_FEE, FAR, ""),
        transfer(LedgerFixtures.CHAIN_ID, from, to, 1, 0, MIN_FEE, FAR, "x".repeat(300)));
    BlockResult r = p.builder().buildBlock(candidates, VALIDATOR, GENESIS_TIME + 1000);
    assertEquals(List.of(), r.block().transactions());
    assertEquals(List.of(TxRejection.FEE_TOO_LOW, CoinRejection.AMOUNT_NOT_POSITIVE,
            CoinRejection.SELF_TRANSFER, TxRejection.WRONG_CHAIN_ID, CoinRejection.MEMO_TOO_LONG),
        r.skipped().stream().map(s -> s.verdict().rejection()).toList());
    p.replica().importBlock(r.block());
  }
}
