package org.bcos.ledger;

import static org.bcos.ledger.LedgerFixtures.GENESIS_TIME;
import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.bcos.ledger.LedgerFixtures.key;
import static org.bcos.ledger.LedgerFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.state.ChainSchema;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.Column;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.WriteBatch;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/** The transaction index answers a lookup from one entry, and scans stop at their limit. */
class TxIndexTest {
  private final List<Ed25519KeyPair> holders = LedgerFixtures.keys(4);
  private final Genesis genesis = LedgerFixtures.genesis(holders);

  /** A store that counts what it is asked for (the seam a lookup's cost shows at). */
  private static final class CountingStore implements KeyValueStore {
    final InMemoryStore inner = new InMemoryStore();
    final AtomicInteger blockReads = new AtomicInteger();
    final AtomicInteger visited = new AtomicInteger();

    @Override
    public byte[] get(Column column, byte[] key) {
      if (column.id() == ChainSchema.BLOCKS.id()) blockReads.incrementAndGet();
      return inner.get(column, key);
    }

    @Override
    public void commit(WriteBatch batch) {
      inner.commit(batch);
    }

    @Override
    public void forEach(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
      inner.forEach(column, prefix, (k, v) -> {
        visited.incrementAndGet();
        visitor.accept(k, v);
      });
    }

    @Override
    public ReadView snapshot() {
      return inner.snapshot();
    }

    @Override
    public Optional<Map.Entry<byte[], byte[]>> last(Column column) {
      return inner.last(column);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  private Block blockOfTransfers(Ledger ledger, int count) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      txs.add(transfer(holders.get(0), key(60 + i).address(), Amount.UNITS_PER_DDC, i, MIN_FEE,
          1_000));
    }
    Block block = ledger.buildBlock(txs, VALIDATOR, GENESIS_TIME + 1_000).block();
    assertEquals(count, block.transactions().size());
    return block;
  }

  @Test
  void finalTransactionIsReadWithoutDecodingItsBlock() {
    CountingStore store = new CountingStore();
    Ledger ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
    Block block = blockOfTransfers(ledger, 50);
    store.blockReads.set(0);
    for (int i = 0; i < block.transactions().size(); i++) {
      Transaction tx = block.transactions().get(i);
      FinalTx found = ledger.finalTransaction(tx.hash()).orElseThrow();
      assertEquals(new TxLocation(1, i), found.location());
      assertEquals(block.hash(), found.blockHash());
      assertEquals(tx.hash(), found.tx().hash());
      assertEquals(new TxLocation(1, i), ledger.txLocation(tx.hash()).orElseThrow());
    }
    assertEquals(0, store.blockReads.get(), "a lookup must not read its block");
    assertEquals(Optional.empty(), ledger.finalTransaction(Hash.ZERO));
  }

  @Test
  void legacyLocationOnlyEntriesAreStillAnswered() {
    CountingStore store = new CountingStore();
    Ledger ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
    Block block = blockOfTransfers(ledger, 3);
    Transaction tx = block.transactions().get(2);
    WriteBatch legacy = new WriteBatch();
    legacy.put(ChainSchema.TX_INDEX, tx.hash().toBytes(), new TxLocation(1, 2).encode());
    store.commit(legacy);
    FinalTx found = ledger.finalTransaction(tx.hash()).orElseThrow();
    assertEquals(new FinalTx(new TxLocation(1, 2), block.hash(), found.tx()), found);
    assertEquals(tx.hash(), found.tx().hash());
    assertEquals(new TxLocation(1, 2), ledger.txLocation(tx.hash()).orElseThrow());
  }

  @Test
  void indexEntryRoundTrips() {
    Transaction tx = transfer(holders.get(1), key(70).address(), 5, 0, MIN_FEE, 10);
    FinalTx entry = new FinalTx(new TxLocation(7, 3), Hash.wrap(new byte[32]), tx);
    FinalTx back = FinalTx.decode(entry.encode(), Modules.STANDARD);
    assertEquals(entry.location(), back.location());
    assertEquals(tx.hash(), back.tx().hash());
    assertTrue(!FinalTx.isLocationOnly(entry.encode()));
  }

  @Test
  void stateEntriesStopsScanningAtItsLimit() {
    CountingStore store = new CountingStore();
    Ledger ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
    store.visited.set(0);
    assertEquals(2, ledger.stateEntries(Account.STATE_COLUMN, new byte[0], 2).size());
    assertEquals(2, store.visited.get(), "the scan went on past its limit");
    assertEquals(0, ledger.stateEntries(Account.STATE_COLUMN, new byte[0], 0).size());
  }
}
