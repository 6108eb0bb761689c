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
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/**
 * {@code dvs_listInitiatives [issue, supporter?]}: an issue's options (the status quo and the
 * competing initiatives), whether each is on the ballot, how many members support it and, given
 * a {@code supporter}, whether that account does (so a page can offer to withdraw it). Not paged:
 * an issue holds at most {@link DvsMessages#MAX_OPTIONS} options.
 */
final class DvsListInitiativesMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listInitiatives",
      "An issue's options (initiatives) with their supporter counts, in index order.",
      "At most " + DvsMessages.MAX_OPTIONS + " options, so not paged. Costs one work unit per"
          + " supporter counted. With a supporter, each option also says whether that account"
          + " supports it (`supported`).",
      List.of(DvsSchemas.issueId(), RpcParam.optional("supporter", address(),
          "an account: each option then carries `supported`")),
      new RpcResult("initiatives", object().field("issue", uint()).field("phase", string())
          .field("initiatives", array(object().field("index", uint()).field("text", string())
              .field("onBallot", bool()).field("supporters", uint())
              .optional("supported", bool()).build())).build()),
      List.of(RpcFailure.notFound("no issue has that id"), RpcFailure.limit("an option has more"
          + " than " + DvsStateScan.MAX_RAW_ENTRIES + " supporters")));

  DvsListInitiativesMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(2);
    DvsStore store = new DvsStore(ledger.headState());
    Issue issue = DvsQueries.issue(store, args.uint(0, "issue id"));
    Address supporter = args.has(1) ? args.address(1, "supporter") : null;
    ObjectNode out = RpcJson.object().put("issue", issue.id()).put("phase", issue.phase().name());
    ArrayNode list = out.putArray("initiatives");
    for (int k = 0; k < issue.options().size(); k++) {
      byte[] prefix = new Encoder(12).u64(issue.id()).u32(k).toByteArray();
      int supporters = DvsStateScan.scan(ledger, DvsSchema.SUPPORT, prefix, budget).size();
      ObjectNode option = list.addObject().put("index", k).put("text", issue.options().get(k))
          .put("onBallot", issue.onBallot()[k]).put("supporters", supporters);
      if (supporter != null) option.put("supported", store.supports(issue.id(), k, supporter));
    }
    return out;
  }
}
