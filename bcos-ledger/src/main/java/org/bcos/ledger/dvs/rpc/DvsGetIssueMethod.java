package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/** {@code dvs_getIssue [id]}: an issue, its phase, rules and options. */
final class DvsGetIssueMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_getIssue",
      "A DVS issue: phase, rules, options and payment.",
      "payTo and pay/payUnits are present only when the issue pays out.",
      List.of(RpcParam.required("id", JsonSchemas.uintParam(), "the issue id")),
      new RpcResult("issue", object().field("id", uint()).field("community", uint())
          .field("area", uint()).field("mode", oneOfText("deliberative", "poll"))
          .field("phase", string()).field("phaseEnd", uint()).field("createdHeight", uint())
          .field("votingStart", uint()).field("creator", address())
          .field("rules", DvsSchemas.rules())
          .field("options", array(object().field("index", uint()).field("text", string())
              .field("onBallot", bool()).build()))
          .optional("payTo", address()).optional("pay", JsonSchemas.amount())
          .optional("payUnits", JsonSchemas.units()).build()),
      List.of(RpcFailure.notFound("no issue has that id")));

  DvsGetIssueMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    return DvsJson.issue(DvsQueries.issue(
        new DvsStore(ledger.headState()), args.uint(0, "issue id")));
  }
}
