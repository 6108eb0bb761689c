package org.bcos.node.rpc.dvs;

import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.RpcMethod;

/**
 * The {@code dvs_*} query methods (docs/RPC.md, docs/DVS.md), written against {@link Ledger}'s
 * public API and the RPC SPI only, so they can move into the DVS ledger module as its
 * contribution to the method table.
 */
public final class DvsRpcMethods {
  private DvsRpcMethods() {}

  /** One instance of each method, reading {@code ledger}. */
  public static List<RpcMethod> of(Ledger ledger) {
    return List.of(new DvsGetCommunityMethod(ledger), new DvsGetMemberMethod(ledger),
        new DvsGetIssueMethod(ledger), new DvsTallyMethod(ledger), new DvsResultMethod(ledger),
        new DvsProofMethod(ledger), new DvsRawIssueDataMethod(ledger),
        new DvsCreatedByMethod(ledger));
  }
}
