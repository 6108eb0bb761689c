package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;

/**
 * WebSocket subscriptions: {@code bcos_subscribe ["newBlocks"]} and {@code bcos_subscribe
 * ["txFinal", HASH]}; notifications are {@code bcos_subscription} calls carrying the subscription
 * id and the result. Bounded per connection; a subscriber whose outbound queue is over its limit
 * (the channel is not writable: it does not read) is dropped by name ({@code SLOW_CONSUMER}).
 */
final class WebSocketHub {
  private record Subscription(String id, Channel channel, String kind, Hash txHash,
      long issueId) {}

  /** The method whose answer a {@code dvsTally} subscription pushes after every block. */
  private static final String TALLY_METHOD = "dvs_tally";

  private final Ledger ledger;
  private final RpcMethodTable methods;
  private final int maxPerConnection;
  private final RpcServerMetrics metrics;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  WebSocketHub(Ledger ledger, RpcMethodTable methods, int maxPerConnection,
      RpcServerMetrics metrics) {
    this.ledger = ledger;
    this.methods = methods;
    this.maxPerConnection = maxPerConnection;
    this.metrics = metrics;
  }

  JsonNode subscribe(Channel channel, RpcArgs params) {
    String kind = params.text(0, "subscription kind");
    long open = subscriptions.values().stream().filter(s -> s.channel() == channel).count();
    if (open >= maxPerConnection) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "LIMIT_EXCEEDED",
          "at most " + maxPerConnection + " subscriptions per connection");
    }
    String id = "0x" + Long.toHexString(ids.incrementAndGet());
    switch (kind) {
      case "newBlocks" -> subscriptions.put(id, new Subscription(id, channel, kind, null, 0));
      case "dvsTally" -> {
        long issue = params.uint(1, "issue id");
        if (ledger.api(DvsApi.class).issue(issue).isEmpty()) {
          throw RpcException.invalidParams("dvsTally needs an existing issue id");
        }
        subscriptions.put(id, new Subscription(id, channel, kind, null, issue));
      }
      case "txFinal" -> subscriptions.put(id, new Subscription(id, channel, kind,
          params.hash(1, "transaction hash"), 0));
      default -> throw RpcException.invalidParams(
          "unknown subscription '" + kind + "' (newBlocks, txFinal, dvsTally)");
    }
    channel.closeFuture().addListener(f -> dropChannel(channel));
    return JsonViews.JSON.getNodeFactory().textNode(id);
  }

  /**
   * Notifies a {@code txFinal} subscription whose transaction was already final when it was made.
   * Called after the subscription id was sent, so the client knows the id of the notification.
   */
  void catchUp(String id) {
    Subscription s = subscriptions.get(id);
    if (s == null || !s.kind().equals("txFinal")) return;
    ledger.finalTransaction(s.txHash()).ifPresent(found -> {
      if (subscriptions.remove(s.id()) != null) send(s, JsonViews.transaction(found));
    });
  }

  JsonNode unsubscribe(Channel channel, RpcArgs params) {
    Subscription s = subscriptions.get(params.text(0, "subscription id"));
    boolean removed = s != null && s.channel() == channel && subscriptions.remove(s.id()) != null;
    return JsonViews.JSON.getNodeFactory().booleanNode(removed);
  }

  void onBlock(Block block) {
    if (subscriptions.isEmpty()) return;
    String header = null; // rendered once for every newBlocks subscriber
    Map<Hash, Integer> index = null;
    Map<Long, JsonNode> tallies = new java.util.TreeMap<>();
    for (Subscription s : subscriptions.values()) {
      if (s.kind().equals("newBlocks")) {
        if (header == null) header = JsonRpcDispatcher.write(JsonViews.header(block));
        sendRendered(s, header);
      } else if (s.kind().equals("dvsTally")) {
        JsonNode tally = tallies.computeIfAbsent(s.issueId(), this::dvsTally);
        if (tally != null) send(s, tally);
        if (tally != null && tally.path("final").asBoolean()) subscriptions.remove(s.id());
      } else {
        if (index == null) {
          index = new java.util.HashMap<>();
          for (int i = 0; i < block.transactions().size(); i++) {
            index.put(block.transactions().get(i).hash(), i);
          }
        }
        if (index.containsKey(s.txHash())) notifyTx(s, block);
      }
    }
  }

  /**
   * The issue's live tally during voting, its final result once closed, else null: the answer
   * {@value #TALLY_METHOD} gives now (the head is {@code block}), so the subscription and the
   * method can never disagree.
   */
  private JsonNode dvsTally(long issueId) {
    RpcMethod tally = methods.method(TALLY_METHOD).orElse(null);
    if (tally == null) return null;
    try {
      return RpcMethodTable.invoke(tally, RpcArgs.of(JsonViews.JSON.getNodeFactory()
          .numberNode(issueId)), WorkBudget.unbounded());
    } catch (RpcException notVotingOrGone) {
      return null;
    }
  }

  private void notifyTx(Subscription s, Block block) {
    if (s == null || subscriptions.remove(s.id()) == null) return;
    for (int i = 0; i < block.transactions().size(); i++) {
      Transaction tx = block.transactions().get(i);
      if (tx.hash().equals(s.txHash())) {
        send(s, JsonViews.transaction(tx,
            java.util.Optional.of(new org.bcos.ledger.TxLocation(block.height(), i)), block));
        return;
      }
    }
  }

  private void send(Subscription s, JsonNode result) {
    sendRendered(s, JsonRpcDispatcher.write(result));
  }

  /** Sends a notification whose result is already JSON text (ids are hex: nothing to escape). */
  private void sendRendered(Subscription s, String resultJson) {
    if (!s.channel().isWritable()) {
      dropSlowConsumer(s.channel());
      return;
    }
    String text = "{\"jsonrpc\":\"2.0\",\"method\":\"bcos_subscription\",\"params\":"
        + "{\"subscription\":\"" + s.id() + "\",\"result\":" + resultJson + "}}";
    s.channel().writeAndFlush(new TextWebSocketFrame(text));
  }

  /**
   * Closes a subscriber that does not read: its queue is over {@code rpcWsMaxQueuedBytes}, and
   * queueing more would hold node memory for a client that may never read it.
   */
  void dropSlowConsumer(Channel channel) {
    if (!channel.isActive()) return;
    dropChannel(channel);
    metrics.refused(RpcRefusal.SLOW_CONSUMER);
    // best effort: the close frame waits behind the unread queue, so the channel closes now
    channel.writeAndFlush(new CloseWebSocketFrame(RpcRefusal.SLOW_CONSUMER.status(),
        RpcRefusal.SLOW_CONSUMER.name()));
    channel.close();
  }

  private void dropChannel(Channel channel) {
    subscriptions.values().removeIf(s -> s.channel() == channel);
  }
}
