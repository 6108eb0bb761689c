package org.bcos.ledger.gov.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uintParam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/** {@code gov_proposals [limit?, after?]}: proposals in id order, a page at a time. */
final class GovProposalsMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("gov_proposals",
      "Governance proposals in id order, a page at a time.",
      "after: list proposals with a greater id (0 or absent: from the first). nextAfter, present "
          + "when more follow, is the value to pass as after for the next page. Costs one work "
          + "unit per proposal listed.",
      List.of(RpcPaging.limitParam(), RpcParam.optional("after", uintParam(),
          "list proposals with an id above this")),
      new RpcResult("proposals", object().field("proposals", array(GovJson.proposalSchema()))
          .optional("nextAfter", uint()).build()),
      List.of());

  private final QueryContext queries;

  GovProposalsMethod(QueryContext queries) {
    super(SPEC);
    this.queries = queries;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    int limit = RpcPaging.limitBeforePosition(args);
    long after = args.has(1) ? args.uint(1, "after") : 0;
    // one more than the page, to know whether another follows
    List<Proposal> found = queries.api(GovApi.class).proposals(after, limit + 1);
    budget.charge((long) RpcCosts.STATE_ENTRY * found.size());
    ObjectNode out = RpcJson.object();
    ArrayNode list = out.putArray("proposals");
    for (Proposal p : found.subList(0, Math.min(limit, found.size()))) {
      GovJson.proposal(list.addObject(), p);
    }
    if (found.size() > limit) out.put("nextAfter", found.get(limit - 1).id());
    return out;
  }
}
