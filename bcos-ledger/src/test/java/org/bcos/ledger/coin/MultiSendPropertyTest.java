package org.bcos.ledger.coin;

import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.TestCommits;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Random multi-sends among a few accounts on a version-5 chain (outputs 1..6, amounts from one
 * unit to more than the sender holds, sometimes a repeated recipient or the sender itself): after
 * every block the supply is exactly 50 bn DDC, every included multi-send moved exactly its outputs
 * (its sender paid their total and its fee), every refused one moved nothing, and a replica
 * importing the blocks reaches the same state roots. Replay with {@code -Dbcos.test.seed=S}.
 */
class MultiSendPropertyTest {
  private static final List<Ed25519KeyPair> KEYS = LedgerFixtures.keys(5);
  private static final AtomicLong INCLUDED = new AtomicLong();
  private static final AtomicLong REFUSED = new AtomicLong();

  @Test
  void randomMultiSendsConserveSupplyAndMoveExactlyTheirOutputs() {
    long seed = TestSeed.of("MultiSendPropertyTest");
    INCLUDED.set(0);
    REFUSED.set(0);
    qt().withFixedSeed(seed).withExamples(8).forAll(longs().all()).checkAssert(this::runChain);
    System.out.println("included=" + INCLUDED + " refused=" + REFUSED);
    assertTrue(INCLUDED.get() > 20 && REFUSED.get() > 5, "included=" + INCLUDED + " refused="
        + REFUSED);
  }

  private void runChain(long exampleSeed) {
    SplittableRandom random = new SplittableRandom(exampleSeed);
    Genesis genesis = LedgerFixtures.genesis(KEYS).atProtocolVersion(CoinMultiSend.SINCE_VERSION);
    InMemoryStore store = new InMemoryStore();
    Ledger ledger = open(store, genesis);
    long[] nonces = new long[KEYS.size()];
    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      CoinStore before = new CoinStore(ledger.headState());
      TreeMap<Address, Long> expected = new TreeMap<>();
      for (Ed25519KeyPair k : KEYS) expected.put(k.address(), before.balance(k.address()));
      List<Transaction> txs = new ArrayList<>();
      // distinct senders, so one refusal leaves no nonce gap for another of the block
      List<Integer> senders = shuffled(random, KEYS.size());
      for (int from : senders.subList(0, 4)) {
        CoinMultiSend send = randomSend(random, from, expected.get(KEYS.get(from).address()));
        txs.add(LedgerFixtures.sign(KEYS.get(from), nonces[from], MIN_FEE
            * Math.max(1, send.outputs().size()), 1_000, send));
      }
      BlockResult r = ledger.buildBlock(txs, LedgerFixtures.VALIDATOR,
          LedgerFixtures.GENESIS_TIME + 1_000L * (b + 1));
      blocks.add(r.block());
      for (Transaction tx : r.block().transactions()) {
        CoinMultiSend m = (CoinMultiSend) tx.message();
        expected.merge(tx.sender(), -(m.totalUnits() + tx.fee()), Long::sum);
        for (CoinMultiSend.Output o : m.outputs()) expected.merge(o.to(), o.amountUnits(),
            Long::sum);
      }
      INCLUDED.addAndGet(r.block().transactions().size());
      REFUSED.addAndGet(r.skipped().size());
      for (Ed25519KeyPair k : KEYS) nonces[KEYS.indexOf(k)] = ledger.account(k.address())
          .map(a -> a.nonce()).orElse(0L);
      CoinStore after = new CoinStore(ledger.headState());
      for (Ed25519KeyPair k : KEYS) {
        assertEquals(expected.get(k.address()), after.balance(k.address()), "seed "
            + exampleSeed + " block " + (b + 1));
      }
      assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(store));
    }
    Ledger replica = open(new InMemoryStore(), genesis);
    for (Block b : blocks) {
      replica.importBlock(b);
      assertEquals(b.header().stateRoot(), replica.head().header().stateRoot());
    }
  }

  /**
   * Mostly valid: 1..4 outputs to distinct other accounts; one in ten pays more than the sender
   * holds, one in ten repeats a recipient, one in twenty pays the sender itself.
   */
  private static CoinMultiSend randomSend(SplittableRandom random, int from, long balance) {
    List<Integer> others = new ArrayList<>(shuffled(random, KEYS.size()));
    others.remove(Integer.valueOf(from));
    int n = 1 + random.nextInt(others.size());
    List<CoinMultiSend.Output> outputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long amount = random.nextInt(10) == 0 ? balance / 2 + 1
          : 1 + random.nextLong(1_000 * Amount.UNITS_PER_DDC);
      outputs.add(new CoinMultiSend.Output(KEYS.get(others.get(i)).address(), amount));
    }
    int odd = random.nextInt(20);
    if (odd < 2) outputs.add(outputs.getFirst());
    if (odd == 2) outputs.add(new CoinMultiSend.Output(KEYS.get(from).address(), 1));
    return new CoinMultiSend(outputs, "");
  }

  private static List<Integer> shuffled(SplittableRandom random, int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(i);
    for (int i = n - 1; i > 0; i--) java.util.Collections.swap(out, i, random.nextInt(i + 1));
    return out;
  }

  private static Ledger open(InMemoryStore store, Genesis genesis) {
    return Ledger.open(store, genesis, SignatureCheck.withBestVerifier(), EvidenceCheck.NONE,
        new TestCommits());
  }
}
