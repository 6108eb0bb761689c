package org.bcos.ledger.state;

import java.util.Arrays;
import org.bcos.storage.Column;
import org.bcos.types.Digests;
import org.bcos.types.Hash;

/** A key in one state column; its {@link #treeKey()} places it in the Merkle state tree. */
public final class StateKey {
  private static final String TREE_DOMAIN = "BCOS/state/v1";
  private final Column column;
  private final byte[] key;
  private final int hashCode;

  public StateKey(Column column, byte[] key) {
    this.column = column;
    this.key = key.clone();
    this.hashCode = 31 * column.id() + Arrays.hashCode(key);
  }

  public Column column() {
    return column;
  }

  public byte[] key() {
    return key.clone();
  }

  /** Position in the state tree: domain-separated SHA-256 of column id and key. */
  public Hash treeKey() {
    return treeKey(column, key);
  }

  public static Hash treeKey(Column column, byte[] key) {
    return Digests.domain(TREE_DOMAIN, new byte[] {(byte) column.id()}, key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateKey k
        && k.column.id() == column.id()
        && Arrays.equals(k.key, key);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }
}
