package org.bcos.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest extends KeyValueStoreContractTest {
  @Override
  protected KeyValueStore openStore(List<Column> columns) {
    return new InMemoryStore(columns);
  }

  @Test
  void storeWithoutColumnListAcceptsAnyColumnButNotConflictingIds() {
    try (InMemoryStore open = new InMemoryStore()) {
      Column c = new Column(7, "seven");
      open.commit(new WriteBatch().put(c, bytes("k"), bytes("v")));
      assertArrayEquals(bytes("v"), open.get(c, bytes("k")));
      assertThrows(
          IllegalArgumentException.class, () -> open.get(new Column(7, "other"), bytes("k")));
    }
  }
}
