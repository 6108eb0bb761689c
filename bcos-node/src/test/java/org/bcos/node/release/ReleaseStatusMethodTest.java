package org.bcos.node.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseStatusMethodTest {
  @TempDir Path data;

  /** A module method answering a fixed document. */
  private record Fixed(String name, String answer) implements RpcMethod {
    @Override
    public RpcMethodSpec spec() {
      return new RpcMethodSpec(name, "s", "d", List.of(),
          new RpcResult("r", new ObjectMapper().createObjectNode()), List.of());
    }

    @Override
    public JsonNode call(RpcArgs args, WorkBudget budget) {
      try {
        return new ObjectMapper().readTree(answer.replace('\'', '"'));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void everyPlanSaysWhetherItsReleaseIsInTheStore() throws Exception {
    byte[] artifact = {4, 2};
    Hash have = ReleaseStoreTest.sha(artifact);
    ReleaseStore store = ReleaseStore.of(data);
    store.put(new ByteArrayInputStream(artifact), have);
    String other = "ab".repeat(32);
    RpcMethod status = new Fixed("upgrade_status", "{'scheduled':{'release':'" + have.toHex()
        + "'},'planned':[{'release':'" + other + "'}],'applied':[{'release':'" + have.toHex()
        + "'}]}");
    RpcMethod unrelated = new Fixed("gov_proposals", "{}");
    List<RpcMethod> wrapped = ReleaseStatusMethod.wrap(List.of(unrelated, status), store);
    assertSame(unrelated, wrapped.get(0));
    assertSame(status.spec().name(), wrapped.get(1).spec().name());
    JsonNode out = wrapped.get(1).call(RpcArgs.of(), WorkBudget.unbounded());
    assertTrue(out.path("scheduled").path("releaseStored").asBoolean());
    assertFalse(out.path("planned").get(0).path("releaseStored").asBoolean(true));
    assertTrue(out.path("applied").get(0).path("releaseStored").asBoolean());
    JsonNode none = ReleaseStatusMethod.wrap(List.of(new Fixed("upgrade_status",
        "{'planned':[],'applied':[]}")), store).get(0).call(RpcArgs.of(), WorkBudget.unbounded());
    assertEquals("{\"planned\":[],\"applied\":[]}", none.toString());
  }
}
