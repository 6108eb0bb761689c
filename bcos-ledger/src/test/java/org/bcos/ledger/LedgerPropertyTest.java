package org.bcos.ledger;

import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.RocksDbStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random transfer sequences among funded accounts, built into blocks: supply is conserved, no
 * balance goes negative, nonces count included transactions, the builder agrees with a simple
 * reference model, and a second node importing the same blocks reaches the same state root and
 * block hash at every height. Replay a failure with {@code -Dbcos.test.seed=<seed>}.
 */
class LedgerPropertyTest {
  private static final int FUNDED = 10;
  private static final List<Ed25519KeyPair> KEYS = LedgerFixtures.keys(FUNDED);
  /** Index {@code FUNDED} is an account that never received anything. */
  private static final Ed25519KeyPair STRANGER = LedgerFixtures.key(77);
  private static final Genesis GENESIS = LedgerFixtures.genesis(KEYS);
  private static final AtomicLong INCLUDED = new AtomicLong();
  private static final AtomicLong SKIPPED = new AtomicLong();

  private static long seed() {
    return TestSeed.of("LedgerPropertyTest");
  }

  @Test
  void randomTransferBlocksConserveSupplyAndReplayToSameRoots() {
    INCLUDED.set(0);
    SKIPPED.set(0);
    qt().withFixedSeed(seed())
        .withExamples(40)
        .forAll(longs().all())
        .checkAssert(LedgerPropertyTest::runChain);
    System.out.println("included=" + INCLUDED + " skipped=" + SKIPPED);
    // the generator must exercise both paths, or the property says little
    assertTrue(INCLUDED.get() > 100 && SKIPPED.get() > 20, "included=" + INCLUDED
        + " skipped=" + SKIPPED);
  }

  @Test
  void blockWhoseOnlyCandidateIsRejectedChangesNothing() {
    qt().withFixedSeed(seed())
        .withExamples(40)
        .forAll(longs().all())
        .checkAssert(LedgerPropertyTest::runRejectedOnly);
  }

  @Test
  void replayOnRocksDbAcrossRestartGivesSameRoots(@TempDir Path dir) {
    AtomicLong example = new AtomicLong();
    qt().withFixedSeed(seed())
        .withExamples(4)
        .forAll(longs().all())
        .checkAssert(s -> replayOnRocksDb(s, dir.resolve("db" + example.incrementAndGet())));
  }

