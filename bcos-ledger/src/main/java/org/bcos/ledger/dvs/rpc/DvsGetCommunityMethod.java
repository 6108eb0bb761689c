package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/** {@code dvs_getCommunity [id]}: a community, its parameters and its treasury's balance. */
final class DvsGetCommunityMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_getCommunity",
      "A DVS community: registrar, areas, members, weight, treasury and parameters.", "",
      List.of(RpcParam.required("id", JsonSchemas.uintParam(), "the community id")),
      new RpcResult("community", object().field("id", uint()).field("name", string())
          .field("registrar", address()).field("areas", uint()).field("members", uint())
          .field("totalWeight", uint()).field("treasury", address())
          .field("createdHeight", uint()).amountField("treasuryBalance")
          .field("params", DvsSchemas.communityParams()).build()),
      List.of(RpcFailure.notFound("no community has that id")));

  DvsGetCommunityMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    long id = args.uint(0, "community id");
    Community c = new DvsStore(ledger.headState()).community(id)
        .orElseThrow(() -> RpcException.notFound("no community " + id));
    long treasury = ledger.api(org.bcos.ledger.coin.api.Bank.class).find(c.treasury()).map(a -> a.balanceUnits()).orElse(0L);
    return DvsJson.community(c, treasury);
  }
}
