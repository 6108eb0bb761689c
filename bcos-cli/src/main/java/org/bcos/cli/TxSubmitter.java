package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.bcos.client.BcosClient;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;

/**
 * Signs a message from a local key, submits it and (unless told not to) waits until it is final:
 * the one path every transaction command shares.
 */
final class TxSubmitter {
  /** How to pay: a fee in units (null = the chain's minimum), or fee-free with a stamp. */
  record Payment(Long feeUnits, Integer powBits) {
    static Payment minimumFee() {
      return new Payment(null, null);
    }
  }

  private TxSubmitter() {}

  static ObjectNode submit(CommonOptions common, Ed25519KeyPair key, Message message,
      Payment payment, long expiryBlocks, boolean wait, long timeoutSeconds) throws Exception {
    BcosClient client = common.client();
    JsonNode status = client.status();
    String chainId = status.path("chainId").asText();
    long nonce = client.account(key.address(), false).path("pendingNonce").asLong();
    long expiry = status.path("height").asLong() + expiryBlocks;
    Transaction tx;
    long fee;
    if (payment.powBits() != null) {
      fee = 0;
      tx = Transactions.feeFree(chainId, key, nonce, expiry, message, payment.powBits());
    } else {
      fee = payment.feeUnits() != null ? payment.feeUnits()
          : Long.parseLong(status.path("minFeeUnits").asText());
      tx = Transactions.build(chainId, key, nonce, fee, expiry, message);
    }
    Hash hash = client.send(tx);
    ObjectNode out = Output.object().put("hash", hash.toHex());
    if (wait) {
      JsonNode fin = client.awaitFinal(hash, Duration.ofSeconds(timeoutSeconds));
      out.put("status", "final").put("height", fin.path("height").asLong());
    } else {
      out.put("status", "pending");
    }
    out.put("from", key.address().toString()).put("nonce", nonce)
        .put("fee", Amount.format(fee)).put("feeUnits", Long.toString(fee));
    return out;
  }
}
