package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Address;

/** {@code dvs_listMembers [community, limit?, cursor?]}: members in address order, paged. */
final class DvsListMembersMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listMembers",
      "The members of a DVS community in address order, with weight and region, paged.",
      "Costs one work unit per member listed.",
      List.of(RpcParam.required("community", JsonSchemas.uintParam(), "the community id"),
          RpcPaging.limitParam(), RpcPaging.cursorParam()),
      new RpcResult("members", object().field("members", array(object()
          .field("address", address()).field("weight", uint()).field("region", string())
          .field("refusesDelegations", bool()).build())).optional("nextCursor", hex()).build()),
      List.of(RpcFailure.notFound("no community has that id")));

  DvsListMembersMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    return DvsPage.ofCommunity(ledger, DvsSchema.MEMBERS, "members", (k, v) -> Optional.of(member(k, Member.decode(v))),
        args, budget);
  }

  private static JsonNode member(byte[] key, Member m) {
    Address who = Address.wrap(Arrays.copyOfRange(key, 8, 40));
    return RpcJson.object().put("address", who.toString()).put("weight", m.weight())
        .put("region", m.region()).put("refusesDelegations", m.refusesDelegations());
  }
}
