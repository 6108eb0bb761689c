package org.bcos.storage.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bcos.types.Hash;

/**
 * An authenticated map from 32-byte key hashes to 32-byte value hashes; its {@link #root()} is the
 * chain's state root.
 *
 * <p>The tree is the binary sparse Merkle tree over the 256 key bits (bit 0 = most significant bit
 * of byte 0 picks the first branch, 0 = left) in which every subtree holding exactly one leaf is
 * replaced by that leaf, as in Diem's Jellyfish Merkle tree. So the shape, and therefore the root,
 * depends only on the set of (key, value) pairs, never on the order of updates. Hashes: empty
 * subtree = {@link Hash#ZERO}, leaf = SHA-256(0x00 || key || valueHash), internal node =
 * SHA-256(0x01 || left || right). An internal node always holds at least two leaves.
 *
 * <p>Updates only mark the path they touch; {@link #root()} rehashes the marked paths and keeps
 * every other node's hash.
 *
 * <p><b>Not thread-safe</b>: one writer (the block executor) owns it; {@link #root()} and {@link
 * #prove} also write (they cache hashes), so even readers must not run alongside.
 */
public final class MerkleStateTree {
  /** A leaf or an internal node; null stands for the empty subtree. */
  private abstract static sealed class Node permits Leaf, Internal {
    /** This node's hash, or null while it must be recomputed. */
    byte[] hash;
  }

  private static final class Leaf extends Node {
    final Hash key;
    final Hash valueHash;

    Leaf(Hash key, Hash valueHash) {
      this.key = key;
      this.valueHash = valueHash;
    }
  }

  private static final class Internal extends Node {
    Node left;
    Node right;
  }

  private final MerkleHasher hasher = new MerkleHasher();
  private Node root;
  private int size;

  /** Set by the recursive update when it changed something, so parents mark themselves. */
  private boolean changed;

  /** Sets the value hash of {@code key}, adding the key if absent. */
  public void put(Hash key, Hash valueHash) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(valueHash, "valueHash");
    changed = false;
    root = insert(root, 0, key, valueHash);
  }

  /** Removes {@code key}; removing an absent key changes nothing. */
  public void remove(Hash key) {
    Objects.requireNonNull(key, "key");
    changed = false;
    root = delete(root, 0, key);
  }

  /** The root hash ({@link Hash#ZERO} when empty), recomputing only the paths changed since. */
  public Hash root() {
    return Hash.wrap(hashOf(root));
  }

  /** Number of keys. */
  public int size() {
    return size;
  }

  /**
   * A proof of what the tree holds at {@code key}: the key's leaf (inclusion), or another leaf or
   * an empty subtree where the key's path ends (exclusion). Check it with {@link
   * MerkleProof#verifyInclusion} or {@link MerkleProof#verifyExclusion} against {@link #root()}.
   */
  public MerkleProof prove(Hash key) {
    Objects.requireNonNull(key, "key");
    List<Hash> siblings = new ArrayList<>();
    Node node = root;
    int depth = 0;
    while (node instanceof Internal internal) {
      boolean right = key.bit(depth);
      siblings.add(Hash.wrap(hashOf(right ? internal.left : internal.right)));
      node = right ? internal.right : internal.left;
      depth++;
    }
    if (node instanceof Leaf leaf) {
      return new MerkleProof(key, siblings, leaf.key, leaf.valueHash);
    }
    return new MerkleProof(key, siblings, null, null);
  }

  private Node insert(Node node, int depth, Hash key, Hash valueHash) {
    if (node == null) {
      size++;
      changed = true;
      return new Leaf(key, valueHash);
    }
    if (node instanceof Leaf leaf) {
      if (!leaf.key.equals(key)) {
        size++;
        changed = true;
        return split(leaf, new Leaf(key, valueHash), depth);
      }
      if (leaf.valueHash.equals(valueHash)) {
        return leaf;
      }
      changed = true;
      return new Leaf(key, valueHash);
    }
    Internal internal = (Internal) node;
    if (key.bit(depth)) {
      internal.right = insert(internal.right, depth + 1, key, valueHash);
    } else {
      internal.left = insert(internal.left, depth + 1, key, valueHash);
    }
    if (changed) {
      internal.hash = null;
    }
    return internal;
  }

  /** The smallest subtree at {@code depth} holding two leaves with different keys. */
  private static Internal split(Leaf a, Leaf b, int depth) {
    Internal top = new Internal();
    Internal current = top;
    int d = depth;
    while (a.key.bit(d) == b.key.bit(d)) {
      Internal next = new Internal();
      if (a.key.bit(d)) {
        current.right = next;
      } else {
        current.left = next;
      }
      current = next;
      d++;
    }
    current.left = a.key.bit(d) ? b : a;
    current.right = a.key.bit(d) ? a : b;
    return top;
  }

  private Node delete(Node node, int depth, Hash key) {
    if (node == null) {
      return null;
    }
    if (node instanceof Leaf leaf) {
      if (!leaf.key.equals(key)) {
        return leaf;
      }
      size--;
      changed = true;
      return null;
    }
    Internal internal = (Internal) node;
    boolean right = key.bit(depth);
    Node child = delete(right ? internal.right : internal.left, depth + 1, key);
    if (!changed) {
      return internal;
    }
    if (right) {
      internal.right = child;
    } else {
      internal.left = child;
    }
    internal.hash = null;
    Node other = right ? internal.left : internal.right;
    // A subtree left with a single leaf becomes that leaf, which keeps the shape canonical.
    if (child == null && other instanceof Leaf) {
      return other;
    }
    if (other == null && child instanceof Leaf) {
      return child;
    }
    return internal;
  }

  private byte[] hashOf(Node node) {
    if (node == null) {
      return MerkleHasher.EMPTY;
    }
    if (node.hash == null) {
      node.hash =
          switch (node) {
            case Leaf leaf -> hasher.leaf(leaf.key, leaf.valueHash);
            case Internal internal ->
                hasher.internal(hashOf(internal.left), hashOf(internal.right));
          };
    }
    return node.hash;
  }
}
