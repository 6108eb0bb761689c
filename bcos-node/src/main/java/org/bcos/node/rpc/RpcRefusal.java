package org.bcos.node.rpc;

import org.bcos.ledger.spi.rpc.RpcException;

/**
 * Why the API server refused a connection or a request, or closed a connection: each a stable
 * name (sent in the JSON body or WebSocket close reason, and counted at {@code /metrics} under
 * its {@link Kind}).
 */
enum RpcRefusal {
  TOO_MANY_CONNECTIONS(Kind.CONNECTION, 503, "the server holds its maximum of connections"),
  TOO_MANY_CONNECTIONS_FROM_IP(Kind.CONNECTION, 503,
      "this address holds its maximum of connections"),
  FD_RESERVE(Kind.CONNECTION, 503,
      "the process is near its file-descriptor limit; descriptors are kept for P2P and storage"),
  TOO_MANY_WS_CONNECTIONS(Kind.CONNECTION, 503, "the server holds its maximum of WebSockets"),
  TOO_MANY_WS_CONNECTIONS_FROM_IP(Kind.CONNECTION, 503,
      "this address holds its maximum of WebSockets"),
  HEADER_TIMEOUT(Kind.CLOSE, 408, "the request head did not arrive in time"),
  BODY_TIMEOUT(Kind.CLOSE, 408, "the request body did not arrive in time"),
  IDLE_TIMEOUT(Kind.CLOSE, 408, "the connection was idle too long"),
  EVICTED_IDLE(Kind.CLOSE, 503, "an idle connection made room for a new one"),
  SLOW_CONSUMER(Kind.CLOSE, 1008, "the client does not read its messages fast enough"),
  HOST_NOT_ALLOWED(Kind.REQUEST, 403,
      "the Host header names a host this node does not serve (rpcAllowedHosts)"),
  ORIGIN_NOT_ALLOWED(Kind.REQUEST, 403,
      "requests from this web origin are not allowed (rpcAllowedOrigins)"),
  UNSUPPORTED_CONTENT_TYPE(Kind.REQUEST, 415, "POST /rpc needs Content-Type: application/json"),
  BODY_TOO_LARGE(Kind.REQUEST, 413, "the request body is larger than rpcMaxBodyBytes"),
  RPC_BUFFERS_FULL(Kind.REQUEST, 503,
      "the server holds its maximum of buffered request bytes (rpcMaxBufferedBytes); retry"),
  PIPELINED_REQUEST(Kind.REQUEST, 400,
      "a request was sent before the previous one was answered (no HTTP pipelining)"),
  DEADLINE_EXCEEDED(Kind.REQUEST, 200, "the request ran past its deadline"),
  WORK_LIMIT_EXCEEDED(Kind.REQUEST, 200, "the request needs more work units than allowed"),
  CLIENT_GONE(Kind.REQUEST, 200, "the client disconnected; its request was stopped");

  /** Which counter a refusal is counted in. */
  enum Kind {
    /** A new connection refused: {@code bcos_rpc_connections_refused_total}. */
    CONNECTION,
    /** An open connection closed by the server: {@code bcos_rpc_connections_closed_total}. */
    CLOSE,
    /** A request refused or stopped: {@code bcos_rpc_requests_refused_total}. */
    REQUEST
  }

  private final Kind kind;
  private final int status;
  private final String sentence;

  RpcRefusal(Kind kind, int status, String sentence) {
    this.kind = kind;
    this.status = status;
    this.sentence = sentence;
  }

  Kind kind() {
    return kind;
  }

  /** HTTP status of the refusal (WebSocket close code for {@link #SLOW_CONSUMER}). */
  int status() {
    return status;
  }

  String sentence() {
    return sentence;
  }

  /** The JSON body sent with the refusal: a JSON-RPC error object without an id. */
  String json() {
    return JsonRpcDispatcher.write(JsonRpcDispatcher.error(null, RpcException.LIMIT_EXCEEDED,
        name(), sentence));
  }
}
