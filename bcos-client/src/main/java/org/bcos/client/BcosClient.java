package org.bcos.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.tx.Transaction;

/**
 * Java SDK for a node's JSON-RPC API (docs/RPC.md). Thread-safe. {@code http://} URLs are served
 * by a plain socket per request, {@code https://} by the JDK's HTTP client.
 */
public final class BcosClient {
  public static final String DEFAULT_URL = "http://127.0.0.1:8645";
  /** Time to open a connection to the node. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Time from sending a request to the end of its reply. */
  public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
  /**
   * The largest reply body taken: a full block at the 100,000-transaction cap is about 50 MB of
   * JSON; a reply past this is refused ({@code NODE_REPLY_INVALID}) rather than filling memory.
   */
  public static final int MAX_REPLY_BYTES = 128 << 20;

  private final URI rpcUri;
  private final RpcTransport transport;
  private final AtomicLong ids = new AtomicLong();

  /**
   * A client of the node at {@code baseUrl} ({@code http://host:port}, optionally ending in
   * {@code /rpc}).
   *
   * @throws InvalidUrlException when the text is not an http(s) URL with a host
   */
  public BcosClient(String baseUrl) {
    this.rpcUri = rpcUri(baseUrl);
    this.transport = rpcUri.getScheme().equalsIgnoreCase("https")
        ? new JdkHttpTransport(rpcUri, CONNECT_TIMEOUT, REPLY_TIMEOUT, MAX_REPLY_BYTES)
        : new SocketTransport(rpcUri, CONNECT_TIMEOUT, REPLY_TIMEOUT, MAX_REPLY_BYTES);
  }

  /** Thrown for a node URL that is not {@code http(s)://host[:port][/path]}; says why. */
  public static final class InvalidUrlException extends IllegalArgumentException {
    public InvalidUrlException(String message) {
      super(message);
    }
  }

  /** The RPC endpoint of {@code baseUrl}, checked: an http(s) scheme and a host are required. */
  public static URI rpcUri(String baseUrl) {
    String text = baseUrl.strip();
    int schemeEnd = text.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidUrlException("'" + baseUrl + "' has no http:// or https:// scheme; write"
          + " e.g. http://" + text.substring(schemeEnd < 0 ? 0 : schemeEnd + 3));
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidUrlException("not a URL: '" + baseUrl + "' (" + e.getReason() + ")");
    }
    if (uri.getHost() == null) {
      throw new InvalidUrlException("'" + baseUrl + "' names no host; write e.g. "
          + DEFAULT_URL);
    }
    String base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    return URI.create(base.endsWith("/rpc") ? base : base + "/rpc");
  }

  /** Thrown when the node cannot be reached at all. */
  public static final class UnreachableException extends RuntimeException {
    public UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Calls {@code method}; returns the result or throws {@link RpcError}. */
  public JsonNode call(String method, Object... params) {
    return callPrepared(request(ids.incrementAndGet(), method, params));
  }

  /** The JSON text of one call, so callers (load generators) can prepare requests ahead. */
  public static String request(long id, String method, Object... params) {
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("jsonrpc", "2.0");
    req.put("id", id);
    req.put("method", method);
    req.set("params", JsonTree.toTree(params));
    return JsonTree.compact(req);
  }

  /** The request text of {@code bcos_sendRawTransactions} for {@code txs}. */
  public static String sendAllRequest(long id, List<Transaction> txs) {
    String[] hexes = txs.stream().map(t -> Hex.encode(t.encoded())).toArray(String[]::new);
    return request(id, "bcos_sendRawTransactions", (Object) hexes);
  }

  /** Sends a request made by {@link #request}; returns the result or throws {@link RpcError}. */
  public JsonNode callPrepared(String requestText) {
    JsonNode res = post(requestText);
    JsonNode err = res.get("error");
    if (err != null && !err.isNull()) {
      throw new RpcError(err.path("code").asInt(), err.path("data").path("reason").asText(""),
          err.path("message").asText());
    }
    return res.get("result");
  }

  private JsonNode post(String body) {
    RpcTransport.Reply reply;
    try {
      reply = transport.post(body.getBytes(StandardCharsets.UTF_8));
    } catch (RpcTransport.ReplyInvalidException e) {
      throw replyInvalid(e.getMessage());
    } catch (IOException e) {
      throw new UnreachableException("cannot reach a bcos node at " + rpcUri + ": "
          + cause(e) + " (is `./bcos node --dev` running?)", e);
    }
    if (reply.status() != 200) {
      throw new RpcError(-32603, "HTTP_" + reply.status(), "node answered HTTP " + reply.status());
    }
    JsonNode json;
    try {
      json = JsonTree.parse(reply.body());
    } catch (IOException e) {
      throw replyInvalid("the reply is not JSON");
    }
    if (json == null || !json.isObject()) throw replyInvalid("the reply is not a JSON-RPC object");
    return json;
  }

  private RpcError replyInvalid(String why) {
    return new RpcError(-32603, "NODE_REPLY_INVALID", "the node at " + rpcUri
        + " sent an invalid reply: " + why);
  }

  /**
   * What went wrong, in words: the JDK's HTTP client often throws with a null message (a refused
   * connection is a bare {@code ConnectException}), so the first message in the cause chain is
   * used, else the kind of failure. The transports word their own timeouts and early ends.
   */
  static String cause(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) return "connection refused";
      if (t instanceof ClosedChannelException) return "connection closed";
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
    }
    return e.getClass().getSimpleName();
  }

  public JsonNode status() {
    return call("bcos_status");
  }

  public String chainId() {
    return call("bcos_chainId").path("chainId").asText();
  }

  public long height() {
    return status().path("height").asLong();
  }

  public JsonNode account(Address address, boolean withProof) {
    return call("bcos_getAccount", address.toString(), withProof);
  }

  public Hash send(Transaction tx) {
    return Hash.fromHex(call("bcos_sendRawTransaction", Hex.encode(tx.encoded()))
        .path("hash").asText());
  }

  /**
   * Checks {@code tx} as {@link #send} would and submits nothing ({@code
   * bcos_checkRawTransaction}); a refusal is an RpcError with the same reason send would give.
   */
  public void check(Transaction tx) {
    call("bcos_checkRawTransaction", Hex.encode(tx.encoded()));
  }

  /** Submits many transactions in one call; per-transaction results in order. */
  public ArrayNode sendAll(List<Transaction> txs) {
    return (ArrayNode) callPrepared(sendAllRequest(ids.incrementAndGet(), txs));
  }

  /** The transaction (pending or final), or throws RpcError with reason NOT_FOUND. */
  public JsonNode transaction(Hash hash) {
    return call("bcos_getTransaction", hash.toHex());
  }

  public JsonNode block(String ref, boolean fullTransactions) {
    Object param = ref.matches("\\d{1,18}") ? (Object) Long.parseLong(ref) : ref;
    return call("bcos_getBlock", param, fullTransactions);
  }

  /** Polls until the transaction is final or {@code timeout} passes; returns its final view. */
  public JsonNode awaitFinal(Hash hash, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        JsonNode tx = transaction(hash);
        if ("final".equals(tx.path("status").asText())) return tx;
        if ("dropped".equals(tx.path("status").asText())) {
          throw new RpcError(tx.path("code").asInt(), tx.path("reason").asText(),
              tx.path("message").asText() + " (refused when the block was built)");
        }
      } catch (RpcError e) {
        if (!"NOT_FOUND".equals(e.reason())) throw e;
      }
      if (System.nanoTime() > deadline) {
        throw new RpcError(-32040, "TIMEOUT", "transaction " + hash.toHex()
            + " not final after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }
}
