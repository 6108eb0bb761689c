package org.bcos.ledger;

import static org.bcos.ledger.LedgerFixtures.GENESIS_TIME;
import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.bcos.ledger.LedgerFixtures.key;
import static org.bcos.ledger.LedgerFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.AccountTxIndex.Page;
import org.bcos.ledger.AccountTxIndex.Position;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/** The account index lists a sender's and a recipient's transactions, newest first, in pages. */
class AccountTxIndexTest {
  private final List<Ed25519KeyPair> holders = LedgerFixtures.keys(4);
  private final Genesis genesis = LedgerFixtures.genesis(holders);
  private final InMemoryStore store = new InMemoryStore();
  private final Ledger ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
  private final Address alice = holders.get(0).address();
  private final Address bob = holders.get(1).address();
  private final Address carol = key(77).address();

  private Block commit(List<Transaction> txs, long timeOffset) {
    Block block = ledger.buildBlock(txs, VALIDATOR, GENESIS_TIME + timeOffset).block();
    assertEquals(txs.size(), block.transactions().size());
    return block;
  }

  private Transaction pay(Ed25519KeyPair from, Address to, long nonce) {
    return transfer(from, to, Amount.UNITS_PER_DDC, nonce, MIN_FEE, 1_000);
  }

  private List<Hash> all(Address who, int pageSize) {
    List<Hash> out = new ArrayList<>();
    Optional<Position> from = Optional.empty();
    do {
      Page page = ledger.accountTransactions(who, from, pageSize);
      page.entries().forEach(e -> out.add(e.txHash()));
      from = page.next();
    } while (from.isPresent());
    return out;
  }

  @Test
  void senderAndRecipientSeeTheirTransactionsNewestFirst() {
    Block one = commit(List.of(pay(holders.get(0), carol, 0), pay(holders.get(1), carol, 0)),
        1_000);
    Block two = commit(List.of(pay(holders.get(0), bob, 1)), 2_000);
    Hash aliceToCarol = one.transactions().get(0).hash();
    Hash bobToCarol = one.transactions().get(1).hash();
    Hash aliceToBob = two.transactions().get(0).hash();

    assertEquals(List.of(aliceToBob, aliceToCarol), all(alice, 10));
    assertEquals(List.of(aliceToBob, bobToCarol), all(bob, 10));
    assertEquals(List.of(bobToCarol, aliceToCarol), all(carol, 10), "higher index first");
    assertEquals(List.of(), all(key(99).address(), 10));

    Page first = ledger.accountTransactions(carol, Optional.empty(), 1);
    assertEquals(new Position(1, 1), first.entries().get(0).position());
    assertEquals(Optional.of(new Position(1, 0)), first.next());
  }

  @Test
  void pagesOfAnySizeJoinToTheWholeHistoryWithoutGapsOrRepeats() {
    for (int b = 0; b < 5; b++) {
      commit(List.of(pay(holders.get(0), carol, 2 * b), pay(holders.get(0), bob, 2 * b + 1)),
          1_000L * (b + 1));
    }
    List<Hash> whole = all(alice, AccountTxIndex.MAX_PAGE);
    assertEquals(10, whole.size());
    for (int size = 1; size <= 11; size++) assertEquals(whole, all(alice, size), "page " + size);
    assertEquals(5, all(carol, 2).size());
  }

  @Test
  void aCursorPastTheHistoryGivesAnEmptyLastPage() {
    commit(List.of(pay(holders.get(0), carol, 0)), 1_000);
    Page page = ledger.accountTransactions(alice, Optional.of(new Position(0, 0)), 5);
    assertEquals(List.of(), page.entries());
    assertEquals(Optional.empty(), page.next());
  }

  @Test
  void pageSizeOutsideItsBoundsIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> ledger.accountTransactions(alice, Optional.empty(), 0));
    assertThrows(IllegalArgumentException.class,
        () -> ledger.accountTransactions(alice, Optional.empty(), AccountTxIndex.MAX_PAGE + 1));
  }

  @Test
  void theIndexIsNotStateAndLeavesTheStateRootAlone() {
    Block block = commit(List.of(pay(holders.get(0), carol, 0)), 1_000);
    Ledger replica = Ledger.open(new InMemoryStore(), genesis, SignatureCheck.withBestVerifier());
    replica.importBlock(block);
    assertEquals(block.header().stateRoot(), replica.head().header().stateRoot());
    assertEquals(List.of(block.transactions().get(0).hash()),
        replica.accountTransactions(carol, Optional.empty(), 5).entries().stream()
            .map(AccountTxIndex.Entry::txHash).toList());
  }
}
