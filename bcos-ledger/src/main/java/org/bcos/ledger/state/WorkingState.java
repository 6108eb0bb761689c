package org.bcos.ledger.state;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bcos.storage.Column;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.merkle.MerkleStateTree;
import org.bcos.storage.WriteBatch;
import org.bcos.types.Digests;

/**
 * Buffered state for one block: reads fall through to the committed store, writes stay here in
 * execution order until {@link #writeTo} puts them into the block's single write batch and the
 * state tree. Nothing reaches the store unless the whole block commits.
 */
public final class WorkingState {
  private static final byte[] DELETED = new byte[0];
  private final KeyValueStore committed;
  private final Map<StateKey, byte[]> changes = new LinkedHashMap<>();

  public WorkingState(KeyValueStore committed) {
    this.committed = committed;
  }

  public byte[] get(Column column, byte[] key) {
    byte[] pending = changes.get(new StateKey(column, key));
    if (pending != null) return pending == DELETED ? null : pending;
    return committed.get(column, key);
  }

  public void put(Column column, byte[] key, byte[] value) {
    changes.put(new StateKey(column, key), value.clone());
  }

  public void delete(Column column, byte[] key) {
    changes.put(new StateKey(column, key), DELETED);
  }

  public int changeCount() {
    return changes.size();
  }

  /** Keys changed so far, in the order of first change. */
  public Iterable<StateKey> changedKeys() {
    return changes.keySet();
  }

  /** Adds every change to {@code batch} and applies it to {@code tree}. */
  public void writeTo(WriteBatch batch, MerkleStateTree tree) {
    for (Map.Entry<StateKey, byte[]> e : changes.entrySet()) {
      StateKey k = e.getKey();
      byte[] key = k.key();
      if (e.getValue() == DELETED) {
        batch.delete(k.column(), key);
        tree.remove(k.treeKey());
      } else {
        batch.put(k.column(), key, e.getValue());
        tree.put(k.treeKey(), Digests.sha256(e.getValue()));
      }
    }
  }

  /** Undoes {@link #writeTo}'s effect on {@code tree}, restoring the committed values. */
  public void revertIn(MerkleStateTree tree) {
    for (StateKey k : changes.keySet()) {
      byte[] old = committed.get(k.column(), k.key());
      if (old == null) {
        tree.remove(k.treeKey());
      } else {
        tree.put(k.treeKey(), Digests.sha256(old));
      }
    }
  }

  /**
   * Visits the entries of {@code column} whose keys start with {@code prefix}, as this block sees
   * them (committed entries overlaid with this block's changes), in ascending unsigned key order.
   */
  public void forEach(Column column, byte[] prefix, java.util.function.BiConsumer<byte[], byte[]>
      visitor) {
    java.util.TreeMap<byte[], byte[]> merged = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
    committed.forEach(column, prefix, merged::put);
    for (Map.Entry<StateKey, byte[]> e : changes.entrySet()) {
      StateKey k = e.getKey();
      if (k.column().id() != column.id()) continue;
      byte[] key = k.key();
      if (!startsWith(key, prefix)) continue;
      if (e.getValue() == DELETED) {
        merged.remove(key);
      } else {
        merged.put(key, e.getValue());
      }
    }
    merged.forEach(visitor);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) return false;
    return java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
