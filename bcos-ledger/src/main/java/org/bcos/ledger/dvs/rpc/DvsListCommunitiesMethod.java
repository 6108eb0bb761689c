package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/** {@code dvs_listCommunities [limit?, cursor?]}: the communities, in id order, paged. */
final class DvsListCommunitiesMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listCommunities",
      "The DVS communities in id order, a page at a time.",
      "Costs one work unit per community listed.",
      List.of(RpcPaging.limitParam(), RpcPaging.cursorParam()),
      new RpcResult("communities", object().field("communities", array(object()
          .field("id", uint()).field("name", string()).field("registrar", address())
          .field("members", uint()).field("areas", uint()).field("totalWeight", uint())
          .field("createdHeight", uint()).build())).optional("nextCursor", hex()).build()),
      List.of());

  DvsListCommunitiesMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(2);
    return DvsPage.page(ledger, new DvsPage.Scan(DvsSchema.COMMUNITIES, new byte[0], false,
        "communities", (k, v) -> Optional.of(summary(Community.decode(v)))), args, 0, budget);
  }

  private static JsonNode summary(Community c) {
    return RpcJson.object().put("id", c.id()).put("name", c.name())
        .put("registrar", c.registrar().toString()).put("members", c.memberCount())
        .put("areas", c.areaCount()).put("totalWeight", c.totalWeight())
        .put("createdHeight", c.createdHeight());
  }
}
