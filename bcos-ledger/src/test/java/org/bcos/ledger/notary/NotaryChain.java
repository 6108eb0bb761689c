package org.bcos.ledger.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.LedgerTestChain;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * An in-memory ledger (four funded holders, the fixtures' validator) driven block by block for
 * the notary tests, one second of block time per block.
 */
final class NotaryChain extends LedgerTestChain {
  NotaryChain() {
    super(LedgerFixtures.genesis(LedgerFixtures.keys(4)), new InMemoryStore(), EvidenceCheck.NONE,
        LedgerTestChain::fixtureValidator);
  }

  /** {@code m} from {@code from} at {@code nonce}, paying the minimum fee. */
  Transaction tx(Ed25519KeyPair from, long nonce, Message m) {
    return LedgerFixtures.sign(from, nonce, LedgerFixtures.MIN_FEE, height() + 100, m);
  }

  BlockResult block(List<Transaction> txs) {
    return block(txs.toArray(Transaction[]::new));
  }

  /** Sends {@code m} from {@code from} in a block of its own; it must execute. Its height. */
  long ok(Ed25519KeyPair from, Message m) {
    BlockResult r = block(tx(from, nonce(from), m));
    assertEquals(List.of(), r.skipped().stream().map(s -> s.verdict().message()).toList());
    assertEquals(1, r.block().transactions().size());
    return r.block().header().height();
  }

  void rejected(Rejection reason, Ed25519KeyPair from, Message m) {
    rejected(reason, tx(from, nonce(from), m));
  }
}
