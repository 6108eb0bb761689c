package org.bcos.ledger.tx;

import java.util.Optional;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.coin.CoinTransferHandler;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.dvs.DvsModule;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.types.tx.CoinTransfer;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.StakeEvidence;
import org.bcos.types.tx.Transaction;

/**
 * Validates and executes transactions in stages: {@link #checkStateless} (pure; ingress and
 * gossip), {@link #checkExpiry} (needs the next height), then {@link #execute} (reads and writes
 * the block's working state). Fees and nonces are handled here for every message; the message's
 * own effect by one handler per message type (coin here, DVS in {@link DvsModule}, evidence in
 * {@link StakeModule}). Dispatch is a
 * pattern switch without default, so a new message type does not compile until it is handled.
 */
public final class TransactionProcessor {
  private final ChainParams params;
  private final CoinTransferHandler coinTransfer = new CoinTransferHandler();
  private final DvsModule dvs = new DvsModule();
  private final StakeModule stake;

  /** A processor whose stake module checks evidence with {@code stake}'s seam. */
  public TransactionProcessor(ChainParams params, StakeModule stake) {
    this.params = params;
    this.stake = stake;
  }

  public ChainParams params() {
    return params;
  }

  public DvsModule dvs() {
    return dvs;
  }

  public Verdict checkStateless(Transaction tx) {
    if (!tx.body().chainId().equals(params.chainId())) {
      return Verdict.reject(Rejection.WRONG_CHAIN_ID,
          "expected " + params.chainId() + ", got " + tx.body().chainId());
    }
    if (tx.encodedSize() > Transaction.MAX_ENCODED_BYTES) {
      return Verdict.reject(Rejection.OVERSIZED, "limit " + Transaction.MAX_ENCODED_BYTES);
    }
    if (tx.fee() < params.minFeeUnits() && !isFeeFree(tx)) {
      return Verdict.reject(Rejection.FEE_TOO_LOW, "minimum " + params.minFeeUnits() + " units"
          + (DvsModule.mayBeFeeFree(tx.message()) ? " (or fee 0 with a proof-of-work stamp)" : ""));
    }
    return switch (tx.message()) {
      case CoinTransfer t -> coinTransfer.checkStateless(tx, t, params);
      case StakeEvidence m -> Verdict.OK; // bounded by the codec; checked at execution
      default -> dvs.checkStateless(tx);
    };
  }

  /** Fee 0 on a message that may go fee-free; the stamp itself is checked at execution. */
  public static boolean isFeeFree(Transaction tx) {
    return tx.fee() == 0
        && (DvsModule.mayBeFeeFree(tx.message()) || tx.message() instanceof StakeEvidence);
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
    Message m = tx.message();
    return m instanceof CoinTransfer t ? CoinTransferHandler.cost(tx, t) : tx.fee();
  }

  /**
   * Executes one already signature-checked, stateless-valid transaction at {@code ctx.height()}.
   * On rejection nothing was written.
   */
  public Verdict execute(TxContext ctx, Transaction tx) {
    if (tx.body().expiryHeight() < ctx.height()) {
      return Verdict.reject(Rejection.EXPIRED, "expiry " + tx.body().expiryHeight());
    }
    Optional<Account> found = ctx.coins().find(tx.sender());
    if (found.isEmpty() && !isFeeFree(tx)) {
      return Verdict.reject(Rejection.UNKNOWN_SENDER, tx.sender().toString());
    }
    Account sender = found.orElse(Account.EMPTY);
    if (tx.nonce() < sender.nonce()) {
      return Verdict.reject(Rejection.NONCE_TOO_LOW, "next nonce is " + sender.nonce());
    }
    if (tx.nonce() > sender.nonce()) {
      return Verdict.reject(Rejection.NONCE_GAP_TOO_LARGE, "next nonce is " + sender.nonce());
    }
    if (sender.balanceUnits() < tx.fee()) {
      return Verdict.reject(Rejection.INSUFFICIENT_BALANCE, "cannot pay the fee");
    }
    Verdict verdict = switch (tx.message()) {
      case CoinTransfer t -> coinTransfer.handle(ctx, tx, t);
      case StakeEvidence m -> stake.handle(ctx, tx, m);
      default -> dvs.handle(ctx, tx);
    };
    if (verdict.ok()) chargeFeeAndAdvanceNonce(ctx, tx);
    return verdict;
  }

  private static void chargeFeeAndAdvanceNonce(TxContext ctx, Transaction tx) {
    Account after = ctx.coins().getOrEmpty(tx.sender());
    ctx.coins().put(tx.sender(),
        new Account(after.balanceUnits() - tx.fee(), after.nonce() + 1));
    if (tx.fee() > 0) ctx.coins().credit(ctx.proposer(), tx.fee());
  }
}
