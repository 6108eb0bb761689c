package org.bcos.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.spi.StateProof;
import org.bcos.ledger.state.StateKey;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.types.Digests;
import org.junit.jupiter.api.Test;

/** What module queries read through {@link org.bcos.ledger.spi.QueryContext}. */
class QueryContextTest {
  private final List<Ed25519KeyPair> keys = LedgerFixtures.keys(3);
  private final Ledger ledger = LedgerFixtures.openInMemory(LedgerFixtures.genesis(keys));

  @Test
  void severalEntriesAreProvenAgainstTheHeadRootTogether() {
    ledger.buildBlock(List.of(LedgerFixtures.transfer(keys.get(0), keys.get(1).address(), 5, 0,
        LedgerFixtures.MIN_FEE, 100)), LedgerFixtures.VALIDATOR,
        LedgerFixtures.GENESIS_TIME + 1_000);
    StateKey present = new StateKey(Account.STATE_COLUMN, keys.get(1).address().toBytes());
    StateKey absent = new StateKey(Account.STATE_COLUMN, LedgerFixtures.key(99).address()
        .toBytes());
    List<StateProof> proofs = ledger.proveStates(List.of(present, absent));
    assertEquals(2, proofs.size());
    for (StateProof p : proofs) {
      assertEquals(1, p.height());
      assertEquals(ledger.head().header().stateRoot(), p.stateRoot());
    }
    assertTrue(MerkleProof.verifyInclusion(proofs.get(0).stateRoot(), present.treeKey(),
        Digests.sha256(proofs.get(0).value().orElseThrow()), proofs.get(0).proof()));
    assertFalse(proofs.get(1).value().isPresent());
    assertTrue(MerkleProof.verifyExclusion(proofs.get(1).stateRoot(), absent.treeKey(),
        proofs.get(1).proof()));
  }

  @Test
  void blockTimesComeFromTheHeadersOfCommittedBlocks() {
    long time = LedgerFixtures.GENESIS_TIME + 7_000;
    ledger.buildBlock(List.of(), LedgerFixtures.VALIDATOR, time);
    assertEquals(OptionalLong.of(LedgerFixtures.GENESIS_TIME), ledger.blockTimeMillis(0));
    assertEquals(OptionalLong.of(time), ledger.blockTimeMillis(1));
    assertEquals(OptionalLong.empty(), ledger.blockTimeMillis(2));
    assertEquals(OptionalLong.empty(), ledger.blockTimeMillis(-1));
  }
}
