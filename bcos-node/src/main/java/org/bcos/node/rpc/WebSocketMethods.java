package org.bcos.node.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * The methods only a WebSocket connection has ({@code bcos_subscribe}, {@code bcos_unsubscribe}):
 * bound to their connection, so made per connection, and looked up before the shared table.
 */
final class WebSocketMethods {
  static final RpcMethodSpec SUBSCRIBE = new RpcMethodSpec("bcos_subscribe",
      "Subscribes this WebSocket connection to newBlocks, txFinal or dvsTally; answers its id.",
      "Notifications are bcos_subscription calls {subscription, result}: newBlocks sends each"
          + " block header; txFinal the final transaction, once; dvsTally the issue's live tally"
          + " after every block while voting, then its final result, once.",
      List.of(RpcParam.required("kind", oneOfText("newBlocks", "txFinal", "dvsTally"),
              "what to be told about"),
          RpcParam.optional("target", JsonSchemas.anyOf(hash(), JsonSchemas.uintParam()),
              "the transaction hash (txFinal) or issue id (dvsTally)")),
      new RpcResult("subscription", string()),
      List.of(RpcFailure.limit("the connection has rpcMaxWsSubscriptions subscriptions")));
  static final RpcMethodSpec UNSUBSCRIBE = new RpcMethodSpec("bcos_unsubscribe",
      "Ends one of this connection's subscriptions; answers whether it existed.", "",
      List.of(RpcParam.required("subscription", string(), "the subscription id")),
      new RpcResult("removed", bool()), List.of());
  static final List<RpcMethodSpec> SPECS = List.of(SUBSCRIBE, UNSUBSCRIBE);

  private WebSocketMethods() {}

  /**
   * The methods of one connection; {@code subscribed} is told each new subscription id (a
   * {@code txFinal} already final is reported once the client has the id).
   */
  static Map<String, RpcMethod> forConnection(WebSocketHub hub, Channel channel,
      Consumer<String> subscribed) {
    RpcMethod subscribe = new Bound(SUBSCRIBE, args -> {
      JsonNode id = hub.subscribe(channel, args);
      subscribed.accept(id.asText());
      return id;
    });
    RpcMethod unsubscribe = new Bound(UNSUBSCRIBE, args -> hub.unsubscribe(channel, args));
    return Map.of(SUBSCRIBE.name(), subscribe, UNSUBSCRIBE.name(), unsubscribe);
  }

  /** A method of one connection: its spec and what it does there. */
  private record Bound(RpcMethodSpec spec, java.util.function.Function<RpcArgs, JsonNode> body)
      implements RpcMethod {
    @Override
    public JsonNode call(RpcArgs args, WorkBudget budget) {
      return body.apply(args);
    }
  }
}
