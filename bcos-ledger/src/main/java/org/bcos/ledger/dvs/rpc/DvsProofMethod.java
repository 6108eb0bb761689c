package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.bcos.ledger.block.TxRoot;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.spi.QueryContext;
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
import org.bcos.types.Hash;

/**
 * {@code dvs_proof [issue, voter]}: the inclusion proof of a voter's ballot under the ballots root
 * of the final result or tally (an RFC 6962 audit path, leaf upwards).
 */
final class DvsProofMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_proof",
      "The inclusion proof of a voter's ballot under the issue's ballots root.",
      "Costs one work unit per ballot of the issue, charged as the scan goes.",
      List.of(DvsSchemas.issueId(), RpcParam.required("voter", address(), "the voter")),
      new RpcResult("proof", object().field("issue", uint()).field("voter", address())
          .field("index", uint()).field("size", uint()).field("leaf", hash())
          .field("ballotsRoot", hash()).field("parts", DvsSchemas.parts())
          .field("path", array(hash())).build()),
      List.of(RpcFailure.notFound("no such issue, or the voter has no ballot on it")));

  DvsProofMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    DvsStore dvs = new DvsStore(ledger.headState());
    Issue issue = DvsQueries.issue(dvs, args.uint(0, "issue id"));
    Address voter = args.address(1, "voter address");
    TreeMap<Address, List<DvsBallotPart>> ballots = new TreeMap<>();
    // charged per ballot as the scan goes: an exhausted budget stops the scan itself
    dvs.forEachBallot(issue.id(), (v, parts) -> {
      budget.charge(RpcCosts.STATE_ENTRY);
      ballots.put(v, parts);
    });
    if (!ballots.containsKey(voter)) {
      throw RpcException.notFound(voter + " has no ballot on issue " + issue.id());
    }
    List<Hash> leaves = new ArrayList<>();
    ballots.forEach((v, parts) -> leaves.add(DvsBallotPart.ballotLeaf(v, parts)));
    int index = new ArrayList<>(ballots.keySet()).indexOf(voter);
    ObjectNode n = RpcJson.object().put("issue", issue.id())
        .put("voter", voter.toString()).put("index", index).put("size", leaves.size())
        .put("leaf", leaves.get(index).toHex()).put("ballotsRoot", TxRoot.of(leaves).toHex());
    DvsJson.parts(n.putArray("parts"), ballots.get(voter));
    ArrayNode path = n.putArray("path");
    TxRoot.auditPath(leaves, index).forEach(h -> path.add(h.toHex()));
    return n;
  }
}
