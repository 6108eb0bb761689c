package org.bcos.ledger.spi.rpc;

/**
 * A JSON-RPC error: standard codes (-32700..-32603), the node's own (-32040..-32044) or a named
 * transaction rejection; {@link #reason} reaches the caller as {@code error.data.reason}.
 */
public final class RpcException extends RuntimeException {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;
  public static final int NOT_FOUND = -32040;
  public static final int LIMIT_EXCEEDED = -32041;
  /** The request ran past its deadline ({@code rpcRequestTimeoutMillis}). */
  public static final int DEADLINE_EXCEEDED = -32042;
  /** The request needs more work units than {@code rpcMaxRequestWorkUnits}. */
  public static final int WORK_LIMIT_EXCEEDED = -32043;
  /** The client disconnected; the rest of its request was not run (never sent to anyone). */
  public static final int CLIENT_GONE = -32044;

  private final int code;
  private final String reason;

  public RpcException(int code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  public static RpcException invalidParams(String message) {
    return new RpcException(INVALID_PARAMS, "INVALID_PARAMS", message);
  }

  public static RpcException limit(String message) {
    return new RpcException(LIMIT_EXCEEDED, "LIMIT_EXCEEDED", message);
  }

  public static RpcException notFound(String message) {
    return new RpcException(NOT_FOUND, "NOT_FOUND", message);
  }

  public int code() {
    return code;
  }

  /** Stable upper-case name of the error, returned as {@code error.data.reason}. */
  public String reason() {
    return reason;
  }
}
