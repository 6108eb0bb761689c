package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.types.tx.Message;

/**
 * A ledger module's part of the JSON-RPC API: its query methods (added to the node's method table
 * and the OpenRPC document) and the JSON of its messages (how a transaction carrying one is
 * shown). Kept apart from {@link org.bcos.ledger.spi.LedgerModule} so the state machine never
 * touches JSON.
 */
public interface ModuleRpc {
  /** The module's query methods, reading through {@code queries}. */
  default List<RpcMethod> methods(QueryContext queries) {
    return List.of();
  }

  /**
   * Writes {@code message}'s own fields into {@code out} (beside the transaction's common ones;
   * {@code out.type} is already the message type's name). Called only with this module's
   * messages.
   */
  void messageFields(Message message, ObjectNode out);
}
