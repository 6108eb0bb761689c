package org.bcos.ledger.block;

import java.util.List;
import org.bcos.types.Digests;
import org.bcos.types.Hash;

/**
 * Merkle root of a block's transaction hashes, shaped as RFC 6962 (leaf = H(0x00 || txHash), node
 * = H(0x01 || left || right), split at the largest power of two below n); empty list → ZERO.
 */
public final class TxRoot {
  private static final byte[] LEAF = {0};
  private static final byte[] NODE = {1};

  private TxRoot() {}

  public static Hash of(List<Hash> txHashes) {
    if (txHashes.isEmpty()) return Hash.ZERO;
    Hash[] level = new Hash[txHashes.size()];
    for (int i = 0; i < level.length; i++) {
      level[i] = Digests.sha256(concat(LEAF, txHashes.get(i).toBytes()));
    }
    return subtree(level, 0, level.length);
  }

  private static Hash subtree(Hash[] leaves, int from, int to) {
    int n = to - from;
    if (n == 1) return leaves[from];
    int split = Integer.highestOneBit(n - 1);
    Hash left = subtree(leaves, from, from + split);
    Hash right = subtree(leaves, from + split, to);
    return Digests.sha256(concat(NODE, left.toBytes(), right.toBytes()));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Leaf hash as used in the tree: H(0x00 || item). */
  public static Hash leaf(Hash item) {
    return Digests.sha256(concat(LEAF, item.toBytes()));
  }

  /**
   * The audit path of item {@code index} (RFC 6962 §2.1.1): sibling hashes from the leaf upwards.
   */
  public static List<Hash> auditPath(List<Hash> items, int index) {
    Hash[] leaves = new Hash[items.size()];
    for (int i = 0; i < leaves.length; i++) leaves[i] = leaf(items.get(i));
    java.util.ArrayList<Hash> path = new java.util.ArrayList<>();
    path(leaves, 0, leaves.length, index, path);
    return List.copyOf(path);
  }

  private static void path(Hash[] leaves, int from, int to, int index, List<Hash> out) {
    int n = to - from;
    if (n <= 1) return;
    int split = Integer.highestOneBit(n - 1);
    if (index < from + split) {
      path(leaves, from, from + split, index, out);
      out.add(subtree(leaves, from + split, to));
    } else {
      path(leaves, from + split, to, index, out);
      out.add(subtree(leaves, from, from + split));
    }
  }

  /** Checks an audit path for {@code item} at {@code index} of {@code size} items. */
  public static boolean verify(Hash root, Hash item, int index, int size, List<Hash> path) {
    if (index < 0 || index >= size) return false;
    return root.equals(fold(leaf(item), index, 0, size, path, path.size() - 1));
  }

  private static Hash fold(Hash leaf, int index, int from, int to, List<Hash> path, int at) {
    int n = to - from;
    if (n == 1) return at == -1 ? leaf : null;
    if (at < 0) return null;
    int split = Integer.highestOneBit(n - 1);
    Hash sibling = path.get(at);
    if (index < from + split) {
      Hash left = fold(leaf, index, from, from + split, path, at - 1);
      return left == null ? null : Digests.sha256(concat(NODE, left.toBytes(), sibling.toBytes()));
    }
    Hash right = fold(leaf, index, from + split, to, path, at - 1);
    return right == null ? null : Digests.sha256(concat(NODE, sibling.toBytes(), right.toBytes()));
  }
}
