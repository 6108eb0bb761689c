package org.bcos.storage;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Ordered byte-array key-value storage split into {@link Column}s. Keys compare as unsigned bytes,
 * lexicographically (RocksDB's bytewise order). Every write goes through one {@link WriteBatch}
 * applied atomically by {@link #commit}; readers never see part of a batch.
 *
 * <p>Arrays returned are the caller's to keep and modify. Implementations are thread-safe: any
 * number of readers and writers may call concurrently. Using a column the store was not opened
 * with, or any method after {@link #close()}, throws.
 *
 * <p>Behaviour is pinned by {@code KeyValueStoreContractTest} (published in this module's
 * test-jar), which every implementation passes.
 */
public interface KeyValueStore extends AutoCloseable {
  /** The value stored under {@code key} in {@code column}, or {@code null} if absent. */
  byte[] get(Column column, byte[] key);

  /**
   * Applies the whole batch or nothing. For a persistent store the batch is durable (synced to
   * disk) when this returns. An empty batch does nothing.
   *
   * @throws StorageException if the batch could not be written; then none of it was applied
   * @throws IllegalArgumentException if the batch names an unknown column; none of it is applied
   */
  void commit(WriteBatch batch);

  /**
   * Calls {@code visitor} for every entry of {@code column} whose key starts with {@code prefix}
   * (an empty prefix visits all), in ascending unsigned key order. The visit sees one consistent
   * snapshot taken at the call: batches committed meanwhile are not seen. The visitor may read and
   * commit, but must not close the store.
   */
  void forEach(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor);

  /**
   * As {@link #forEach}, starting at the first key under {@code prefix} that is not less than
   * {@code from} (a page's cursor): a store seeks there instead of visiting what comes before.
   * This default filters a full prefix scan; the stores override it with a seek.
   */
  default void forEachFrom(Column column, byte[] prefix, byte[] from,
      BiConsumer<byte[], byte[]> visitor) {
    forEach(column, prefix, (k, v) -> {
      if (java.util.Arrays.compareUnsigned(k, from) >= 0) visitor.accept(k, v);
    });
  }

  /**
   * A read-only view of the store as it is now, unchanged by later commits, until closed (for a
   * long export, such as a state snapshot, while the chain goes on). Close it promptly: it pins
   * storage.
   */
  ReadView snapshot();

  /** A consistent read-only view of a store at one moment. */
  interface ReadView extends AutoCloseable {
    /** As {@link KeyValueStore#forEach}, over the view. */
    void forEach(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor);

    @Override
    void close();
  }

  /** The entry with the greatest key in {@code column}, or empty if the column is empty. */
  Optional<Map.Entry<byte[], byte[]>> last(Column column);

  /** Releases all resources. Idempotent. */
  @Override
  void close();
}
