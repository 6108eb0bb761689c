package org.bcos.storage.merkle;

import java.util.List;
import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * What a {@link MerkleStateTree} holds at {@code key}, checkable against a root alone.
 *
 * <p>{@code siblings} are listed <b>top-down</b>: {@code siblings.get(i)} is the hash of the
 * subtree beside the key's path at depth {@code i + 1}, i.e. the child of the depth-{@code i} node
 * on the side opposite to key bit {@code i}. The path ends after {@code siblings.size()} steps at
 * either a leaf ({@code leafKey}, {@code leafValueHash}) or, when both are null, an empty subtree.
 * The leaf is {@code key} itself for an inclusion proof; another key sharing the path (or an empty
 * subtree) proves exclusion.
 *
 * <p>Canonical encoding: key (32 bytes), varint sibling count (at most {@value #MAX_SIBLINGS}), the
 * siblings (32 bytes each), a boolean "ends at a leaf", then leaf key and value hash if so.
 *
 * @param key the key asked about
 * @param siblings sibling hashes, top-down, at most {@value #MAX_SIBLINGS}
 * @param leafKey key of the leaf ending the path, or null for an empty subtree
 * @param leafValueHash value hash of that leaf, null exactly when {@code leafKey} is
 */
public record MerkleProof(Hash key, List<Hash> siblings, Hash leafKey, Hash leafValueHash) {
  /** One per key bit: no path is longer. */
  public static final int MAX_SIBLINGS = 256;

  public MerkleProof {
    Objects.requireNonNull(key, "key");
    siblings = List.copyOf(siblings);
    if (siblings.size() > MAX_SIBLINGS) {
      throw new IllegalArgumentException(
          "a proof has at most " + MAX_SIBLINGS + " siblings, got " + siblings.size());
    }
    if ((leafKey == null) != (leafValueHash == null)) {
      throw new IllegalArgumentException("leafKey and leafValueHash must both be set or both null");
    }
  }

  /**
   * True if the proof shows that the tree with root {@code root} maps {@code key} to {@code
   * valueHash}.
   */
  public static boolean verifyInclusion(Hash root, Hash key, Hash valueHash, MerkleProof proof) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(valueHash, "valueHash");
    if (!proof.key.equals(key)
        || !key.equals(proof.leafKey)
        || !valueHash.equals(proof.leafValueHash)) {
      return false;
    }
    MerkleHasher hasher = new MerkleHasher();
    return proof.computesRoot(root, hasher, hasher.leaf(key, valueHash));
  }

  /** True if the proof shows that the tree with root {@code root} does not hold {@code key}. */
  public static boolean verifyExclusion(Hash root, Hash key, MerkleProof proof) {
    Objects.requireNonNull(root, "root");
    if (!proof.key.equals(key)) {
      return false;
    }
    MerkleHasher hasher = new MerkleHasher();
    byte[] end;
    if (proof.leafKey == null) {
      end = MerkleHasher.EMPTY;
    } else if (proof.leafKey.equals(key)
        || !sharesPath(key, proof.leafKey, proof.siblings.size())) {
      // The key itself, or a leaf that is not where the key's path would end.
      return false;
    } else {
      end = hasher.leaf(proof.leafKey, proof.leafValueHash);
    }
    return proof.computesRoot(root, hasher, end);
  }

  /** The canonical bytes of this proof. */
  public byte[] encode() {
    Encoder out = new Encoder(Hash.LENGTH * (siblings.size() + 3) + 4);
    out.hash(key).varint(siblings.size());
    for (Hash sibling : siblings) {
      out.hash(sibling);
    }
    out.bool(leafKey != null);
    if (leafKey != null) {
      out.hash(leafKey).hash(leafValueHash);
    }
    return out.toByteArray();
  }

  /**
   * Reads the canonical bytes of a proof.
   *
   * @throws CodecException if the bytes are truncated, non-canonical, carry more than {@value
   *     #MAX_SIBLINGS} siblings, or have trailing bytes
   */
  public static MerkleProof decode(byte[] bytes) {
    Decoder in = new Decoder(bytes);
    Hash key = in.hash();
    int count = (int) in.varint(MAX_SIBLINGS);
    Hash[] siblings = new Hash[count];
    for (int i = 0; i < count; i++) {
      siblings[i] = in.hash();
    }
    Hash leafKey = null;
    Hash leafValueHash = null;
    if (in.bool()) {
      leafKey = in.hash();
      leafValueHash = in.hash();
    }
    in.finish();
    return new MerkleProof(key, List.of(siblings), leafKey, leafValueHash);
  }

  /** Folds the siblings bottom-up along {@link #key}'s path from the end node's hash. */
  private boolean computesRoot(Hash root, MerkleHasher hasher, byte[] endHash) {
    byte[] hash = endHash;
    for (int depth = siblings.size() - 1; depth >= 0; depth--) {
      byte[] sibling = siblings.get(depth).toBytes();
      hash = key.bit(depth) ? hasher.internal(sibling, hash) : hasher.internal(hash, sibling);
    }
    return root.equals(Hash.wrap(hash));
  }

  private static boolean sharesPath(Hash a, Hash b, int bits) {
    for (int i = 0; i < bits; i++) {
      if (a.bit(i) != b.bit(i)) {
        return false;
      }
    }
    return true;
  }
}
