package org.bcos.ledger.spi.rpc;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * What one request (an HTTP body or a WebSocket message, batch or not) may cost: work units
 * (about one state entry read, transaction decoded or lookup each; see {@link RpcCosts}), a
 * deadline, and its client still being connected. Methods {@link #charge} as they go, so a request
 * stops as soon as any bound is hit or its client has gone, not when its answer is complete.
 * Used by one thread at a time.
 */
public final class WorkBudget {
  private final long maxUnits;
  private final long deadlineNanos;
  private final LongSupplier nanoClock;
  private final BooleanSupplier clientConnected;
  private long spent;
  private RpcException stop;

  public WorkBudget(long maxUnits, long timeoutMillis, LongSupplier nanoClock,
      BooleanSupplier clientConnected) {
    this.maxUnits = maxUnits;
    this.nanoClock = nanoClock;
    this.deadlineNanos = nanoClock.getAsLong() + timeoutMillis * 1_000_000L;
    this.clientConnected = clientConnected;
  }

  /** A budget with no bounds (internal callers, tests). */
  public static WorkBudget unbounded() {
    return new WorkBudget(Long.MAX_VALUE, Long.MAX_VALUE / 2_000_000L, () -> 0L, () -> true);
  }

  /**
   * Spends {@code units}; throws the named error when the budget or deadline is exhausted or the
   * client has disconnected.
   */
  public void charge(long units) {
    if (stop != null) throw stop;
    spent = units > maxUnits - spent ? maxUnits + 1 : spent + units;
    if (spent > maxUnits) {
      throw stop(RpcException.WORK_LIMIT_EXCEEDED, "WORK_LIMIT_EXCEEDED",
          "the request needs more than " + maxUnits + " work units; split it");
    }
    if (!clientConnected.getAsBoolean()) {
      throw stop(RpcException.CLIENT_GONE, "CLIENT_GONE",
          "the client disconnected; the request was stopped");
    }
    if (nanoClock.getAsLong() - deadlineNanos > 0) {
      throw stop(RpcException.DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED",
          "the request ran past its deadline; split it");
    }
  }

  private RpcException stop(int code, String reason, String message) {
    stop = new RpcException(code, reason, message);
    return stop;
  }

  /** The reason the request was stopped, or null while it may go on. */
  public String stopReason() {
    return stop == null ? null : stop.reason();
  }

  /** The units spent so far. */
  public long spent() {
    return Math.min(spent, maxUnits);
  }

  /** Units left before the budget is exhausted (how far a scan may go). */
  public long remaining() {
    return Math.max(0, maxUnits - spent);
  }
}