  private static void replayOnRocksDb(long exampleSeed, Path dir) {
    SplittableRandom random = new SplittableRandom(exampleSeed);
    Ledger builder = LedgerFixtures.openInMemory(GENESIS);
    Model model = Model.fromGenesis(GENESIS);
    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      long height = builder.head().height() + 1;
      List<Transaction> admitted = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Transaction tx = randomTransfer(random, model, height);
        if (builder.processor().checkStateless(tx).ok()) admitted.add(tx);
      }
      model.apply(admitted, height);
      blocks.add(builder.buildBlock(admitted, VALIDATOR, LedgerFixtures.GENESIS_TIME + height)
          .block());
    }
    String where = "seed=" + exampleSeed;
    int restartAfter = 1 + random.nextInt(blocks.size() - 1);
    try (RocksDbStore store = RocksDbStore.open(dir, Modules.columns())) {
      Ledger replica = Ledger.open(store, GENESIS, SignatureCheck.withBestVerifier());
      for (Block b : blocks.subList(0, restartAfter)) replica.importBlock(b);
    }
    try (RocksDbStore store = RocksDbStore.open(dir, Modules.columns())) {
      Ledger replica = Ledger.open(store, GENESIS, SignatureCheck.withBestVerifier());
      assertEquals(blocks.get(restartAfter - 1).hash(), replica.head().hash(), where);
      for (Block b : blocks.subList(restartAfter, blocks.size())) replica.importBlock(b);
      for (Block b : blocks) {
        assertEquals(b.header().stateRoot(),
            replica.block(b.height()).orElseThrow().header().stateRoot(), where);
      }
      assertEquals(builder.head().hash(), replica.head().hash(), where);
      for (Address a : model.addresses()) {
        assertEquals(builder.account(a), replica.account(a), where);
      }
      assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(store), where);
    }
  }

  // --- one random chain ---

  private static void runChain(long exampleSeed) {
    SplittableRandom random = new SplittableRandom(exampleSeed);
    InMemoryStore builderStore = new InMemoryStore();
    InMemoryStore replicaStore = new InMemoryStore();
    Ledger builder = Ledger.open(builderStore, GENESIS, SignatureCheck.withBestVerifier());
    Ledger replica = Ledger.open(replicaStore, GENESIS, SignatureCheck.withBestVerifier());
    Model model = Model.fromGenesis(GENESIS);
    Map<Address, Long> includedPerSender = new HashMap<>();
    int blocks = 4 + random.nextInt(6);
    for (int b = 0; b < blocks; b++) {
      long height = builder.head().height() + 1;
      List<Transaction> candidates = new ArrayList<>();
      int n = random.nextInt(16);
      for (int i = 0; i < n; i++) candidates.add(randomTransfer(random, model, height));
      // ingress runs the stateless checks; only survivors reach the block builder
      List<Transaction> admitted = candidates.stream()
          .filter(tx -> builder.processor().checkStateless(tx).ok()).toList();
      Model.Prediction predicted = model.apply(admitted, height);
      BlockResult result =
          builder.buildBlock(admitted, VALIDATOR, LedgerFixtures.GENESIS_TIME + height * 1000);
      String where = "seed=" + exampleSeed + " height=" + height;
      assertEquals(predicted.included(), result.block().transactions(), where);
      assertEquals(predicted.skippedReasons(),
          result.skipped().stream().map(s -> s.verdict().rejection()).toList(), where);
      INCLUDED.addAndGet(result.block().transactions().size());
      SKIPPED.addAndGet(result.skipped().size());
      for (Transaction tx : result.block().transactions()) {
        includedPerSender.merge(tx.sender(), 1L, Long::sum);
      }
      checkInvariants(builder, builderStore, model, includedPerSender, where);
      replica.importBlock(Modules.decodeBlock(result.block().encode()));
      assertEquals(builder.head().hash(), replica.head().hash(), where);
      assertEquals(builder.head().header().stateRoot(), replica.head().header().stateRoot(),
          where);
      assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(replicaStore), where);
    }
    for (long h = 0; h <= builder.head().height(); h++) {
      Block mine = builder.block(h).orElseThrow();
      Block theirs = replica.block(h).orElseThrow();
      assertEquals(mine.hash(), theirs.hash(), "height " + h);
      assertEquals(mine.header().stateRoot(), theirs.header().stateRoot(), "height " + h);
    }
    for (Address a : model.addresses()) {
      assertEquals(builder.account(a), replica.account(a), a.toString());
    }
  }

  private static void checkInvariants(Ledger ledger, KeyValueStore store, Model model,
      Map<Address, Long> includedPerSender, String where) {
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(store), where);
    for (Address a : model.addresses()) {
      Optional<Account> account = ledger.account(a);
      assertEquals(model.account(a), account, where + " " + a);
      account.ifPresent(acc -> {
        assertTrue(acc.balanceUnits() >= 0, where);
        assertEquals((long) includedPerSender.getOrDefault(a, 0L), acc.nonce(), where + " " + a);
      });
    }
  }

  // --- a lone rejected candidate ---

  private static void runRejectedOnly(long exampleSeed) {
    SplittableRandom random = new SplittableRandom(exampleSeed);
    Ledger ledger = LedgerFixtures.openInMemory(GENESIS);
    Model model = Model.fromGenesis(GENESIS);
    long height = 1;
    Transaction tx;
    do {
      tx = randomTransfer(random, model, height);
    } while (!ledger.processor().checkStateless(tx).ok()
        || model.copy().apply(List.of(tx), height).included().size() == 1);
    Hash rootBefore = ledger.head().header().stateRoot();
    Address to = ((CoinTransfer) tx.message()).to();
    Optional<Account> senderBefore = ledger.account(tx.sender());
    Optional<Account> toBefore = ledger.account(to);
    Optional<Account> validatorBefore = ledger.account(VALIDATOR.address());
    BlockResult result = ledger.buildBlock(List.of(tx), VALIDATOR, LedgerFixtures.GENESIS_TIME);
    String where = "seed=" + exampleSeed;
    assertTrue(result.block().transactions().isEmpty(), where);
    assertEquals(1, result.skipped().size(), where);
    assertEquals(rootBefore, ledger.head().header().stateRoot(), where);
    assertEquals(senderBefore, ledger.account(tx.sender()), where);
    assertEquals(toBefore, ledger.account(to), where);
    assertEquals(validatorBefore, ledger.account(VALIDATOR.address()), where);
  }

  // --- generators ---

  private static Transaction randomTransfer(SplittableRandom r, Model model, long height) {
    int fromIndex = r.nextInt(20) == 0 ? FUNDED : r.nextInt(FUNDED);
    Ed25519KeyPair from = fromIndex == FUNDED ? STRANGER : KEYS.get(fromIndex);
    Address to = r.nextInt(15) == 0 ? from.address()
        : r.nextInt(10) == 0 ? LedgerFixtures.key(100 + r.nextInt(5)).address()
        : r.nextInt(12) == 0 ? VALIDATOR.address()
        : KEYS.get(r.nextInt(FUNDED)).address();
    long balance = model.account(from.address()).map(Account::balanceUnits).orElse(0L);
    long amount = switch (r.nextInt(8)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> balance + 1 + r.nextLong(1_000);
      case 3 -> Long.MAX_VALUE - r.nextLong(MIN_FEE * 2);
      case 4 -> Math.max(1, balance - MIN_FEE);
      case 5 -> Math.max(1, balance / (2 + r.nextInt(4)));
      default -> 1 + r.nextLong(Math.max(1, Math.min(balance, 10 * Amount.UNITS_PER_DDC)));
    };
    long next = model.nextNonce(from.address());
    long nonce = switch (r.nextInt(10)) {
      case 0 -> Math.max(0, next - 1);
      case 1 -> next + 1;
      case 2 -> r.nextLong(5);
      default -> next;
    };
    long fee = switch (r.nextInt(10)) {
      case 0 -> 0;
      case 1 -> MIN_FEE - 1;
      case 2 -> MIN_FEE + r.nextLong(Amount.UNITS_PER_DDC);
      default -> MIN_FEE;
    };
    long expiry = switch (r.nextInt(10)) {
      case 0 -> Math.max(0, height - 1 - r.nextLong(3));
      case 1 -> height;
      default -> height + 1 + r.nextLong(50);
    };
    // the model's view of this sender's nonce advances only when the builder includes the tx
    return LedgerFixtures.transfer(from, to, amount, nonce, fee, expiry);
  }

  // --- reference model: the rules, written independently of the ledger ---

  private static final class Model {
    private final Map<Address, long[]> accounts = new HashMap<>();

    static Model fromGenesis(Genesis genesis) {
      Model m = new Model();
      for (Genesis.Allocation a : genesis.allocations()) {
        m.accounts.put(a.address(), new long[] {a.units(), 0});
      }
      for (Genesis.Validator v : genesis.validators()) m.accounts.get(v.address())[0] -= v.stakeUnits();
      return m;
    }

    Model copy() {
      Model m = new Model();
      accounts.forEach((k, v) -> m.accounts.put(k, v.clone()));
      return m;
    }

    List<Address> addresses() {
      List<Address> all = new ArrayList<>(accounts.keySet());
      all.add(STRANGER.address());
      all.add(VALIDATOR.address());
      for (int i = 0; i < 5; i++) all.add(LedgerFixtures.key(100 + i).address());
      return all.stream().distinct().sorted().toList();
    }

    Optional<Account> account(Address a) {
      long[] v = accounts.get(a);
      return v == null ? Optional.empty() : Optional.of(new Account(v[0], v[1]));
    }

    long nextNonce(Address a) {
      long[] v = accounts.get(a);
      return v == null ? 0 : v[1];
    }

    record Prediction(List<Transaction> included, List<Rejection> skippedReasons) {}

    /** Applies stateless-valid candidates in order at {@code height}, as the builder must. */
    Prediction apply(List<Transaction> candidates, long height) {
      List<Transaction> included = new ArrayList<>();
      List<Rejection> skipped = new ArrayList<>();
      for (Transaction tx : candidates) {
        Rejection r = applyOne(tx, height);
        if (r == null) included.add(tx);
        else skipped.add(r);
      }
      return new Prediction(included, skipped);
    }

    private Rejection applyOne(Transaction tx, long height) {
      if (tx.body().expiryHeight() < height) return TxRejection.EXPIRED;
      long[] sender = accounts.get(tx.sender());
      if (sender == null) return TxRejection.UNKNOWN_SENDER;
      if (tx.nonce() < sender[1]) return TxRejection.NONCE_TOO_LOW;
      if (tx.nonce() > sender[1]) return TxRejection.NONCE_GAP_TOO_LARGE;
      CoinTransfer t = (CoinTransfer) tx.message();
      long cost = t.amountUnits() + tx.fee(); // stateless checks ruled out overflow
      if (sender[0] < cost) return TxRejection.INSUFFICIENT_BALANCE;
      sender[0] -= cost;
      sender[1] += 1;
      accounts.computeIfAbsent(t.to(), k -> new long[2])[0] += t.amountUnits();
      accounts.computeIfAbsent(VALIDATOR.address(), k -> new long[2])[0] += tx.fee();
      return null;
    }
  }
}
