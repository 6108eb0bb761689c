package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Address;

/**
 * {@code dvs_createdBy [address, height]}: the communities and issues an address created in one
 * block, which is how a client learns the id of what its final transaction created.
 */
final class DvsCreatedByMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_createdBy",
      "Ids of the communities and issues an address created in one block.",
      "Costs one work unit per community and issue scanned (at most "
          + DvsStateScan.MAX_RAW_ENTRIES + " of each).",
      List.of(RpcParam.required("address", address(), "the creator"),
          RpcParam.required("height", JsonSchemas.uintParam(), "the block height")),
      new RpcResult("created", object().field("communities", array(uint()))
          .field("issues", array(uint())).build()),
      List.of(RpcFailure.limit("more than " + DvsStateScan.MAX_RAW_ENTRIES
          + " communities or issues exist")));

  DvsCreatedByMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    Address creator = args.address(0, "creator address");
    long height = args.uint(1, "height");
    ObjectNode n = RpcJson.object();
    ArrayNode communities = n.putArray("communities");
    for (var e : DvsStateScan.scan(ledger, DvsSchema.COMMUNITIES, new byte[0], budget)) {
      Community c = Community.decode(e.getValue());
      if (c.registrar().equals(creator) && c.createdHeight() == height) communities.add(c.id());
    }
    ArrayNode issues = n.putArray("issues");
    for (var e : DvsStateScan.scan(ledger, DvsSchema.ISSUES, new byte[0], budget)) {
      Issue i = Issue.decode(e.getValue());
      if (i.creator().equals(creator) && i.createdHeight() == height) issues.add(i.id());
    }
    return n;
  }
}
