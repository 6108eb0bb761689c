package org.bcos.ledger.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.coin.api.Account;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * An in-memory ledger (four funded holders, the fixtures' validator) driven block by block for
 * the notary tests, one second of block time per block.
 */
final class NotaryChain {
  final Ledger ledger = LedgerFixtures.openInMemory(LedgerFixtures.genesis(
      LedgerFixtures.keys(4)));
  private long time = LedgerFixtures.GENESIS_TIME;

  long nonce(Ed25519KeyPair k) {
    return ledger.account(k.address()).map(Account::nonce).orElse(0L);
  }

  /** {@code m} from {@code from} at {@code nonce}, paying the minimum fee. */
  Transaction tx(Ed25519KeyPair from, long nonce, Message m) {
    return LedgerFixtures.sign(from, nonce, LedgerFixtures.MIN_FEE, ledger.head().height() + 100,
        m);
  }

  BlockResult block(List<Transaction> txs) {
    time += 1_000;
    return ledger.buildBlock(txs, LedgerFixtures.VALIDATOR, time);
  }

  /** Sends {@code m} from {@code from} in a block of its own; it must execute. Its height. */
  long ok(Ed25519KeyPair from, Message m) {
    BlockResult r = block(List.of(tx(from, nonce(from), m)));
    assertEquals(List.of(), r.skipped().stream().map(s -> s.verdict().message()).toList());
    assertEquals(1, r.block().transactions().size());
    return r.block().header().height();
  }

  void rejected(Rejection reason, Ed25519KeyPair from, Message m) {
    rejected(reason, tx(from, nonce(from), m));
  }

  /** A block holding only {@code tx}, refused with {@code reason}: the state root is unchanged. */
  void rejected(Rejection reason, Transaction tx) {
    Hash before = ledger.head().header().stateRoot();
    BlockResult r = block(List.of(tx));
    assertEquals(1, r.skipped().size(), "the transaction should be refused");
    assertEquals(reason, r.skipped().getFirst().verdict().rejection(),
        r.skipped().getFirst().verdict().message());
    assertEquals(0, r.block().transactions().size());
    assertEquals(before, r.block().header().stateRoot(), "a refused transaction changed state");
  }
}
