package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bcos.client.JsonTree;

/**
 * Follows an issue's tally over the node's WebSocket ({@code bcos_subscribe ["dvsTally", I]}):
 * each block's live tally, then the final result, which ends the subscription. Bounded by a
 * timeout; every wait has one.
 */
final class TallyFollower {
  private static final String CLOSED = "";

  private TallyFollower() {}

  /** The WebSocket URL beside an RPC URL: same host and port, path {@code /ws}. */
  static URI webSocketUri(String rpcUrl) {
    URI rpc = URI.create(rpcUrl);
    String scheme = "https".equalsIgnoreCase(rpc.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + rpc.getRawAuthority() + "/ws");
  }

  /**
   * Calls {@code onTally} with each tally until the final result arrives (returns true) or
   * {@code timeout} passes (returns false).
   */
  static boolean follow(String rpcUrl, long issue, Duration timeout, Consumer<JsonNode> onTally)
      throws InterruptedException {
    BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    WebSocket ws = connect(rpcUrl, messages);
    try {
      ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bcos_subscribe\",\"params\":"
          + "[\"dvsTally\"," + issue + "]}", true).join();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        String text = messages.poll(Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
        if (text == null) return false;
        if (text == CLOSED) {
          throw new CliException("NODE_UNREACHABLE", "the node closed the WebSocket");
        }
        JsonNode tally = tallyIn(text);
        if (tally == null) continue;
        onTally.accept(tally);
        if (tally.path("final").asBoolean()) return true;
      }
    } finally {
      ws.abort();
    }
  }

  /** The tally a notification carries; null for the subscription's answer; errors by name. */
  private static JsonNode tallyIn(String text) {
    JsonNode message;
    try {
      message = JsonTree.parse(text);
    } catch (java.io.IOException e) {
      throw new CliException("NODE_REPLY_INVALID", "the node sent a message that is not JSON");
    }
    if (message.has("error")) {
      JsonNode error = message.path("error");
      // the node's own error, named as every other command names it (an RpcError)
      throw new org.bcos.client.RpcError(error.path("code").asInt(),
          error.path("data").path("reason").asText(""), error.path("message").asText());
    }
    return message.path("method").asText().equals("bcos_subscription")
        ? message.path("params").path("result") : null;
  }

  private static WebSocket connect(String rpcUrl, BlockingQueue<String> messages) {
    URI uri = webSocketUri(rpcUrl);
    try {
      return HttpClient.newHttpClient().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .buildAsync(uri, new Collector(messages)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new CliException("NODE_UNREACHABLE", "cannot open " + uri + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage());
    }
  }

  /** Joins a message's fragments and queues whole messages (and the close, as CLOSED). */
  private static final class Collector implements WebSocket.Listener {
    private final BlockingQueue<String> messages;
    private final StringBuilder partial = new StringBuilder();

    Collector(BlockingQueue<String> messages) {
      this.messages = messages;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      messages.add(CLOSED);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      messages.add(CLOSED);
    }
  }
}
