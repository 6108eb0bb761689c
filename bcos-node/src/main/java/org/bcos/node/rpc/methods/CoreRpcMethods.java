package org.bcos.node.rpc.methods;

import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.node.ConsensusService;
import org.bcos.node.Ingress;
import org.bcos.node.NetworkService;
import org.bcos.node.NodeMetrics;
import org.bcos.node.mempool.Mempool;

/**
 * The node's own {@code bcos_*} methods (chain, accounts, blocks, transactions, submission;
 * docs/RPC.md), one class each. Module query methods come from elsewhere; the node's
 * {@code RpcMethodTable} joins both.
 */
public final class CoreRpcMethods {
  private final BcosStatusMethod status;
  private final DevMineMethod devMine = new DevMineMethod();
  private final List<RpcMethod> methods;

  public CoreRpcMethods(Ledger ledger, Mempool mempool, Ingress ingress, NodeMetrics metrics,
      int maxBatch, String version) {
    this.status = new BcosStatusMethod(ledger, mempool, version);
    this.methods = List.of(new BcosChainIdMethod(ledger), status,
        new BcosGetAccountMethod(ledger, mempool),
        new BcosSendRawTransactionMethod(ingress, metrics),
        new BcosSendRawTransactionsMethod(ingress, metrics, maxBatch),
        new BcosCheckRawTransactionMethod(ingress),
        new BcosGetTransactionMethod(ledger, mempool), new BcosGetBlockMethod(ledger),
        new BcosGetAccountTransactionsMethod(ledger), new BcosSupplyMethod(ledger),
        new BcosValidatorsMethod(ledger), devMine);
  }

  /**
   * Adds consensus and P2P to what {@code bcos_status} shows (either may be null); on a
   * development chain the dev controls drive its consensus, elsewhere they refuse ({@code
   * DEV_ONLY}).
   */
  public void attach(ConsensusService consensus, NetworkService network, boolean devChain) {
    status.attach(consensus, network);
    if (devChain && consensus != null) devMine.attach(consensus);
  }

  /** One instance of each method. */
  public List<RpcMethod> methods() {
    return methods;
  }
}
