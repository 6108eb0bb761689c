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
}
