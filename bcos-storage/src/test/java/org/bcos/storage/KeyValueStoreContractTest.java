package org.bcos.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bcos.types.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyValueStore} must have. Published in the test-jar: an
 * implementation's test extends this and says how to open a store with the given columns.
 */
public abstract class KeyValueStoreContractTest {
  protected static final Column A = new Column(1, "alpha");
  protected static final Column B = new Column(2, "beta");
  protected static final List<Column> COLUMNS = List.of(A, B);

  protected KeyValueStore store;

  /** Opens a fresh, empty store accepting (at least) {@code columns}. */
  protected abstract KeyValueStore openStore(List<Column> columns);

  @BeforeEach
  protected void openFreshStore() {
    store = openStore(COLUMNS);
  }

  @AfterEach
  protected void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  protected static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private void put(Column column, byte[] key, byte[] value) {
    store.commit(new WriteBatch().put(column, key, value));
  }

  private List<String> keysOf(Column column, byte[] prefix) {
    List<String> keys = new ArrayList<>();
    store.forEach(column, prefix, (k, v) -> keys.add(Hex.encode(k)));
    return keys;
  }

  @Test
  public void snapshotSeesTheStoreAsItWasWhenTaken() {
    put(A, bytes("a1"), bytes("1"));
    put(A, bytes("a2"), bytes("2"));
    put(B, bytes("b1"), bytes("3"));
    try (KeyValueStore.ReadView view = store.snapshot()) {
      store.commit(new WriteBatch().put(A, bytes("a3"), bytes("4")).delete(A, bytes("a1"))
          .put(B, bytes("b1"), bytes("changed")));
      List<String> seen = new ArrayList<>();
      view.forEach(A, new byte[0], (k, v) -> seen.add(new String(k, StandardCharsets.UTF_8)
          + "=" + new String(v, StandardCharsets.UTF_8)));
      view.forEach(B, new byte[0], (k, v) -> seen.add(new String(k, StandardCharsets.UTF_8)
          + "=" + new String(v, StandardCharsets.UTF_8)));
      assertEquals(List.of("a1=1", "a2=2", "b1=3"), seen);
    }
    assertEquals(List.of(Hex.encode(bytes("a2")), Hex.encode(bytes("a3"))),
        keysOf(A, new byte[0]));
  }

  @Test
  public void getReturnsNullForAbsentKey() {
    assertNull(store.get(A, bytes("missing")));
  }

  @Test
  public void getReturnsCommittedValue() {
    put(A, bytes("k"), bytes("v"));
    assertArrayEquals(bytes("v"), store.get(A, bytes("k")));
  }

  @Test
  public void laterWriteOverwritesEarlierOneAcrossAndWithinBatches() {
    put(A, bytes("k"), bytes("v1"));
    put(A, bytes("k"), bytes("v2"));
    assertArrayEquals(bytes("v2"), store.get(A, bytes("k")));

    store.commit(new WriteBatch().put(A, bytes("k"), bytes("v3")).put(A, bytes("k"), bytes("v4")));
    assertArrayEquals(bytes("v4"), store.get(A, bytes("k")));
  }

  @Test
  public void deleteRemovesKeyAndOrderWithinBatchDecides() {
    put(A, bytes("k"), bytes("v"));
    store.commit(new WriteBatch().delete(A, bytes("k")).delete(A, bytes("never-there")));
    assertNull(store.get(A, bytes("k")));

    store.commit(new WriteBatch().put(A, bytes("x"), bytes("1")).delete(A, bytes("x")));
    assertNull(store.get(A, bytes("x")));
    store.commit(new WriteBatch().delete(A, bytes("y")).put(A, bytes("y"), bytes("2")));
    assertArrayEquals(bytes("2"), store.get(A, bytes("y")));
  }

  @Test
  public void batchNamingUnknownColumnAppliesNothing() {
    Column unknown = new Column(99, "unknown");
    WriteBatch batch =
        new WriteBatch().put(A, bytes("a"), bytes("1")).put(unknown, bytes("b"), bytes("2"));
    assertThrows(IllegalArgumentException.class, () -> store.commit(batch));
    assertNull(store.get(A, bytes("a")));
    // Same id under another name is not the same column.
    assertThrows(
        IllegalArgumentException.class, () -> store.get(new Column(A.id(), "other"), bytes("a")));
  }

