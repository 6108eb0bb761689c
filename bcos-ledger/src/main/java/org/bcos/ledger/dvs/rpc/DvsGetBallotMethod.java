package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Address;

/** {@code dvs_getBallot [issue, voter]}: the ballot an account cast on an issue, as stored. */
final class DvsGetBallotMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_getBallot",
      "The ballot an account cast on an issue (its latest: a new ballot replaces the old).",
      "values are indexed as the issue's options (dvs_getIssue).",
      List.of(DvsSchemas.issueId(), RpcParam.required("voter", address(), "the voter")),
      new RpcResult("ballot", object().field("issue", uint()).field("voter", address())
          .field("parts", DvsSchemas.parts()).build()),
      List.of(RpcFailure.notFound("no issue has that id, or the voter cast no ballot on it")));

  DvsGetBallotMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(2);
    DvsStore dvs = new DvsStore(ledger.headState());
    long issue = DvsQueries.issue(dvs, args.uint(0, "issue id")).id();
    Address voter = args.address(1, "voter address");
    List<DvsBallotPart> parts = dvs.ballot(issue, voter).orElseThrow(
        () -> RpcException.notFound(voter + " cast no ballot on issue " + issue));
    ObjectNode out = RpcJson.object().put("issue", issue).put("voter", voter.toString());
    DvsJson.parts(out.putArray("parts"), parts);
    return out;
  }
}
