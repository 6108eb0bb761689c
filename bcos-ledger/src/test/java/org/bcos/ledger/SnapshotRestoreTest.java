package org.bcos.ledger;

import static org.bcos.ledger.LedgerFixtures.GENESIS_TIME;
import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.bcos.ledger.LedgerFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * {@link Ledger#restoreSnapshot}: a fresh ledger started from another's state view has the same
 * head, root and accounts and carries on importing blocks; a snapshot that does not reproduce the
 * block's state root (changed, missing or repeated entries) is refused with nothing changed, and
 * only a fresh ledger may restore.
 */
class SnapshotRestoreTest {
  private final List<Ed25519KeyPair> holders = LedgerFixtures.keys(4);
  private final Genesis genesis = LedgerFixtures.genesis(holders);
  private final Ledger source = LedgerFixtures.openInMemory(genesis);

  private void blocks(int n) {
    for (int b = 0; b < n; b++) {
      long height = source.head().height() + 1;
      List<Transaction> txs = new ArrayList<>();
      for (int i = 0; i < holders.size(); i++) {
        Ed25519KeyPair from = holders.get(i);
        long nonce = source.account(from.address()).orElseThrow().nonce();
        txs.add(transfer(from, holders.get((i + 1) % holders.size()).address(), 1_000 + b,
            nonce, MIN_FEE, height + 100));
      }
      source.buildBlock(txs, VALIDATOR, GENESIS_TIME + height * 1000);
    }
  }

  private List<Ledger.StateEntry> entries(Ledger.StateView view) {
    List<Ledger.StateEntry> out = new ArrayList<>();
    view.forEachEntry(out::add);
    return out;
  }

  @Test
  void freshLedgerRestoresAndCarriesOn() {
    blocks(3);
    InMemoryStore store = new InMemoryStore();
    Ledger fresh = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
    try (Ledger.StateView view = source.stateView()) {
      fresh.restoreSnapshot(view.head(), new byte[] {1, 2}, entries(view));
    }
    assertEquals(source.head().hash(), fresh.head().hash());
    for (Ed25519KeyPair h : holders) {
      assertEquals(source.account(h.address()), fresh.account(h.address()));
    }
    assertEquals(source.proveAccount(holders.get(0).address()).stateRoot(),
        fresh.proveAccount(holders.get(0).address()).stateRoot());
    assertTrue(fresh.block(1).isEmpty(), "blocks below the snapshot are not stored");
    assertEquals(2, fresh.commitCertificate(3).orElseThrow().length);
    Modules.supplyInvariant().checkTotal(store);
    blocks(2);
    fresh.importBlock(source.block(4).orElseThrow());
    fresh.importBlock(source.block(5).orElseThrow());
    assertEquals(source.head().hash(), fresh.head().hash());
    // and it reopens from the store as any ledger does
    Ledger reopened = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
    assertEquals(5, reopened.head().height());
  }

  @Test
  void snapshotThatDoesNotReproduceTheStateRootIsRefused() {
    blocks(2);
    Ledger.StateView view = source.stateView();
    List<Ledger.StateEntry> good = entries(view);
    view.close();
    List<List<Ledger.StateEntry>> bad = new ArrayList<>();
    List<Ledger.StateEntry> changed = new ArrayList<>(good);
    Ledger.StateEntry first = changed.getFirst();
    byte[] value = first.value();
    value[value.length - 1] ^= 1;
    changed.set(0, new Ledger.StateEntry(first.column(), first.key(), value));
    bad.add(changed);
    bad.add(good.subList(1, good.size()));
    List<Ledger.StateEntry> repeated = new ArrayList<>(good);
    repeated.add(good.getLast());
    bad.add(repeated);
    for (List<Ledger.StateEntry> entries : bad) {
      Ledger fresh = LedgerFixtures.openInMemory(genesis);
      Hash before = fresh.proveAccount(holders.get(0).address()).stateRoot();
      assertThrows(Ledger.InvalidBlockException.class,
          () -> fresh.restoreSnapshot(view.head(), new byte[0], entries));
      assertEquals(0, fresh.head().height());
      assertEquals(before, fresh.proveAccount(holders.get(0).address()).stateRoot());
    }
  }

  @Test
  void onlyAFreshLedgerMayRestore() {
    blocks(1);
    Ledger other = LedgerFixtures.openInMemory(genesis);
    other.importBlock(source.block(1).orElseThrow());
    try (Ledger.StateView view = source.stateView()) {
      assertThrows(IllegalStateException.class,
          () -> other.restoreSnapshot(view.head(), new byte[0], entries(view)));
    }
  }
}
