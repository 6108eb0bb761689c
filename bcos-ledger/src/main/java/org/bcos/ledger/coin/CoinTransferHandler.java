package org.bcos.ledger.coin;

import org.bcos.ledger.ChainParams;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinRejection;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.spi.MessageHandler;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;

/**
 * Handles {@link CoinTransfer}. {@link #pureChecks} runs at ingress; {@link #handle} checks the
 * sender's balance first and only then writes, so a refused transfer changes nothing. The
 * admission check is the mempool's balance check ({@link #maxDebit}), so a transfer is not
 * checked against the head state at admission: transfers are the throughput path.
 */
final class CoinTransferHandler implements MessageHandler<CoinTransfer> {

  @Override
  public Verdict pureChecks(Transaction tx, CoinTransfer transfer, ChainParams params) {
    if (transfer.amountUnits() <= 0) {
      return Verdict.reject(CoinRejection.AMOUNT_NOT_POSITIVE, "amount " + transfer.amountUnits());
    }
    if (transfer.memoBytes() > CoinTransfer.MAX_MEMO_BYTES) {
      return Verdict.reject(CoinRejection.MEMO_TOO_LONG, "limit " + CoinTransfer.MAX_MEMO_BYTES);
    }
    if (transfer.to().equals(tx.sender())) {
      return Verdict.reject(CoinRejection.SELF_TRANSFER, "");
    }
    try {
      Math.addExact(transfer.amountUnits(), tx.fee());
    } catch (ArithmeticException e) {
      return Verdict.reject(CoinRejection.AMOUNT_OVERFLOW, "");
    }
    return Verdict.OK;
  }

  @Override
  public boolean checksStateAtAdmission() {
    return false;
  }

  @Override
  public Verdict preHandle(TxContext scratch, Transaction tx, CoinTransfer transfer) {
    return Verdict.OK; // the mempool checks the nonce and the balance
  }

  @Override
  public long maxDebit(Transaction tx, CoinTransfer transfer) {
    return transfer.amountUnits();
  }

  @Override
  public java.util.List<org.bcos.types.Address> counterparties(CoinTransfer transfer) {
    return java.util.List.of(transfer.to());
  }

  /** Moves the amount; the ledger charges the fee and advances the nonce afterwards. */
  @Override
  public Verdict handle(TxContext ctx, Transaction tx, CoinTransfer transfer) {
    // the module's own store, not the Bank api: one read of the sender on the throughput path
    CoinStore coins = new CoinStore(ctx.state());
    Account sender = coins.getOrEmpty(tx.sender());
    long cost = Math.addExact(transfer.amountUnits(), tx.fee());
    if (sender.balanceUnits() < cost) {
      return Verdict.reject(TxRejection.INSUFFICIENT_BALANCE,
          "needs " + cost + " units, has " + sender.balanceUnits());
    }
    coins.put(tx.sender(), new Account(sender.balanceUnits() - transfer.amountUnits(),
        sender.nonce()));
    coins.credit(transfer.to(), transfer.amountUnits());
    return Verdict.OK;
  }

}
