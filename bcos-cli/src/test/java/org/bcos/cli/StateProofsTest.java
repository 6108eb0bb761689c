package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.bcos.ledger.state.StateKey;
import org.bcos.storage.Column;
import org.bcos.storage.merkle.MerkleStateTree;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;

/** The client's state-proof check: the right entry proves, anything else does not. */
class StateProofsTest {
  private static final Column COLUMN = new Column(7, "test_entries");
  private static final Column OTHER_COLUMN = new Column(8, "other_entries");
  private static final byte[] KEY = {1, 2, 3};
  private static final byte[] VALUE = {9, 9};
  private final MerkleStateTree tree = new MerkleStateTree();

  StateProofsTest() {
    tree.put(StateKey.treeKey(COLUMN, KEY), Digests.sha256(VALUE));
    tree.put(StateKey.treeKey(COLUMN, new byte[] {4}), Digests.sha256(new byte[] {5}));
  }

  private byte[] proof(Column column, byte[] key) {
    return tree.prove(StateKey.treeKey(column, key)).encode();
  }

  @Test
  void theEntryItsValueAndItsRootVerify() {
    assertTrue(StateProofs.verify(tree.root(), COLUMN, KEY, Optional.of(VALUE),
        proof(COLUMN, KEY)));
  }

  @Test
  void anotherValueKeyColumnOrRootDoesNot() {
    byte[] p = proof(COLUMN, KEY);
    assertFalse(StateProofs.verify(tree.root(), COLUMN, KEY, Optional.of(new byte[] {9}), p));
    assertFalse(StateProofs.verify(tree.root(), COLUMN, new byte[] {4}, Optional.of(VALUE), p));
    assertFalse(StateProofs.verify(tree.root(), OTHER_COLUMN, KEY, Optional.of(VALUE), p));
    assertFalse(StateProofs.verify(Hash.ZERO, COLUMN, KEY, Optional.of(VALUE), p));
    assertFalse(StateProofs.verify(tree.root(), COLUMN, KEY, Optional.empty(), p),
        "an inclusion proof is no proof of absence");
  }

  @Test
  void absenceVerifiesOnlyForAMissingEntry() {
    byte[] missing = {7, 7};
    assertTrue(StateProofs.verify(tree.root(), COLUMN, missing, Optional.empty(),
        proof(COLUMN, missing)));
    assertFalse(StateProofs.verify(tree.root(), COLUMN, missing, Optional.of(VALUE),
        proof(COLUMN, missing)));
  }

  @Test
  void bytesThatAreNoProofProveNothing() {
    assertFalse(StateProofs.verify(tree.root(), COLUMN, KEY, Optional.of(VALUE), new byte[] {1}));
  }
}
