package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Address;

/** {@code dvs_getMember [community, address]}: a member's weight, region and delegations. */
final class DvsGetMemberMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_getMember",
      "A member of a DVS community: weight, region and the delegations it has given.",
      "Costs one work unit per delegation in the community.",
      List.of(RpcParam.required("community", JsonSchemas.uintParam(), "the community id"),
          RpcParam.required("address", address(), "the member's address")),
      new RpcResult("member", object().field("community", uint()).field("address", address())
          .field("weight", uint()).field("region", string())
          .field("refusesDelegations", bool())
          .field("delegations", array(object().field("scope", string())
              .field("scopeId", uint()).field("delegate", address()).build())).build()),
      List.of(RpcFailure.notFound("the address is not a member of the community")));

  DvsGetMemberMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    long community = args.uint(0, "community id");
    Address who = args.address(1, "member address");
    DvsStore dvs = new DvsStore(ledger.headState());
    var m = dvs.member(community, who)
        .orElseThrow(() -> RpcException.notFound(who + " is not a member of " + community));
    ObjectNode n = RpcJson.object().put("community", community)
        .put("address", who.toString()).put("weight", m.weight()).put("region", m.region())
        .put("refusesDelegations", m.refusesDelegations());
    ArrayNode delegations = n.putArray("delegations");
    List<DvsStore.Delegation> all = dvs.delegations(community);
    budget.charge((long) RpcCosts.STATE_ENTRY * all.size());
    for (DvsStore.Delegation d : all) {
      if (d.from().equals(who)) {
        delegations.addObject().put("scope", d.scope().name()).put("scopeId", d.scopeId())
            .put("delegate", d.to().toString());
      }
    }
    return n;
  }
}
