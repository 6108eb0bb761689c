package org.bcos.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/** {@code bcos_chainId}: which chain the node serves. */
final class BcosChainIdMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_chainId",
      "The chain id and genesis hash this node serves.", "", List.of(),
      new RpcResult("chain", CoreSchemas.chainId()), List.of());
  private final Ledger ledger;

  BcosChainIdMethod(Ledger ledger) {
    super(SPEC);
    this.ledger = ledger;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    return chainId(ledger);
  }

  static ObjectNode chainId(Ledger ledger) {
    ObjectNode n = RpcJson.object();
    n.put("chainId", ledger.params().chainId());
    n.put("genesisHash", ledger.genesisHash().toHex());
    return n;
  }
}
