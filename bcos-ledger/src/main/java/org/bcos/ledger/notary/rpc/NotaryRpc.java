package org.bcos.ledger.notary.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.ledger.notary.api.NotaryMessage;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.types.tx.Message;

/** The notary module's part of the API: {@code notary_getAnchor} and its messages' JSON. */
public final class NotaryRpc implements ModuleRpc {
  @Override
  public List<RpcMethod> methods(QueryContext queries) {
    return List.of(new NotaryGetAnchorMethod(queries));
  }

  @Override
  public void messageFields(Message message, ObjectNode out) {
    NotaryMessage m = (NotaryMessage) message;
    out.put("document", m.document().toHex());
    if (m instanceof NotaryAnchor anchor) out.put("label", anchor.label());
  }
}
