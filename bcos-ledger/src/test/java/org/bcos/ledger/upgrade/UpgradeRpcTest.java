package org.bcos.ledger.upgrade;

import static org.bcos.ledger.upgrade.UpgradeChain.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.Modules;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.SchemaCheck;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.upgrade.UpgradeChain.Schedule;
import org.bcos.ledger.upgrade.rpc.UpgradeRpc;
import org.junit.jupiter.api.Test;

/** {@code upgrade_status} over a chain before, during and after an upgrade. */
class UpgradeRpcTest {
  private final UpgradeChain chain =
      new UpgradeChain(UpgradeChain.openNew(UpgradeChain.genesis(1)));
  private final RpcMethod method = new UpgradeRpc().methods(chain.ledger()).getFirst();

  private JsonNode status() {
    JsonNode out = method.call(RpcArgs.of(), WorkBudget.unbounded());
    assertEquals(List.of(), SchemaCheck.errors(method.spec().result().schema(), out));
    return out;
  }

  @Test
  void statusShowsTheVersionTheSoftwareAndTheScheduledAndAppliedUpgrades() {
    JsonNode before = status();
    assertEquals(1, before.path("version").asLong());
    assertEquals(Modules.VERSIONS.all().size(), before.path("software").size());
    assertTrue(before.path("software").get(1).path("modules").toString().contains("notary"));
    assertFalse(before.has("scheduled"));
    assertEquals("genesis", before.path("applied").get(0).path("name").asText());

    chain.include(chain.gov(new Schedule("notary-on", 2, RELEASE, 4)));
    JsonNode scheduled = status().path("scheduled");
    assertEquals("notary-on", scheduled.path("name").asText());
    assertEquals(RELEASE.toHex(), scheduled.path("release").asText());
    assertEquals(2, scheduled.path("blocksLeft").asLong(), "next height 2, activation 4");
    assertTrue(scheduled.path("supported").asBoolean());

    chain.block();
    chain.block();
    chain.block();
    JsonNode after = status();
    assertEquals(2, after.path("version").asLong());
    assertFalse(after.has("scheduled"));
    assertEquals(4, after.path("applied").get(1).path("height").asLong());
  }

  @Test
  void statusIsChargedPerAppliedUpgrade() {
    WorkBudget small = new WorkBudget(1, 60_000, System::nanoTime, () -> true);
    assertThrows(RpcException.class, () -> method.call(RpcArgs.of(), small));
  }
}
