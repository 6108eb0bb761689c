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

  /**
   * The envelope fields fixed on the command line; a null one is asked from the node: the chain
   * id and height from {@code bcos_status} (expiry = height + {@code expiryBlocks}), the nonce from
   * the account's pending nonce.
   */
  record Envelope(String chainId, Long nonce, Long expiryHeight, long expiryBlocks) {
    /** The node's defaults for everything: what a plain send uses. */
    static Envelope fromNode(long expiryBlocks) {
      return new Envelope(null, null, null, expiryBlocks);
    }
  }

  /** How long a command waits for another one that is signing with the same key. */
  static final Duration KEY_LOCK_TIMEOUT = Duration.ofSeconds(120);
  /** Signatures tried with successive nonces before failing with NONCE_CONFLICT. */
  static final int MAX_NONCE_ATTEMPTS = 5;
  private static final long POLL_MILLIS = 100;

  private record Sent(Transaction tx, long fee) {}

  private TxSubmitter() {}

  /**
   * Signs, sends and (if {@code wait}) waits until final. With a nonce fixed in {@code envelope}
   * nothing is signed again: a used nonce is an error ({@code NONCE_TOO_LOW} at once, {@code
   * NONCE_USED} while waiting).
   */
  static ObjectNode submit(CommonOptions common, Signer signer, Message message,
      Payment payment, Envelope envelope, boolean wait, long timeoutSeconds) throws Exception {
    BcosClient client = common.client();
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    int attempts = 0;
    while (true) {
      Sent sent;
      try (KeyLock ignored = CommonOptions.keystore().lock(signer.name(), KEY_LOCK_TIMEOUT)) {
        sent = sendWithFreshNonce(client, signer.key(), message, payment, envelope);
      }
      attempts++;
      if (!wait) return output(sent, "pending", null);
      JsonNode fin = awaitFinalOrNonceTaken(client, sent.tx(), deadline, timeoutSeconds);
      if (fin != null) return output(sent, "final", fin);
      if (envelope.nonce() != null) throw nonceUsed(sent.tx());
      if (attempts >= MAX_NONCE_ATTEMPTS) throw nonceConflict(signer.key(), sent.tx().nonce());
      System.err.println("nonce " + sent.tx().nonce() + " of key '" + signer.name() + "' was used"
          + " by another transaction; signing again with the next nonce");
    }
  }

  /**
   * Signs without sending, asking the node only for the envelope fields not fixed (none: the
   * node is never contacted). The output says which were asked ({@code askedNode}).
   */
  static SignedOnly signOnly(CommonOptions common, Signer signer, Message message,
      Payment payment, Envelope envelope) {
    NodeAnswers node = new NodeAnswers(common);
    long nonce = envelope.nonce() != null ? envelope.nonce() : node.pendingNonce(signer.key());
    Sent sent = sign(node, signer.key(), nonce, message, payment, envelope);
    return new SignedOnly(sent.tx(), node.asked());
  }

  /** A transaction signed and not sent, and what the node was asked for it (empty: nothing). */
  record SignedOnly(Transaction tx, java.util.List<String> askedNode) {}

  /**
   * Signs and has the node check it as it would on submission ({@code bcos_checkRawTransaction}),
   * sending nothing: a refusal is the node's named error, else the transaction that would be sent.
   */
  static Transaction dryRun(CommonOptions common, Signer signer, Message message,
      Payment payment, Envelope envelope) {
    NodeAnswers node = new NodeAnswers(common);
    long nonce = envelope.nonce() != null ? envelope.nonce() : node.pendingNonce(signer.key());
    Transaction tx = sign(node, signer.key(), nonce, message, payment, envelope).tx();
    common.client().check(tx);
    return tx;
  }

  /**
   * Sends a transaction signed earlier ({@code bcos submit}) and, if {@code wait}, waits until it
   * is final: ALREADY_FINAL if it is, NONCE_USED if another transaction of the sender took its
   * nonce (before or while waiting); a resubmission of a pending one just waits.
   */
  static ObjectNode submitSigned(CommonOptions common, Transaction tx, boolean wait,
      long timeoutSeconds) throws Exception {
    BcosClient client = common.client();
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    JsonNode known = viewOf(client, tx);
    if (known != null && known.path("status").asText().equals("final")) {
      throw new CliException("ALREADY_FINAL", "transaction " + tx.hash().toHex() + " is final"
          + " already, at height " + known.path("height").asLong() + "; it was submitted before");
    }
    if (known == null) {
      try {
        client.send(tx);
      } catch (RpcError e) {
        if (isKnown(client, tx)) return submitSigned(common, tx, wait, timeoutSeconds);
        if ("NONCE_TOO_LOW".equals(e.reason())) throw nonceUsed(tx);
        throw e;
      }
    }
    Sent sent = new Sent(tx, tx.fee());
    if (!wait) return output(sent, "pending", null);
    JsonNode fin = awaitFinalOrNonceTaken(client, tx, deadline, timeoutSeconds);
    if (fin == null) throw nonceUsed(tx);
    return output(sent, "final", fin);
  }

  /** Reads the pending nonce, signs and sends; on a nonce taken meanwhile, tries the next one. */
  private static Sent sendWithFreshNonce(BcosClient client, Ed25519KeyPair key, Message message,
      Payment payment, Envelope envelope) {
    for (int attempt = 1; attempt <= MAX_NONCE_ATTEMPTS; attempt++) {
      NodeAnswers node = new NodeAnswers(client);
      long nonce = envelope.nonce() != null ? envelope.nonce() : node.pendingNonce(key);
      Sent sent = sign(node, key, nonce, message, payment, envelope);
      try {
        client.send(sent.tx());
        return sent;
      } catch (RpcError e) {
        if (isKnown(client, sent.tx())) return sent;
        if (envelope.nonce() != null || !nonceTaken(e)) throw e;
      }
    }
    throw nonceConflict(key, -1);
  }

  private static Sent sign(NodeAnswers node, Ed25519KeyPair key, long nonce, Message message,
      Payment payment, Envelope envelope) {
    String chainId = envelope.chainId() != null ? envelope.chainId() : node.chainId();
    long expiry = envelope.expiryHeight() != null ? envelope.expiryHeight()
        : node.height() + envelope.expiryBlocks();
    if (payment.powBits() != null) {
      return new Sent(Transactions.feeFree(chainId, key, nonce, expiry, message,
          payment.powBits()), 0);
    }
    long fee = payment.feeUnits() != null ? payment.feeUnits()
        : org.bcos.ledger.Modules.minFeeUnits(message, node.minFeeUnits());
    return new Sent(Transactions.build(chainId, key, nonce, fee, expiry, message), fee);
  }

  /**
   * What the node is asked for a transaction's envelope, each at most once, and which of them
   * were asked: the client is made only when something is (an offline signature never makes
   * one).
   */
  private static final class NodeAnswers {
    private final java.util.function.Supplier<BcosClient> clients;
    private final java.util.List<String> asked = new java.util.ArrayList<>();
    private BcosClient client;
    private JsonNode status;

    NodeAnswers(CommonOptions common) {
      this.clients = common::client;
    }

    NodeAnswers(BcosClient client) {
      this.clients = () -> client;
    }

    String chainId() {
      asked.add("chainId");
      return status().path("chainId").asText();
    }

    long height() {
      asked.add("height");
      return status().path("height").asLong();
    }

    long minFeeUnits() {
      asked.add("minFee");
      return Long.parseLong(status().path("minFeeUnits").asText());
    }

    long pendingNonce(Ed25519KeyPair key) {
      asked.add("nonce");
      return client().account(key.address(), false).path("pendingNonce").asLong();
    }

    java.util.List<String> asked() {
      return java.util.List.copyOf(asked);
    }

    private JsonNode status() {
      if (status == null) status = client().status();
      return status;
    }

    private BcosClient client() {
      if (client == null) client = clients.get();
      return client;
    }
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

  /** The nonce of a transaction whose nonce cannot change (fixed or signed earlier) is used. */
  private static CliException nonceUsed(Transaction tx) {
    return new CliException("NONCE_USED", "nonce " + tx.nonce() + " of " + tx.sender() + " was"
        + " used by another transaction, so transaction " + tx.hash().toHex() + " can never"
        + " execute; sign it again with the next nonce");
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
