package org.bcos.ledger.spi.rpc;

/**
 * An error a method names beyond the ones every call may get ({@code INVALID_PARAMS}, the work
 * and deadline limits): its code, its stable {@code data.reason} and when it happens.
 */
public record RpcFailure(int code, String reason, String when) {
  public RpcFailure {
    RpcMethodSpec.requireText(reason, "failure reason");
    RpcMethodSpec.requireText(when, "when " + reason + " happens");
  }

  /** {@code NOT_FOUND}: the thing asked for does not exist (yet). */
  public static RpcFailure notFound(String when) {
    return new RpcFailure(RpcException.NOT_FOUND, "NOT_FOUND", when);
  }

  /** {@code LIMIT_EXCEEDED}: a list or count is over its named bound. */
  public static RpcFailure limit(String when) {
    return new RpcFailure(RpcException.LIMIT_EXCEEDED, "LIMIT_EXCEEDED", when);
  }
}
