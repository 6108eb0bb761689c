package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/** {@code rpc.discover}: the OpenRPC document of this node's API (OpenRPC's discovery method). */
final class RpcDiscoverMethod implements RpcMethod {
  /** Where OpenRPC publishes the schema of its documents. */
  static final String META_SCHEMA =
      "https://raw.githubusercontent.com/open-rpc/meta-schema/master/schema.json";
  static final RpcMethodSpec SPEC = new RpcMethodSpec("rpc.discover",
      "The OpenRPC document of this node's API (also served at GET /openrpc.json).", "",
      List.of(), new RpcResult("OpenRPC Schema", RpcJson.object().put("$ref", META_SCHEMA)),
      List.of());
  private final ObjectNode document;

  RpcDiscoverMethod(ObjectNode document) {
    this.document = document.deepCopy();
  }

  @Override
  public RpcMethodSpec spec() {
    return SPEC;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    return document.deepCopy();
  }
}
