package org.bcos.ledger.coin.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.coin.api.CoinMessage;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.types.tx.Message;

/**
 * The coin module's part of the API: a transfer's JSON, and a multi-send's (its outputs, their
 * count and total). (Accounts and their proofs are the
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
      case CoinMultiSend m -> {
        com.fasterxml.jackson.databind.node.ArrayNode outputs = out.putArray("outputs");
        for (CoinMultiSend.Output o : m.outputs()) {
          ObjectNode entry = outputs.addObject().put("to", o.to().toString());
          RpcJson.amount(entry, "amount", o.amountUnits());
        }
        out.put("outputCount", m.outputs().size());
        try {
          RpcJson.amount(out, "amount", m.totalUnits());
        } catch (ArithmeticException e) {
          // only a refused message can overflow (AMOUNT_OVERFLOW): it has no total to show
        }
        out.put("memo", m.memo());
      }
    }
  }
}
