package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.codec.Encoder;

/**
 * {@code dvs_listInitiatives [issue]}: an issue's options (the status quo and the competing
 * initiatives), whether each is on the ballot, and how many members support it. Not paged: an
 * issue holds at most {@link DvsMessages#MAX_OPTIONS} options.
 */
final class DvsListInitiativesMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listInitiatives",
      "An issue's options (initiatives) with their supporter counts, in index order.",
      "At most " + DvsMessages.MAX_OPTIONS + " options, so not paged. Costs one work unit per"
          + " supporter counted.",
      List.of(DvsSchemas.issueId()),
      new RpcResult("initiatives", object().field("issue", uint()).field("phase", string())
          .field("initiatives", array(object().field("index", uint()).field("text", string())
              .field("onBallot", bool()).field("supporters", uint()).build())).build()),
      List.of(RpcFailure.notFound("no issue has that id"), RpcFailure.limit("an option has more"
          + " than " + DvsStateScan.MAX_RAW_ENTRIES + " supporters")));

  DvsListInitiativesMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(1);
    Issue issue = DvsQueries.issue(new DvsStore(ledger.headState()), args.uint(0, "issue id"));
    ObjectNode out = RpcJson.object().put("issue", issue.id()).put("phase", issue.phase().name());
    ArrayNode list = out.putArray("initiatives");
    for (int k = 0; k < issue.options().size(); k++) {
      byte[] prefix = new Encoder(12).u64(issue.id()).u32(k).toByteArray();
      int supporters = DvsStateScan.scan(ledger, DvsSchema.SUPPORT, prefix, budget).size();
      list.addObject().put("index", k).put("text", issue.options().get(k))
          .put("onBallot", issue.onBallot()[k]).put("supporters", supporters);
    }
    return out;
  }
}
