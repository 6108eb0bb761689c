package org.bcos.cli;

import java.util.Optional;
import org.bcos.ledger.state.StateKey;
import org.bcos.storage.Column;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.types.Digests;
import org.bcos.types.Hash;

/**
 * Checks a node's answer about one state entry against a state root the client trusts: the one
 * rule every proven query shares (an entry sits at {@code StateKey.treeKey(column, key)} and its
 * leaf is the SHA-256 of its value).
 */
final class StateProofs {
  private StateProofs() {}

  /**
   * Whether {@code proof} shows, under {@code root}, that {@code column}/{@code key} holds exactly
   * {@code value} (or, when it is empty, that the entry is absent). A proof for another key, or one
   * whose bytes do not decode, proves nothing.
   */
  static boolean verify(Hash root, Column column, byte[] key, Optional<byte[]> value,
      byte[] proofBytes) {
    MerkleProof proof;
    try {
      proof = MerkleProof.decode(proofBytes);
    } catch (RuntimeException malformed) {
      return false;
    }
    Hash treeKey = StateKey.treeKey(column, key);
    if (!proof.key().equals(treeKey)) return false;
    return value.isPresent()
        ? MerkleProof.verifyInclusion(root, treeKey, Digests.sha256(value.get()), proof)
        : MerkleProof.verifyExclusion(root, treeKey, proof);
  }
}
