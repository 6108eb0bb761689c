package org.bcos.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * A {@link KeyValueStore} on RocksDB: one column family per {@link Column} (named after it), one
 * RocksDB write batch per {@link #commit}, written with the WAL on and synced before returning, so
 * a committed batch survives a crash and a half-written one never appears.
 *
 * <p>Memory is bounded: one shared {@value #BLOCK_CACHE_BYTES}-byte block cache (index and filter
 * blocks included) and {@value #MEMTABLE_BYTES} bytes of memtables across all columns. Data is
 * LZ4-compressed; point reads use Bloom filters.
 *
 * <p>The store records, in RocksDB's default column family, which id each column name was opened
 * with, and refuses to open when the program declares a known id under another name (or a known
 * name under another id): column ids are never reused. Column families on disk that the program no
 * longer declares are opened (RocksDB requires it) and left untouched.
 *
 * <p>Thread-safe. {@link #close()} waits for calls in progress, after which every call throws.
 */
public final class RocksDbStore implements KeyValueStore {
  static final long BLOCK_CACHE_BYTES = 64L << 20;
  static final long MEMTABLE_BYTES = 64L << 20;
  private static final long WRITE_BUFFER_BYTES = 16L << 20;
  private static final long BLOCK_BYTES = 16L << 10;
  private static final long MAX_TOTAL_WAL_BYTES = 256L << 20;
  private static final long MAX_INFO_LOG_BYTES = 16L << 20;
  private static final int MAX_OPEN_FILES = 1024;
  private static final int BACKGROUND_JOBS = 2;
  private static final String ID_KEY_PREFIX = "bcos.column.id.";
  private static final String NAME_KEY_PREFIX = "bcos.column.name.";

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final RocksDB db;
  private final Map<Integer, Column> columns;
  private final Map<Integer, ColumnFamilyHandle> handles;
  private final WriteOptions syncWrites;

  /** Everything to close, in the order to close it. */
  private final List<AutoCloseable> resources;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksDbStore(
      Path dir,
      RocksDB db,
      Map<Integer, Column> columns,
      Map<Integer, ColumnFamilyHandle> handles,
      WriteOptions syncWrites,
      List<AutoCloseable> resources) {
    this.dir = dir;
    this.db = db;
    this.columns = columns;
    this.handles = handles;
    this.syncWrites = syncWrites;
    this.resources = resources;
  }

  /**
   * Opens (creating if needed) the database in {@code dir} with {@code columns}, creating missing
   * column families.
   *
   * @throws StorageException if the directory is used by another process, is not a readable and
   *     writable directory, holds a database RocksDB cannot open, or pairs a declared column id or
   *     name differently
   */
  public static RocksDbStore open(Path dir, List<Column> columns) {
    Objects.requireNonNull(dir, "dir");
    List<Column> declared = Columns.checkUnique(columns);
    prepareDirectory(dir);
    // Options in creation order; the store closes handles, then the db, then these in reverse.
    List<AutoCloseable> options = new ArrayList<>();
    List<AutoCloseable> toClose = options.reversed();
    try {
      LRUCache cache = keep(options, new LRUCache(BLOCK_CACHE_BYTES));
      BloomFilter filter = keep(options, new BloomFilter(10));
      ColumnFamilyOptions cfOptions = keep(options, columnFamilyOptions(cache, filter));
      DBOptions dbOptions = keep(options, dbOptions());
      WriteOptions syncWrites = keep(options, new WriteOptions().setSync(true));

      List<String> names = familyNames(dir, declared);
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : names) {
        descriptors.add(
            new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
      }
      List<ColumnFamilyHandle> handleList = new ArrayList<>();
      RocksDB db = openDb(dir, dbOptions, descriptors, handleList);
      List<AutoCloseable> closeOrder = new ArrayList<>(handleList);
      closeOrder.add(db);
      closeOrder.addAll(options.reversed());
      toClose = closeOrder;

      Map<Integer, ColumnFamilyHandle> handles = new HashMap<>();
      Map<Integer, Column> byId = new HashMap<>();
      for (Column column : declared) {
        handles.put(column.id(), handleList.get(names.indexOf(column.name())));
        byId.put(column.id(), column);
      }
      checkColumnIds(dir, db, declared, syncWrites);
      return new RocksDbStore(
          dir, db, Map.copyOf(byId), Map.copyOf(handles), syncWrites, List.copyOf(closeOrder));
    } catch (RuntimeException e) {
      closeAll(toClose, e);
      throw e;
    }
  }

  @Override
  public byte[] get(Column column, byte[] key) {
    Objects.requireNonNull(key, "key");
    lock.readLock().lock();
    try {
      ColumnFamilyHandle handle = handle(column);
      return db.get(handle, key);
    } catch (RocksDBException e) {
      throw failure("read", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void commit(WriteBatch batch) {
    Objects.requireNonNull(batch, "batch");
    if (batch.isEmpty()) {
      checkOpenUnlocked();
      return;
    }
    lock.readLock().lock();
    try (org.rocksdb.WriteBatch native_ = new org.rocksdb.WriteBatch()) {
      checkOpen();
      batch.replay(new NativeBatchWriter(native_));
      db.write(syncWrites, native_);
    } catch (RocksDBException e) {
      throw failure("write", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void forEach(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    scan(column, prefix, prefix, visitor, null);
  }

  @Override
  public void forEachFrom(Column column, byte[] prefix, byte[] from,
      BiConsumer<byte[], byte[]> visitor) {
    Objects.requireNonNull(from, "from");
    scan(column, prefix, java.util.Arrays.compareUnsigned(from, prefix) > 0 ? from : prefix,
        visitor, null);
  }

  /**
   * Visits {@code column} under {@code prefix} from key {@code start} (the prefix itself, or a
   * greater key), at {@code snapshot} if not null.
   */
  private void scan(Column column, byte[] prefix, byte[] start,
      BiConsumer<byte[], byte[]> visitor,
      org.rocksdb.Snapshot snapshot) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(visitor, "visitor");
    byte[] end = Columns.prefixEnd(prefix);
    lock.readLock().lock();
    try (Slice upper = end == null ? null : new Slice(end);
        ReadOptions options = new ReadOptions()) {
      ColumnFamilyHandle handle = handle(column);
      if (upper != null) {
        options.setIterateUpperBound(upper);
      }
      if (snapshot != null) {
        options.setSnapshot(snapshot);
      }
      try (RocksIterator it = db.newIterator(handle, options)) {
        if (start.length == 0) {
          it.seekToFirst();
        } else {
          it.seek(start);
        }
        for (; it.isValid(); it.next()) {
          visitor.accept(it.key(), it.value());
        }
        it.status();
      }
    } catch (RocksDBException e) {
      throw failure("scan", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public ReadView snapshot() {
    lock.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("store is closed");
      org.rocksdb.Snapshot snapshot = db.getSnapshot();
      return new ReadView() {
        private boolean released;

        @Override
        public void forEach(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
          if (released) throw new IllegalStateException("snapshot is closed");
          scan(column, prefix, prefix, visitor, snapshot);
        }

        @Override
        public void close() {
          lock.readLock().lock();
          try {
            if (!released && !closed) db.releaseSnapshot(snapshot);
            released = true;
          } finally {
            lock.readLock().unlock();
          }
        }
      };
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Map.Entry<byte[], byte[]>> last(Column column) {
    lock.readLock().lock();
    try (RocksIterator it = db.newIterator(handle(column))) {
      it.seekToLast();
      if (!it.isValid()) {
        it.status();
        return Optional.empty();
      }
      return Optional.of(Map.entry(it.key(), it.value()));
    } catch (RocksDBException e) {
      throw failure("scan", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeAll(resources, null);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The directory this store was opened on. */
  public Path directory() {
    return dir;
  }

  /** Turns a {@link WriteBatch} into a RocksDB one, refusing unknown columns before any write. */
  private final class NativeBatchWriter implements WriteBatch.Visitor {
    private final org.rocksdb.WriteBatch target;

    NativeBatchWriter(org.rocksdb.WriteBatch target) {
      this.target = target;
    }

    @Override
    public void put(Column column, byte[] key, byte[] value) {
      try {
        target.put(handle(column), key, value);
      } catch (RocksDBException e) {
        throw failure("write", e);
      }
    }

    @Override
    public void delete(Column column, byte[] key) {
      try {
        target.delete(handle(column), key);
      } catch (RocksDBException e) {
        throw failure("write", e);
      }
    }
  }

  /** Caller holds the read lock. */
  private ColumnFamilyHandle handle(Column column) {
    Objects.requireNonNull(column, "column");
    checkOpen();
    ColumnFamilyHandle handle = handles.get(column.id());
    if (handle == null || !columns.get(column.id()).equals(column)) {
      throw new IllegalArgumentException(
          "unknown column " + column + " (store opened with " + columns.values() + ")");
    }
    return handle;
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("store is closed: " + dir);
    }
  }

  private void checkOpenUnlocked() {
    lock.readLock().lock();
    try {
      checkOpen();
    } finally {
      lock.readLock().unlock();
    }
  }

  private StorageException failure(String what, RocksDBException e) {
    return new StorageException("RocksDB " + what + " failed in " + dir + ": " + e.getMessage(), e);
  }

  private static <T extends AutoCloseable> T keep(List<AutoCloseable> opened, T resource) {
    opened.add(resource);
    return resource;
  }

  private static void closeAll(List<AutoCloseable> resources, RuntimeException primary) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        }
      }
    }
  }

  private static void prepareDirectory(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StorageException("data directory " + dir + " is not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("cannot create data directory " + dir + ": " + e, e);
    }
    if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
      throw new StorageException("data directory " + dir + " is not readable and writable");
    }
  }

  private static DBOptions dbOptions() {
    return new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setMaxBackgroundJobs(BACKGROUND_JOBS)
        .setMaxOpenFiles(MAX_OPEN_FILES)
        .setDbWriteBufferSize(MEMTABLE_BYTES)
        .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
        .setMaxLogFileSize(MAX_INFO_LOG_BYTES)
        .setKeepLogFileNum(5);
  }

  private static ColumnFamilyOptions columnFamilyOptions(LRUCache cache, BloomFilter filter) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(filter)
            .setBlockSize(BLOCK_BYTES)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true);
    return new ColumnFamilyOptions()
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setWriteBufferSize(WRITE_BUFFER_BYTES)
        .setLevelCompactionDynamicLevelBytes(true)
        .setTableFormatConfig(table);
  }

  /** The default family, every family already on disk, then every declared one not yet there. */
  private static List<String> familyNames(Path dir, List<Column> declared) {
    Set<String> names = new LinkedHashSet<>();
    names.add(Column.RESERVED_NAME);
    if (Files.exists(dir.resolve("CURRENT"))) {
      try (Options options = new Options()) {
        for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
          names.add(new String(name, StandardCharsets.UTF_8));
        }
      } catch (RocksDBException e) {
        throw new StorageException(
            "cannot read the column families in data directory " + dir + ": " + e.getMessage(), e);
      }
    }
    for (Column column : declared) {
      names.add(column.name());
    }
    return List.copyOf(names);
  }

  private static RocksDB openDb(
      Path dir,
      DBOptions options,
      List<ColumnFamilyDescriptor> descriptors,
      List<ColumnFamilyHandle> handles) {
    try {
      return RocksDB.open(options, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toLowerCase(Locale.ROOT).contains("lock")) {
        throw new StorageException(
            "data directory is in use by another bcos process: " + dir + " (" + message + ")", e);
      }
      throw new StorageException("cannot open data directory " + dir + ": " + message, e);
    }
  }

  /** Checks declared id/name pairs against those recorded on disk, then records new ones. */
  private static void checkColumnIds(
      Path dir, RocksDB db, List<Column> declared, WriteOptions syncWrites) {
    try (org.rocksdb.WriteBatch record = new org.rocksdb.WriteBatch()) {
      for (Column column : declared) {
        byte[] idKey = utf8(ID_KEY_PREFIX + column.id());
        byte[] nameKey = utf8(NAME_KEY_PREFIX + column.name());
        byte[] storedName = db.get(idKey);
        byte[] storedId = db.get(nameKey);
        if (storedName != null && !column.name().equals(text(storedName))) {
          throw new StorageException(
              "column id "
                  + column.id()
                  + " is '"
                  + text(storedName)
                  + "' in data directory "
                  + dir
                  + " but '"
                  + column.name()
                  + "' in this program; column ids are never reused");
        }
        if (storedId != null && !String.valueOf(column.id()).equals(text(storedId))) {
          throw new StorageException(
              "column '"
                  + column.name()
                  + "' has id "
                  + text(storedId)
                  + " in data directory "
                  + dir
                  + " but "
                  + column.id()
                  + " in this program");
        }
        if (storedName == null || storedId == null) {
          record.put(idKey, utf8(column.name()));
          record.put(nameKey, utf8(String.valueOf(column.id())));
        }
      }
      if (record.count() > 0) {
        db.write(syncWrites, record);
      }
    } catch (RocksDBException e) {
      throw new StorageException("cannot record columns in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
