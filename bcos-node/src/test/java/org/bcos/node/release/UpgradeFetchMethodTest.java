package org.bcos.node.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.upgrade.UpgradeChain;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a node serves and fetches: only the releases of the chain's upgrades, verified on disk;
 * {@code upgrade_fetch} picks the scheduled plan's release.
 */
class UpgradeFetchMethodTest {
  private static final byte[] ARTIFACT = {1, 2, 3, 4, 5};
  private static final Hash RELEASE = ReleaseStoreTest.sha(ARTIFACT);

  @TempDir Path data;

  private static JsonNode call(UpgradeFetchMethod m) {
    return m.call(RpcArgs.of(), WorkBudget.unbounded());
  }

  @Test
  void theNodeServesOnlyVerifiedReleasesOfTheChainsUpgrades() throws Exception {
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
    Ledger ledger = chain.ledger();
    ReleaseStore store = ReleaseStore.of(data);
    NodeReleases releases = new NodeReleases(ledger, store);
    byte[] other = {9};
    store.put(new ByteArrayInputStream(other), ReleaseStoreTest.sha(other));
    assertEquals(-1, releases.servedSize(ReleaseStoreTest.sha(other)),
        "stored but no upgrade's release: not served");
    UpgradeFetchMethod method = new UpgradeFetchMethod(releases);
    RpcException none = assertThrows(RpcException.class, () -> call(method));
    assertEquals("NO_RELEASE_TO_FETCH", none.reason());

    assertEquals(List.of(), chain.include(chain.gov(new UpgradeChain.Schedule("notary-on", 2,
        RELEASE, 5))).skipped());
    assertEquals(RELEASE, releases.wanted().orElseThrow().release());
    assertEquals(-1, releases.servedSize(RELEASE), "the plan's, but not on disk");
    RpcException noP2p = assertThrows(RpcException.class, () -> call(method));
    assertEquals("P2P_DISABLED", noP2p.reason());

    store.put(new ByteArrayInputStream(ARTIFACT), RELEASE);
    assertEquals(ARTIFACT.length, releases.servedSize(RELEASE));
    assertEquals(List.of(RELEASE), releases.served());
    JsonNode stored = call(method);
    assertEquals("STORED", stored.path("state").asText());
    assertEquals("notary-on", stored.path("name").asText());
    assertEquals(RELEASE.toHex(), stored.path("release").asText());
    assertEquals(ARTIFACT.length, stored.path("size").asLong());
  }
}
