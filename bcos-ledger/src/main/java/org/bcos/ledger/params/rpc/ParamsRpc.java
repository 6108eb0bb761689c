package org.bcos.ledger.params.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.types.tx.Message;

/** The params module's part of the API: {@code bcos_params}. It has no messages. */
public final class ParamsRpc implements ModuleRpc {
  @Override
  public List<RpcMethod> methods(QueryContext queries) {
    return List.of(new BcosParamsMethod(queries));
  }

  @Override
  public void messageFields(Message message, ObjectNode out) {
    throw new IllegalArgumentException("the params module has no messages");
  }
}
