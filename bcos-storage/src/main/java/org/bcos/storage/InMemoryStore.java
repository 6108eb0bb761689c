package org.bcos.storage;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

/**
 * A {@link KeyValueStore} held in sorted maps, for tests and tools. Commits apply the whole batch
 * under a write lock, so readers see all of a batch or none of it. Nothing survives the process.
 *
 * <p>Created with a column list it accepts only those columns, like {@link RocksDbStore}; created
 * without, it accepts any column on first use but still refuses two columns with the same id and
 * different names.
 */
public final class InMemoryStore implements KeyValueStore {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Integer, Column> columns = new HashMap<>();
  private final Map<Integer, NavigableMap<byte[], byte[]>> data = new HashMap<>();
  private final boolean fixedColumns;
  private boolean closed;

  /** A store that accepts any column. */
  public InMemoryStore() {
    this.fixedColumns = false;
  }

  /** A store that accepts only {@code columns} (ids and names unique). */
  public InMemoryStore(List<Column> columns) {
    this.fixedColumns = true;
    for (Column column : Columns.checkUnique(columns)) {
      this.columns.put(column.id(), column);
      this.data.put(column.id(), newMap());
    }
  }

  private static NavigableMap<byte[], byte[]> newMap() {
    return new TreeMap<>(Arrays::compareUnsigned);
  }

  @Override
  public byte[] get(Column column, byte[] key) {
    Objects.requireNonNull(key, "key");
    lock.readLock().lock();
    try {
      NavigableMap<byte[], byte[]> map = readableMap(column);
      byte[] value = map == null ? null : map.get(key);
      return value == null ? null : value.clone();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void commit(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    lock.writeLock().lock();
    try {
      checkOpen();
      // Check every column before touching data, so a bad batch applies nothing.
      batch.replay(
          new WriteBatch.Visitor() {
            @Override
            public void put(Column column, byte[] key, byte[] value) {
              checkColumn(column);
            }

            @Override
            public void delete(Column column, byte[] key) {
              checkColumn(column);
            }
          });
      batch.replay(
          new WriteBatch.Visitor() {
            @Override
            public void put(Column column, byte[] key, byte[] value) {
              writableMap(column).put(key.clone(), value.clone());
            }

            @Override
            public void delete(Column column, byte[] key) {
              writableMap(column).remove(key);
            }
          });
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void forEach(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    forEachFrom(column, prefix, prefix, visitor);
  }

  @Override
  public void forEachFrom(Column column, byte[] prefix, byte[] from,
      BiConsumer<byte[], byte[]> visitor) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(visitor, "visitor");
    // Copy the range under the lock and visit outside it, so the visitor may commit.
    List<Map.Entry<byte[], byte[]>> snapshot = new ArrayList<>();
    lock.readLock().lock();
    try {
      NavigableMap<byte[], byte[]> map = readableMap(column);
      if (map != null) {
        for (Map.Entry<byte[], byte[]> e : range(map, prefix, from).entrySet()) {
          snapshot.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    for (Map.Entry<byte[], byte[]> e : snapshot) {
      visitor.accept(e.getKey().clone(), e.getValue().clone());
    }
  }

  @Override
  public ReadView snapshot() {
    InMemoryStore copy = new InMemoryStore();
    WriteBatch all = new WriteBatch();
    lock.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("store is closed");
      for (Map.Entry<Integer, NavigableMap<byte[], byte[]>> e : data.entrySet()) {
        Column column = columns.getOrDefault(e.getKey(), new Column(e.getKey(), "c" + e.getKey()));
        for (Map.Entry<byte[], byte[]> kv : e.getValue().entrySet()) {
          all.put(column, kv.getKey(), kv.getValue());
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    copy.commit(all);
    return new ReadView() {
      @Override
      public void forEach(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        copy.forEach(column, prefix, visitor);
      }

      @Override
      public void close() {
        copy.close();
      }
    };
  }

  @Override
  public Optional<Map.Entry<byte[], byte[]>> last(Column column) {
    lock.readLock().lock();
    try {
      NavigableMap<byte[], byte[]> map = readableMap(column);
      if (map == null || map.isEmpty()) {
        return Optional.empty();
      }
      Map.Entry<byte[], byte[]> e = map.lastEntry();
      return Optional.of(Map.entry(e.getKey().clone(), e.getValue().clone()));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      data.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The entries under {@code prefix} from key {@code from} on (from the prefix if less). */
  private static NavigableMap<byte[], byte[]> range(
      NavigableMap<byte[], byte[]> map, byte[] prefix, byte[] from) {
    byte[] start = Arrays.compareUnsigned(from, prefix) > 0 ? from : prefix;
    byte[] end = prefix.length == 0 ? null : Columns.prefixEnd(prefix);
    if (end == null) return map.tailMap(start, true);
    if (Arrays.compareUnsigned(start, end) >= 0) return Collections.emptyNavigableMap();
    return map.subMap(start, true, end, false);
  }

  /** The column's map, or null if a lazily accepted column has never been written. */
  private NavigableMap<byte[], byte[]> readableMap(Column column) {
    checkOpen();
    checkColumn(column);
    return data.get(column.id());
  }

  private NavigableMap<byte[], byte[]> writableMap(Column column) {
    columns.putIfAbsent(column.id(), column);
    return data.computeIfAbsent(column.id(), id -> newMap());
  }

  private void checkColumn(Column column) {
    Objects.requireNonNull(column, "column");
    Column known = columns.get(column.id());
    if (known == null ? fixedColumns : !known.equals(column)) {
      throw new IllegalArgumentException(
          "unknown column " + column + (known == null ? "" : "; id is taken by " + known));
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("store is closed");
    }
  }
}
