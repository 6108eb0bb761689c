package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.KeyLock;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;

/**
 * Signs a message from a local key, submits it and (unless told not to) waits until it is final:
 * the one path every transaction command shares.
 *
 * <p>Nonces are safe for concurrent clients of one key. From reading the account's pending nonce
 * (the node counts its mempool) until the node has admitted the transaction, the command holds the
 * key's lock in the keystore, so commands sharing a {@code $BCOS_HOME} never pick the same nonce.
 * A client outside that lock can still take the nonce first: when the node answers that the nonce
 * is used ({@code NONCE_TOO_LOW}, or {@code ALREADY_KNOWN} for another transaction), or while
 * waiting the account's nonce passes ours without our transaction becoming final (it can then
 * never execute), the command signs again with the next nonce, at most {@value
 * #MAX_NONCE_ATTEMPTS} times in all, then fails with {@code NONCE_CONFLICT}; never a silent wait
 * for a timeout.
 */
final class TxSubmitter {
  /** How to pay: a fee in units (null = the chain's minimum), or fee-free with a stamp. */
  record Payment(Long feeUnits, Integer powBits) {}

  /** The signing key: its keystore name (for the lock) and the unlocked pair. */
  record Signer(String name, Ed25519KeyPair key) {}

  /** How long a command waits for another one that is signing with the same key. */
  static final Duration KEY_LOCK_TIMEOUT = Duration.ofSeconds(120);
  /** Signatures tried with successive nonces before failing with NONCE_CONFLICT. */
  static final int MAX_NONCE_ATTEMPTS = 5;
  private static final long POLL_MILLIS = 100;

  private record Sent(Transaction tx, long fee) {}

  private TxSubmitter() {}

  static ObjectNode submit(CommonOptions common, Signer signer, Message message,
      Payment payment, long expiryBlocks, boolean wait, long timeoutSeconds) throws Exception {
    BcosClient client = common.client();
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    int attempts = 0;
    while (true) {
      Sent sent;
      try (KeyLock ignored = CommonOptions.keystore().lock(signer.name(), KEY_LOCK_TIMEOUT)) {
        sent = sendWithFreshNonce(client, signer.key(), message, payment, expiryBlocks);
      }
      attempts++;
      if (!wait) return output(sent, "pending", null);
      JsonNode fin = awaitFinalOrNonceTaken(client, sent.tx(), deadline, timeoutSeconds);
      if (fin != null) return output(sent, "final", fin);
      if (attempts >= MAX_NONCE_ATTEMPTS) throw nonceConflict(signer.key(), sent.tx().nonce());
      System.err.println("nonce " + sent.tx().nonce() + " of key '" + signer.name() + "' was used"
          + " by another transaction; signing again with the next nonce");
    }
  }

  /** Reads the pending nonce, signs and sends; on a nonce taken meanwhile, tries the next one. */
  private static Sent sendWithFreshNonce(BcosClient client, Ed25519KeyPair key, Message message,
      Payment payment, long expiryBlocks) {
    for (int attempt = 1; attempt <= MAX_NONCE_ATTEMPTS; attempt++) {
      JsonNode status = client.status();
      long nonce = client.account(key.address(), false).path("pendingNonce").asLong();
      Sent sent = sign(status, key, nonce, message, payment, expiryBlocks);
      try {
        client.send(sent.tx());
        return sent;
      } catch (RpcError e) {
        if (isKnown(client, sent.tx())) return sent;
        if (!nonceTaken(e)) throw e;
      }
    }
    throw nonceConflict(key, -1);
  }

  private static Sent sign(JsonNode status, Ed25519KeyPair key, long nonce, Message message,
      Payment payment, long expiryBlocks) {
    String chainId = status.path("chainId").asText();
    long expiry = status.path("height").asLong() + expiryBlocks;
    if (payment.powBits() != null) {
      return new Sent(Transactions.feeFree(chainId, key, nonce, expiry, message,
          payment.powBits()), 0);
    }
    long fee = payment.feeUnits() != null ? payment.feeUnits()
        : Long.parseLong(status.path("minFeeUnits").asText());
    return new Sent(Transactions.build(chainId, key, nonce, fee, expiry, message), fee);
  }

  /** The node refused because another transaction of this sender holds or used the nonce. */
  private static boolean nonceTaken(RpcError e) {
    return "NONCE_TOO_LOW".equals(e.reason()) || "ALREADY_KNOWN".equals(e.reason());
  }

  /** Whether this very transaction is pending or final already (a resubmission is no error). */
  private static boolean isKnown(BcosClient client, Transaction tx) {
    try {
      String status = client.transaction(tx.hash()).path("status").asText();
      return status.equals("pending") || status.equals("final");
    } catch (RpcError notThere) {
      return false;
    }
  }

  /**
   * Polls until {@code tx} is final (its view), or the sender's committed nonce has passed {@code
   * tx}'s while it is not final (null: another transaction used the nonce, so it never will be).
   * The account is read before the transaction, so a transaction that became final in between is
   * seen as final, never as taken.
   */
  private static JsonNode awaitFinalOrNonceTaken(BcosClient client, Transaction tx,
      long deadline, long timeoutSeconds) throws InterruptedException {
    while (true) {
      long committedNonce = client.account(tx.sender(), false).path("nonce").asLong();
      JsonNode view = viewOf(client, tx);
      String status = view == null ? "unknown" : view.path("status").asText();
      if (status.equals("final")) return view;
      if (status.equals("dropped")) {
        throw new RpcError(view.path("code").asInt(), view.path("reason").asText(),
            view.path("message").asText() + " (refused when the block was built)");
      }
      if (committedNonce > tx.nonce()) return null;
      if (System.nanoTime() > deadline) {
        throw new RpcError(-32040, "TIMEOUT", "transaction " + tx.hash().toHex()
            + " not final after " + timeoutSeconds + " s");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private static JsonNode viewOf(BcosClient client, Transaction tx) {
    try {
      return client.transaction(tx.hash());
    } catch (RpcError e) {
      if ("NOT_FOUND".equals(e.reason())) return null;
      throw e;
    }
  }

  private static CliException nonceConflict(Ed25519KeyPair key, long lastNonce) {
    return new CliException("NONCE_CONFLICT", "another client kept using the nonces of "
        + key.address() + (lastNonce >= 0 ? " (last tried: " + lastNonce + ")" : "") + "; "
        + MAX_NONCE_ATTEMPTS + " attempts failed and none of them can execute now. Retry when"
        + " the other client has finished.");
  }

  private static ObjectNode output(Sent sent, String status, JsonNode fin) {
    ObjectNode out = Output.object().put("hash", sent.tx().hash().toHex()).put("status", status);
    if (fin != null) out.put("height", fin.path("height").asLong());
    return out.put("from", sent.tx().sender().toString()).put("nonce", sent.tx().nonce())
        .put("fee", Amount.format(sent.fee())).put("feeUnits", Long.toString(sent.fee()));
  }
}
