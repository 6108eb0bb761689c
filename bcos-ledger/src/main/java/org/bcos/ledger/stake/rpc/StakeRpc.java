package org.bcos.ledger.stake.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.StakeMessage;
import org.bcos.types.Hex;
import org.bcos.types.tx.Message;

/** The stake module's part of the API: an evidence report's JSON. */
public final class StakeRpc implements ModuleRpc {
  @Override
  public void messageFields(Message message, ObjectNode out) {
    switch ((StakeMessage) message) {
      case StakeEvidence e -> out.put("evidence", Hex.encode(e.evidence()));
    }
  }
}
