package org.bcos.ledger.upgrade.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.types.tx.Message;

/** The upgrade module's part of the API: {@code upgrade_status}. It has no messages. */
public final class UpgradeRpc implements ModuleRpc {
  @Override
  public List<RpcMethod> methods(QueryContext queries) {
    return List.of(new UpgradeStatusMethod(queries));
  }

  @Override
  public void messageFields(Message message, ObjectNode out) {
    throw new IllegalArgumentException("the upgrade module has no messages");
  }
}
