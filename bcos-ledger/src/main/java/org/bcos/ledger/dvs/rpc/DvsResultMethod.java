package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/** {@code dvs_result [issue]}: the final result stored on chain when the issue closed. */
final class DvsResultMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_result",
      "The final result of an issue, as stored on chain when it closed.", "",
      List.of(DvsSchemas.issueId()), new RpcResult("result", DvsSchemas.tally()),
      List.of(RpcFailure.notFound("the issue has not closed yet (or does not exist)")));

  DvsResultMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    return DvsQueries.finalResult(ledger, args.uint(0, "issue id"));
  }
}
