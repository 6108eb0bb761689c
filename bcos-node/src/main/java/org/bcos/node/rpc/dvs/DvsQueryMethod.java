package org.bcos.node.rpc.dvs;

import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;

/** A {@code dvs_*} method: reads the ledger's committed DVS state. */
abstract class DvsQueryMethod extends AbstractRpcMethod {
  protected final Ledger ledger;

  DvsQueryMethod(RpcMethodSpec spec, Ledger ledger) {
    super(spec);
    this.ledger = ledger;
  }
}
