package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;
import static org.bcos.ledger.spi.rpc.JsonSchemas.units;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.spi.rpc.JsonSchemas;

/** JSON schemas of the chain shapes ({@code JsonViews}) the core methods answer. */
final class CoreSchemas {
  private CoreSchemas() {}

  static ObjectNode chainId() {
    return object().field("chainId", string()).field("genesisHash", hash()).build();
  }

  /** A block without its transactions ({@code JsonViews.header}). */
  static ObjectNode header() {
    return object().field("height", uint()).field("hash", hash()).field("timeMillis", uint())
        .field("previousHash", hash()).field("txRoot", hash()).field("stateRoot", hash())
        .field("proposer", address()).field("txCount", uint())
        .optional("protocolVersion", uint()).field("signature", hex())
        .optional("lastCommitHash", hash()).optional("lastCommitSigners", array(address()))
        .build();
  }

  /**
   * A transaction ({@code JsonViews.transaction}): the common fields, then those of its message
   * type ({@code coin.transfer}: to, amount, memo; {@code coin.multiSend}: outputs, their count,
   * the total as amount, memo; {@code stake.evidence}; {@code dvs.*}).
   */
  static ObjectNode transaction() {
    return object().field("hash", hash()).field("status", oneOfText("pending", "final"))
        .optional("height", uint()).optional("index", uint()).optional("blockHash", hash())
        .field("chainId", string()).field("from", address()).field("nonce", uint())
        .amountField("fee").field("expiryHeight", uint()).optional("powStamp", units())
        .field("type", string()).optional("to", address())
        .optional("amount", JsonSchemas.amount()).optional("amountUnits", units())
        .optional("memo", string())
        .optional("outputs", array(object().field("to", address())
            .field("amount", JsonSchemas.amount()).field("amountUnits", units()).build(),
            org.bcos.ledger.coin.api.CoinMultiSend.MAX_WIRE_OUTPUTS))
        .optional("outputCount", uint()).build();
  }

  /** What {@code bcos_getTransaction} answers for a transaction dropped from the mempool. */
  static ObjectNode droppedTransaction() {
    return object().field("hash", hash()).field("status", oneOfText("dropped"))
        .field("code", JsonSchemas.integer()).field("reason", string())
        .field("message", string()).build();
  }

  static ObjectNode block() {
    return object().fieldsOf(header())
        .field("transactions", array(JsonSchemas.anyOf(hash(), transaction()))).build();
  }
}
