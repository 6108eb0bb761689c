package org.bcos.ledger.coin;

import org.bcos.ledger.ChainParams;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.tx.TxContext;
import org.bcos.ledger.tx.Verdict;
import org.bcos.types.tx.CoinTransfer;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * Handles {@link CoinTransfer}. {@link #checkStateless} is pure (runs at ingress); {@link #handle}
 * checks the sender's balance first and only then writes, so a rejected transfer changes nothing.
 */
public final class CoinTransferHandler {

  public Verdict checkStateless(Transaction tx, CoinTransfer transfer, ChainParams params) {
    if (transfer.amountUnits() <= 0) {
      return Verdict.reject(Rejection.AMOUNT_NOT_POSITIVE, "amount " + transfer.amountUnits());
    }
    if (transfer.memoBytes() > CoinTransfer.MAX_MEMO_BYTES) {
      return Verdict.reject(Rejection.MEMO_TOO_LONG, "limit " + CoinTransfer.MAX_MEMO_BYTES);
    }
    if (transfer.to().equals(tx.sender())) {
      return Verdict.reject(Rejection.SELF_TRANSFER, "");
    }
    try {
      Math.addExact(transfer.amountUnits(), tx.fee());
    } catch (ArithmeticException e) {
      return Verdict.reject(Rejection.AMOUNT_OVERFLOW, "");
    }
    return Verdict.OK;
  }

  /** Total the sender must hold for this transfer. Call only after checkStateless passed. */
  public static long cost(Transaction tx, CoinTransfer transfer) {
    return Math.addExact(transfer.amountUnits(), tx.fee());
  }

  /** Moves the amount; the processor charges the fee and advances the nonce afterwards. */
  public Verdict handle(TxContext ctx, Transaction tx, CoinTransfer transfer) {
    CoinStore coins = ctx.coins();
    Account sender = coins.getOrEmpty(tx.sender());
    long cost = cost(tx, transfer);
    if (sender.balanceUnits() < cost) {
      return Verdict.reject(Rejection.INSUFFICIENT_BALANCE,
          "needs " + cost + " units, has " + sender.balanceUnits());
    }
    coins.put(tx.sender(), new Account(sender.balanceUnits() - transfer.amountUnits(),
        sender.nonce()));
    coins.credit(transfer.to(), transfer.amountUnits());
    return Verdict.OK;
  }
}
