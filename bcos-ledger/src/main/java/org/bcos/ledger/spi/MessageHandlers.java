package org.bcos.ledger.spi;

import org.bcos.ledger.ChainParams;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;

/** Builds a {@link MessageHandler} from its parts, so a module lists its messages in one table. */
public final class MessageHandlers {
  private MessageHandlers() {}

  /** Executes a message in a block (check-then-write). */
  @FunctionalInterface
  public interface Execution<M extends Message> {
    Verdict handle(TxContext ctx, Transaction tx, M message);
  }

  /** Checks a message without state. */
  @FunctionalInterface
  public interface PureCheck<M extends Message> {
    Verdict check(Transaction tx, M message, ChainParams params);
  }

  /** A handler with the given parts. */
  public static <M extends Message> MessageHandler<M> of(Execution<M> execution,
      PureCheck<M> pureChecks, boolean mayBeFeeFree) {
    return build(execution, pureChecks, mayBeFeeFree, m -> 0);
  }

  /**
   * A paid handler whose message moves up to {@code debit} of the sender's balance beyond the
   * fee (a bond), so the mempool counts it in the sender's pending spend.
   */
  public static <M extends Message> MessageHandler<M> debiting(Execution<M> execution,
      PureCheck<M> pureChecks, java.util.function.ToLongFunction<M> debit) {
    return build(execution, pureChecks, false, debit);
  }

  private static <M extends Message> MessageHandler<M> build(Execution<M> execution,
      PureCheck<M> pureChecks, boolean mayBeFeeFree, java.util.function.ToLongFunction<M> debit) {
    return new MessageHandler<>() {
      @Override
      public Verdict pureChecks(Transaction tx, M message, ChainParams params) {
        return pureChecks.check(tx, message, params);
      }

      @Override
      public Verdict handle(TxContext ctx, Transaction tx, M message) {
        return execution.handle(ctx, tx, message);
      }

      @Override
      public boolean mayBeFeeFree(M message) {
        return mayBeFeeFree;
      }

      @Override
      public long maxDebit(Transaction tx, M message) {
        return Math.max(0, debit.applyAsLong(message));
      }
    };
  }

  /** A handler without stateless checks that always pays its fee. */
  public static <M extends Message> MessageHandler<M> paid(Execution<M> execution) {
    return of(execution, (tx, m, p) -> Verdict.OK, false);
  }

  /**
   * A handler without stateless checks whose message may go fee-free with a proof-of-work stamp
   * (the handler checks the stamp's difficulty).
   */
  public static <M extends Message> MessageHandler<M> feeFree(Execution<M> execution) {
    return of(execution, (tx, m, p) -> Verdict.OK, true);
  }
}