  @Test
  public void readersSeeWholeBatchesOnly() throws Exception {
    int keysPerBatch = 50;
    int rounds = 200;
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> violation = new AtomicReference<>();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get() && violation.get() == null) {
                    List<String> values = new ArrayList<>();
                    store.forEach(
                        A,
                        bytes("r/"),
                        (k, v) -> values.add(new String(v, StandardCharsets.UTF_8)));
                    if (!values.isEmpty()
                        && (values.size() != keysPerBatch
                            || values.stream().distinct().count() != 1)) {
                      violation.set("saw a partial batch: " + values);
                    }
                  }
                });
    try {
      for (int round = 0; round < rounds; round++) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < keysPerBatch; i++) {
          batch.put(A, bytes(String.format("r/%03d", i)), bytes("round" + round));
        }
        store.commit(batch);
      }
    } finally {
      done.set(true);
      reader.join();
    }
    assertNull(violation.get());
    assertEquals(keysPerBatch, keysOf(A, bytes("r/")).size());
  }

  @Test
  public void forEachVisitsKeysInAscendingUnsignedOrder() {
    byte[][] keys = {
      bytes(0x80),
      bytes(0x00),
      bytes(0xff),
      bytes(0x7f),
      bytes(0x01, 0x00),
      bytes(0x01),
      bytes(0xff, 0xff),
      bytes()
    };
    WriteBatch batch = new WriteBatch();
    for (byte[] key : keys) {
      batch.put(A, key, bytes("v"));
    }
    store.commit(batch);
    assertEquals(List.of("", "00", "01", "0100", "7f", "80", "ff", "ffff"), keysOf(A, bytes()));
  }

  @Test
  public void forEachFromStartsAtTheCursorAndStaysUnderThePrefix() {
    WriteBatch batch = new WriteBatch();
    for (byte[] key : List.of(bytes(0x0f, 0xff), bytes(0x10, 0x01), bytes(0x10, 0x05),
        bytes(0x10, 0x09), bytes(0x11, 0x00))) {
      batch.put(A, key, key);
    }
    store.commit(batch);
    assertEquals(List.of("1005", "1009"), keysFrom(bytes(0x10), bytes(0x10, 0x02)));
    assertEquals(List.of("1005", "1009"), keysFrom(bytes(0x10), bytes(0x10, 0x05)));
    assertEquals(List.of("1001", "1005", "1009"), keysFrom(bytes(0x10), bytes(0x01)));
    assertEquals(List.of(), keysFrom(bytes(0x10), bytes(0x10, 0x0a)));
    assertEquals(List.of(), keysFrom(bytes(0x10), bytes(0x12)));
    assertEquals(List.of("1009", "1100"), keysFrom(bytes(), bytes(0x10, 0x06)));
  }

  private List<String> keysFrom(byte[] prefix, byte[] from) {
    List<String> keys = new ArrayList<>();
    store.forEachFrom(A, prefix, from, (k, v) -> keys.add(Hex.encode(k)));
    return keys;
  }

  @Test
  public void forEachVisitsOnlyKeysStartingWithPrefix() {
    WriteBatch batch = new WriteBatch();
    for (byte[] key :
        List.of(
            bytes(0x10),
            bytes(0x10, 0x00),
            bytes(0x10, 0xff),
            bytes(0x11),
            bytes(0x0f, 0xff),
            bytes(0xff),
            bytes(0xff, 0x01),
            bytes(0xfe, 0xff))) {
      batch.put(A, key, key);
    }
    store.commit(batch);
    assertEquals(List.of("10", "1000", "10ff"), keysOf(A, bytes(0x10)));
    assertEquals(List.of("ff", "ff01"), keysOf(A, bytes(0xff)));
    assertEquals(List.of(), keysOf(A, bytes(0x20)));
    List<byte[]> values = new ArrayList<>();
    store.forEach(A, bytes(0x10, 0xff), (k, v) -> values.add(v));
    assertEquals(1, values.size());
    assertArrayEquals(bytes(0x10, 0xff), values.get(0));
  }

  @Test
  public void lastReturnsEntryWithGreatestKey() {
    assertTrue(store.last(A).isEmpty());
    store.commit(
        new WriteBatch()
            .put(A, bytes(0x00, 0x00, 0x00, 0x09), bytes("nine"))
            .put(A, bytes(0x00, 0x00, 0x01, 0x00), bytes("256"))
            .put(A, bytes(0x00, 0x00, 0x00, 0x80), bytes("128")));
    Map.Entry<byte[], byte[]> last = store.last(A).orElseThrow();
    assertArrayEquals(bytes(0x00, 0x00, 0x01, 0x00), last.getKey());
    assertArrayEquals(bytes("256"), last.getValue());
    assertTrue(store.last(B).isEmpty());
  }

  @Test
  public void columnsAreIsolated() {
    store.commit(
        new WriteBatch().put(A, bytes("k"), bytes("in-a")).put(B, bytes("k"), bytes("in-b")));
    assertArrayEquals(bytes("in-a"), store.get(A, bytes("k")));
    assertArrayEquals(bytes("in-b"), store.get(B, bytes("k")));
    store.commit(new WriteBatch().delete(A, bytes("k")));
    assertNull(store.get(A, bytes("k")));
    assertArrayEquals(bytes("in-b"), store.get(B, bytes("k")));
    assertEquals(List.of(Hex.encode(bytes("k"))), keysOf(B, bytes()));
    assertEquals(List.of(), keysOf(A, bytes()));
  }

  @Test
  public void emptyValueIsStoredAndDiffersFromAbsent() {
    put(A, bytes("k"), new byte[0]);
    byte[] value = store.get(A, bytes("k"));
    assertArrayEquals(new byte[0], value);
    assertEquals(1, keysOf(A, bytes()).size());
  }

  @Test
  public void largeValuesRoundTrip() {
    byte[] large = new byte[8 << 20];
    new Random(42).nextBytes(large);
    put(A, bytes("big"), large);
    assertArrayEquals(large, store.get(A, bytes("big")));
    byte[] largeKey = new byte[64 << 10];
    Arrays.fill(largeKey, (byte) 7);
    put(A, largeKey, bytes("v"));
    assertArrayEquals(bytes("v"), store.get(A, largeKey));
  }

  @Test
  public void storeKeepsItsOwnCopies() {
    byte[] key = bytes("k");
    byte[] value = bytes("v");
    WriteBatch batch = new WriteBatch().put(A, key, value);
    value[0] = 'x';
    store.commit(batch);
    byte[] read = store.get(A, key);
    assertArrayEquals(bytes("v"), read);
    read[0] = 'y';
    assertArrayEquals(bytes("v"), store.get(A, key));
  }

  @Test
  public void visitorMayCommitWhileScanningAndSeesSnapshot() {
    store.commit(new WriteBatch().put(A, bytes("a"), bytes("1")).put(A, bytes("b"), bytes("2")));
    List<String> seen = new ArrayList<>();
    store.forEach(
        A,
        bytes(),
        (k, v) -> {
          seen.add(new String(k, StandardCharsets.UTF_8));
          store.commit(new WriteBatch().put(A, bytes("c"), bytes("3")).put(B, k, v));
        });
    assertEquals(List.of("a", "b"), seen);
    assertArrayEquals(bytes("3"), store.get(A, bytes("c")));
    assertEquals(2, keysOf(B, bytes()).size());
  }

  @Test
  public void behavesLikeSortedMapUnderRandomBatches() {
    long seed = new Random().nextLong();
    System.out.println("behavesLikeSortedMapUnderRandomBatches seed=" + seed);
    Random random = new Random(seed);
    TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    for (int round = 0; round < 100; round++) {
      WriteBatch batch = new WriteBatch();
      for (int i = random.nextInt(20); i > 0; i--) {
        byte[] key = new byte[1 + random.nextInt(3)];
        random.nextBytes(key);
        if (random.nextInt(4) == 0) {
          batch.delete(A, key);
          model.remove(key);
        } else {
          byte[] value = new byte[random.nextInt(5)];
          random.nextBytes(value);
          batch.put(A, key, value);
          model.put(key, value);
        }
      }
      store.commit(batch);
    }
    List<String> expected = new ArrayList<>();
    model.forEach((k, v) -> expected.add(Hex.encode(k) + "=" + Hex.encode(v)));
    List<String> actual = new ArrayList<>();
    store.forEach(A, bytes(), (k, v) -> actual.add(Hex.encode(k) + "=" + Hex.encode(v)));
    assertEquals(expected, actual, "seed=" + seed);
    if (!model.isEmpty()) {
      assertArrayEquals(model.lastKey(), store.last(A).orElseThrow().getKey(), "seed=" + seed);
    }
  }

  @Test
  public void closedStoreRefusesCalls() {
    store.close();
    store.close();
    assertThrows(StorageException.class, () -> store.get(A, bytes("k")));
    assertThrows(
        StorageException.class,
        () -> store.commit(new WriteBatch().put(A, bytes("k"), bytes("v"))));
  }
}
