package org.bcos.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bcos.ledger.state.ChainSchema;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.WriteBatch;
import org.bcos.types.codec.Encoder;
import org.junit.jupiter.api.Test;

/** Each module's schema version is kept in the data directory and checked when it opens. */
class SchemaVersionTest {
  private static final Genesis GENESIS =
      LedgerFixtures.genesis(List.of(LedgerFixtures.key(1)));

  private static byte[] key(String module) {
    return ("schema/" + module).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void genesisRecordsEveryModulesVersion() {
    InMemoryStore store = new InMemoryStore();
    Ledger.open(store, GENESIS, SignatureCheck.withBestVerifier());
    for (var m : Modules.STANDARD.modules()) {
      assertArrayEquals(new Encoder(4).u32(m.schema().version()).toByteArray(),
          store.get(ChainSchema.META, key(m.name())), m.name());
    }
  }

  @Test
  void aDataDirectoryWrittenByANewerSchemaIsRefusedByName() {
    InMemoryStore store = new InMemoryStore();
    Ledger.open(store, GENESIS, SignatureCheck.withBestVerifier());
    WriteBatch newer = new WriteBatch();
    newer.put(ChainSchema.META, key("dvs"), new Encoder(4).u32(99).toByteArray());
    store.commit(newer);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Ledger.open(store, GENESIS, SignatureCheck.withBestVerifier()));
    assertTrue(e.getMessage().contains("dvs state has schema version 99"), e.getMessage());
  }

  @Test
  void aModuleTheDataDirectoryHasNotSeenIsRecordedWhenItOpens() {
    InMemoryStore store = new InMemoryStore();
    Ledger.open(store, GENESIS, SignatureCheck.withBestVerifier());
    WriteBatch forget = new WriteBatch();
    forget.delete(ChainSchema.META, key("params"));
    store.commit(forget);
    Ledger reopened = Ledger.open(store, GENESIS, SignatureCheck.withBestVerifier());
    assertEquals(0, reopened.head().height());
    assertArrayEquals(new Encoder(4).u32(1).toByteArray(), store.get(ChainSchema.META,
        key("params")));
  }
}
