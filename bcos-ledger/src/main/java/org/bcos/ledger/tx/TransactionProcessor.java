package org.bcos.ledger.tx;

import java.util.Optional;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.coin.CoinTransferHandler;
import org.bcos.ledger.coin.api.Account;
import org.bcos.types.tx.CoinTransfer;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * Validates and executes transactions in stages: {@link #checkStateless} (pure; ingress and
 * gossip), {@link #checkExpiry} (needs the next height), then {@link #execute} (reads and writes
 * the block's working state). Dispatch is a pattern switch without default: a new message type
 * does not compile until it has a handler.
 */
public final class TransactionProcessor {
  private final ChainParams params;
  private final CoinTransferHandler coinTransfer = new CoinTransferHandler();

  public TransactionProcessor(ChainParams params) {
    this.params = params;
  }

  public ChainParams params() {
    return params;
  }

  public Verdict checkStateless(Transaction tx) {
    if (!tx.body().chainId().equals(params.chainId())) {
      return Verdict.reject(Rejection.WRONG_CHAIN_ID,
          "expected " + params.chainId() + ", got " + tx.body().chainId());
    }
    if (tx.encodedSize() > Transaction.MAX_ENCODED_BYTES) {
      return Verdict.reject(Rejection.OVERSIZED, "limit " + Transaction.MAX_ENCODED_BYTES);
    }
    if (tx.fee() < params.minFeeUnits()) {
      return Verdict.reject(Rejection.FEE_TOO_LOW, "minimum " + params.minFeeUnits() + " units");
    }
    return switch (tx.message()) {
      case CoinTransfer t -> coinTransfer.checkStateless(tx, t, params);
    };
  }

  /** Whether {@code tx} may still be included at {@code nextHeight}, and is not absurdly far off. */
  public Verdict checkExpiry(Transaction tx, long nextHeight) {
    long expiry = tx.body().expiryHeight();
    if (expiry < nextHeight) {
      return Verdict.reject(Rejection.EXPIRED, "expiry " + expiry + ", next height " + nextHeight);
    }
    if (expiry - nextHeight > params.maxExpiryDeltaBlocks()) {
      return Verdict.reject(Rejection.EXPIRY_TOO_FAR,
          "at most " + params.maxExpiryDeltaBlocks() + " blocks ahead");
    }
    return Verdict.OK;
  }

  /** Total a transaction can debit from its sender (amount plus fee). */
  public static long maxCost(Transaction tx) {
    return switch (tx.message()) {
      case CoinTransfer t -> CoinTransferHandler.cost(tx, t);
    };
  }

  /**
   * Executes one already signature-checked, stateless-valid transaction at {@code ctx.height()}.
   * On rejection nothing was written.
   */
  public Verdict execute(TxContext ctx, Transaction tx) {
    if (tx.body().expiryHeight() < ctx.height()) {
      return Verdict.reject(Rejection.EXPIRED, "expiry " + tx.body().expiryHeight());
    }
    Optional<Account> sender = ctx.coins().find(tx.sender());
    if (sender.isEmpty()) {
      return Verdict.reject(Rejection.UNKNOWN_SENDER, tx.sender().toString());
    }
    long expected = sender.get().nonce();
    if (tx.nonce() < expected) {
      return Verdict.reject(Rejection.NONCE_TOO_LOW, "next nonce is " + expected);
    }
    if (tx.nonce() > expected) {
      return Verdict.reject(Rejection.NONCE_GAP_TOO_LARGE, "next nonce is " + expected);
    }
    return switch (tx.message()) {
      case CoinTransfer t -> coinTransfer.handle(ctx, tx, t);
    };
  }
}
