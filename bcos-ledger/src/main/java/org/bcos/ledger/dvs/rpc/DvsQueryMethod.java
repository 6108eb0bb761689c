package org.bcos.ledger.dvs.rpc;

import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;

/** A {@code dvs_*} method: reads the ledger's committed DVS state. */
abstract class DvsQueryMethod extends AbstractRpcMethod {
  protected final QueryContext ledger;

  DvsQueryMethod(RpcMethodSpec spec, QueryContext ledger) {
    super(spec);
    this.ledger = ledger;
  }
}
