package org.bcos.client;

/** An error answered by the node: JSON-RPC code, stable reason name and a sentence. */
public final class RpcError extends RuntimeException {
  private final int code;
  private final String reason;

  public RpcError(int code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  /** Stable upper-case name, e.g. {@code INSUFFICIENT_BALANCE}. */
  public String reason() {
    return reason;
  }
}
