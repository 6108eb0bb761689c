package org.bcos.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStoreTest extends KeyValueStoreContractTest {
  @TempDir Path dir;

  @Override
  protected KeyValueStore openStore(List<Column> columns) {
    return RocksDbStore.open(dir.resolve("db"), columns);
  }

  @Test
  void committedDataSurvivesCloseAndReopen() {
    store.commit(new WriteBatch().put(A, bytes("k"), bytes("v")).put(B, bytes("h"), bytes("w")));
    store.close();
    store = openStore(COLUMNS);
    assertArrayEquals(bytes("v"), store.get(A, bytes("k")));
    assertArrayEquals(bytes("w"), store.get(B, bytes("h")));
  }

  @Test
  void secondOpenOfSameDirectoryFailsWithInUseError() {
    StorageException e = assertThrows(StorageException.class, () -> openStore(COLUMNS));
    assertTrue(
        e.getMessage().contains("data directory is in use by another bcos process"),
        e.getMessage());
    // The first store is unaffected.
    store.commit(new WriteBatch().put(A, bytes("k"), bytes("v")));
    assertArrayEquals(bytes("v"), store.get(A, bytes("k")));
  }

  @Test
  void directoryCanBeReopenedAfterFailedOpenAndClose() {
    assertThrows(StorageException.class, () -> openStore(COLUMNS));
    store.close();
    store = openStore(COLUMNS);
    assertNull(store.get(A, bytes("k")));
  }

  @Test
  void openingWithReusedColumnIdFails() {
    store.close();
    StorageException e =
        assertThrows(
            StorageException.class, () -> openStore(List.of(A, new Column(B.id(), "gamma"))));
    assertTrue(e.getMessage().contains("never reused"), e.getMessage());
    store = openStore(COLUMNS);
  }

  @Test
  void retiredColumnFamilyOnDiskDoesNotPreventOpening() {
    store.commit(new WriteBatch().put(B, bytes("k"), bytes("v")));
    store.close();
    store = openStore(List.of(A, new Column(3, "gamma")));
    store.commit(new WriteBatch().put(new Column(3, "gamma"), bytes("k"), bytes("v3")));
    store.close();
    store = openStore(COLUMNS);
    assertArrayEquals(bytes("v"), store.get(B, bytes("k")));
  }

  @Test
  void openingAFileInsteadOfADirectoryFails() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    StorageException e =
        assertThrows(StorageException.class, () -> RocksDbStore.open(file, COLUMNS));
    assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
  }

  @Test
  void duplicateColumnsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RocksDbStore.open(dir.resolve("other"), List.of(A, new Column(A.id(), "x"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> RocksDbStore.open(dir.resolve("other"), List.of(A, new Column(9, A.name()))));
  }
}
