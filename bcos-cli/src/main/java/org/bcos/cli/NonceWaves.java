package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bcos.client.BcosClient;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.tx.Transaction;

/**
 * Sends many transactions from one key in waves that fit the chain's nonce window: a sender's
 * transaction may be at most {@code maxNonceGap} nonces ahead of its committed nonce (the node
 * refuses the rest {@code NONCE_GAP_TOO_LARGE}), so each wave takes the room left in the window,
 * and the next wave starts when the previous one is final. Any refusal fails at once with the
 * reasons ({@code TX_REFUSED}) rather than waiting for a transaction that will never come.
 */
final class NonceWaves {
  /** The wave size when the node does not report {@code maxNonceGap} in {@code bcos_status}. */
  static final int FALLBACK_WINDOW = 100;
  /** How long one wave may take to become final, and to wait for room in the window. */
  static final Duration WAVE_TIMEOUT = Duration.ofSeconds(120);

  /** Builds the transaction number {@code index} with nonce {@code nonce}. */
  interface Builder {
    Transaction build(int index, long nonce);
  }

  private NonceWaves() {}

  /** The chain's nonce window as the node reports it, else {@link #FALLBACK_WINDOW}. */
  static int window(JsonNode status) {
    JsonNode gap = status.path("maxNonceGap");
    if (gap.canConvertToInt() && gap.asInt() >= 0) return gap.asInt() + 1;
    BenchCommand.Transfers.progress("bench: the node does not report maxNonceGap; sending in"
        + " waves of " + FALLBACK_WINDOW);
    return FALLBACK_WINDOW;
  }

  /**
   * Sends {@code count} transactions from {@code sender} (whose key lock the caller holds), built
   * with consecutive nonces from its pending nonce, in waves of at most {@code window}.
   */
  static void send(BcosClient client, BenchCommand.Transfers load, Ed25519KeyPair sender,
      int count, int window, Builder builder, String what) throws Exception {
    int sent = 0;
    while (sent < count) {
      JsonNode account = awaitRoom(client, sender, window);
      long nonce = account.path("pendingNonce").asLong();
      int room = (int) Math.min(count - sent, account.path("nonce").asLong() + window - nonce);
      List<Transaction> wave = new ArrayList<>(room);
      for (int i = 0; i < room; i++) wave.add(builder.build(sent + i, nonce + i));
      long accepted = load.submit(client, wave);
      if (accepted < wave.size()) throw refused(what, wave.size() - accepted, wave.size(),
          load.rejections());
      client.awaitFinal(wave.getLast().hash(), WAVE_TIMEOUT);
      sent += room;
    }
  }

  /** The sender's account once its window has room for at least one more transaction. */
  private static JsonNode awaitRoom(BcosClient client, Ed25519KeyPair sender, int window)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAVE_TIMEOUT.toNanos();
    while (true) {
      JsonNode account = client.account(sender.address(), false);
      long pending = account.path("pendingNonce").asLong();
      if (pending < account.path("nonce").asLong() + window) return account;
      if (System.nanoTime() > deadline) {
        throw new CliException("TIMEOUT", "the nonce window of " + sender.address()
            + " stayed full for " + WAVE_TIMEOUT.toSeconds() + " s (another client is using it)");
      }
      Thread.sleep(50);
    }
  }

  private static CliException refused(String what, long refused, int total,
      Map<String, Long> reasons) {
    return new CliException("TX_REFUSED", what + ": the node refused " + refused + " of " + total
        + " transactions " + reasons + "; stopping instead of waiting for them");
  }
}
