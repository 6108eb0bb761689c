package org.bcos.node.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;
import org.junit.jupiter.api.Test;

/**
 * Random add / removeFinal / dropExpired sequences against small limits: the pool never exceeds
 * its limits, size and bytes always match its contents, a rejected add changes nothing, and
 * candidates are per-sender nonce runs. Replay with {@code -Dbcos.test.seed=<seed>}.
 */
class MempoolPropertyTest {
  private static final int SENDERS = 6;
  private static final List<Ed25519KeyPair> KEYS = new ArrayList<>();
  private static final Address SINK;

  static {
    for (int i = 0; i < SENDERS + 1; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      seed[31] = 0x77;
      KEYS.add(Ed25519KeyPair.fromSeed(seed));
    }
    SINK = KEYS.remove(SENDERS).address();
  }

  private static long seed() {
    return TestSeed.of("MempoolPropertyTest");
  }

  @Test
  void randomOperationsKeepLimitsAndAccounting() {
    qt().withFixedSeed(seed())
        .withExamples(60)
        .forAll(longs().all())
        .checkAssert(MempoolPropertyTest::run);
  }

  private static Transaction tx(SplittableRandom r, Ed25519KeyPair from, long nonce) {
    String memo = r.nextInt(4) == 0 ? "m".repeat(r.nextInt(1_800)) : "";
    TxBody body = new TxBody("bcos-test", from.address(), nonce, r.nextLong(1, 40),
        r.nextLong(1, 30), new CoinTransfer(SINK, r.nextLong(1, 5_000), memo));
    byte[] digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body)).toBytes();
    return TransactionCodec.assemble(body, from.sign(digest));
  }

  private static void run(long exampleSeed) {
    SplittableRandom r = new SplittableRandom(exampleSeed);
    int maxTxs = 2 + r.nextInt(20);
    MempoolLimits limits = new MempoolLimits(maxTxs, (1 << 16) + r.nextInt(1 << 14),
        1 + r.nextInt(maxTxs));
    Mempool pool = new Mempool(limits, 1 + r.nextInt(5));
    Map<Address, Account> chain = new LinkedHashMap<>();
    for (Ed25519KeyPair k : KEYS) chain.put(k.address(), new Account(5_000 + r.nextLong(50_000), 0));
    Map<Hash, Transaction> seen = new LinkedHashMap<>();
    String where = "seed=" + exampleSeed;
    long height = 1;
    for (int step = 0; step < 150; step++) {
      int op = r.nextInt(10);
      if (op < 7) {
        Ed25519KeyPair from = KEYS.get(r.nextInt(SENDERS));
        Account acct = chain.get(from.address());
        long nonce = acct.nonce() + r.nextInt(7) - 1;
        Transaction t = tx(r, from, Math.max(0, nonce));
        seen.put(t.hash(), t);
        int size = pool.size();
        long bytes = pool.bytes();
        Optional<Account> view = r.nextInt(30) == 0 ? Optional.empty() : Optional.of(acct);
        Verdict v = pool.add(t, view);
        if (!v.ok()) {
          assertEquals(size, pool.size(), where + " " + v.message());
          assertEquals(bytes, pool.bytes(), where + " " + v.message());
        } else {
          assertTrue(pool.contains(t.hash()), where);
        }
      } else if (op < 9) {
        // a block: include each sender's executable run, as the node does
        List<Transaction> block = pool.candidates(1 + r.nextInt(8),
            a -> chain.get(a).nonce());
        checkCandidates(block, chain, where);
        for (Transaction t : block) {
          Account a = chain.get(t.sender());
          long cost = ((CoinTransfer) t.message()).amountUnits() + t.fee();
          chain.put(t.sender(), new Account(Math.max(0, a.balanceUnits() - cost), a.nonce() + 1));
        }
        pool.removeFinal(block);
        height++;
      } else {
        pool.dropExpired(height);
      }
      checkAccounting(pool, limits, seen, where);
    }
  }

  private static void checkCandidates(List<Transaction> block, Map<Address, Account> chain,
      String where) {
    Map<Address, Long> next = new LinkedHashMap<>();
    for (Transaction t : block) {
      long expected = next.getOrDefault(t.sender(), chain.get(t.sender()).nonce());
      assertEquals(expected, t.nonce(), where + " candidates skip or repeat a nonce");
      next.put(t.sender(), expected + 1);
    }
  }

  private static void checkAccounting(Mempool pool, MempoolLimits limits,
      Map<Hash, Transaction> seen, String where) {
    int count = 0;
    long bytes = 0;
    for (Transaction t : seen.values()) {
      if (pool.contains(t.hash())) {
        count++;
        bytes += t.encodedSize();
      }
    }
    assertEquals(count, pool.size(), where);
    assertEquals(bytes, pool.bytes(), where);
    assertTrue(pool.size() <= limits.maxTxs(), where);
    assertTrue(pool.bytes() <= limits.maxBytes(), where);
  }
}
