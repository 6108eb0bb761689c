package org.bcos.ledger.coin.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.coin.api.CoinMessage;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.types.tx.Message;

/**
 * The coin module's part of the API: a transfer's JSON. (Accounts and their proofs are the
 * node's core methods, {@code bcos_getAccount}: every transaction's sender is an account.)
 */
public final class CoinRpc implements ModuleRpc {
  @Override
  public void messageFields(Message message, ObjectNode out) {
    switch ((CoinMessage) message) {
      case CoinTransfer t -> {
        out.put("to", t.to().toString());
        RpcJson.amount(out, "amount", t.amountUnits());
        out.put("memo", t.memo());
      }
    }
  }
}
