package org.bcos.ledger.spi;

import java.util.Optional;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.types.Hash;

/**
 * A state entry read with its inclusion (or exclusion) proof against the state root of the block
 * at {@code height}. The entry sits in the state tree at {@code StateKey.treeKey(column, key)};
 * its leaf is the SHA-256 of the value.
 */
public record StateProof(long height, Hash stateRoot, Optional<byte[]> value,
    MerkleProof proof) {}
