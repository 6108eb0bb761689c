package org.bcos.ledger.coin;

import java.util.TreeSet;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.coin.api.CoinRejection;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.spi.MessageHandler;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;

/**
 * Handles {@link CoinMultiSend}: every output is checked ({@link #pureChecks}: shape; {@link
 * #handle}: the governed output limit and the balance) before anything is written, so a refused
 * multi-send changes nothing and an accepted one pays every recipient. Its admission check is the
 * default one (executed on a scratch copy of the head state), so the governed limit is checked at
 * the door too. It pays the chain's minimum fee once per output: each payment costs what a
 * transfer costs, in about a quarter of the block space.
 */
final class CoinMultiSendHandler implements MessageHandler<CoinMultiSend> {
  /**
   * Most outputs one multi-send may have (the parameter, in state from protocol version 5).
   * Checked when the message executes, since the stateless checks run before the core refuses
   * the message on a chain without it.
   */
  static final ParamSpec MAX_OUTPUTS = new ParamSpec("maxMultiSendOutputs", 1,
      CoinMultiSend.MAX_OUTPUTS, CoinMultiSend.MAX_OUTPUTS, ParamSpec.Unit.COUNT,
      "Most recipients one coin.multiSend may pay (at most 40: what fits in one transaction).")
      .since(CoinMultiSend.SINCE_VERSION);

  @Override
  public Verdict pureChecks(Transaction tx, CoinMultiSend send, ChainParams params) {
    int n = send.outputs().size();
    if (n == 0) return Verdict.reject(CoinRejection.NO_OUTPUTS, "");
    if (n > CoinMultiSend.MAX_OUTPUTS) {
      return Verdict.reject(CoinRejection.TOO_MANY_OUTPUTS, n + " outputs, at most "
          + CoinMultiSend.MAX_OUTPUTS + " fit in a transaction");
    }
    if (send.memoBytes() > CoinTransfer.MAX_MEMO_BYTES) {
      return Verdict.reject(CoinRejection.MEMO_TOO_LONG, "limit " + CoinTransfer.MAX_MEMO_BYTES);
    }
    TreeSet<Address> seen = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      CoinMultiSend.Output o = send.outputs().get(i);
      if (o.amountUnits() <= 0) {
        return Verdict.reject(CoinRejection.AMOUNT_NOT_POSITIVE, "output " + (i + 1) + ": amount "
            + o.amountUnits());
      }
      if (o.to().equals(tx.sender())) {
        return Verdict.reject(CoinRejection.SELF_TRANSFER, "output " + (i + 1));
      }
      if (!seen.add(o.to())) {
        return Verdict.reject(CoinRejection.DUPLICATE_RECIPIENT, "output " + (i + 1) + ": "
            + o.to());
      }
    }
    try {
      Math.addExact(send.totalUnits(), tx.fee());
    } catch (ArithmeticException e) {
      return Verdict.reject(CoinRejection.AMOUNT_OVERFLOW, "the outputs plus the fee");
    }
    return Verdict.OK;
  }

  @Override
  public long minFeeUnits(CoinMultiSend send, long minFeeUnits) {
    long outputs = Math.max(1, send.outputs().size());
    return minFeeUnits > Long.MAX_VALUE / outputs ? Long.MAX_VALUE : minFeeUnits * outputs;
  }

  @Override
  public String feeUnitName() {
    return "output";
  }

  @Override
  public long maxDebit(Transaction tx, CoinMultiSend send) {
    try {
      return send.totalUnits();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // refused by the stateless checks (AMOUNT_OVERFLOW) anyway
    }
  }

  @Override
  public java.util.List<Address> counterparties(CoinMultiSend send) {
    return send.outputs().stream().map(CoinMultiSend.Output::to).toList();
  }

  /** Pays every output; the ledger charges the fee and advances the nonce afterwards. */
  @Override
  public Verdict handle(TxContext ctx, Transaction tx, CoinMultiSend send) {
    long limit = ctx.param(MAX_OUTPUTS.name());
    if (send.outputs().size() > limit) {
      return Verdict.reject(CoinRejection.TOO_MANY_OUTPUTS, send.outputs().size()
          + " outputs, maxMultiSendOutputs is " + limit);
    }
    CoinStore coins = new CoinStore(ctx.state());
    Account sender = coins.getOrEmpty(tx.sender());
    long total = send.totalUnits();
    long cost = Math.addExact(total, tx.fee());
    if (sender.balanceUnits() < cost) {
      return Verdict.reject(TxRejection.INSUFFICIENT_BALANCE,
          "needs " + Amount.format(cost) + " DDC (" + send.outputs().size()
              + " outputs plus fee), has " + Amount.format(sender.balanceUnits()) + " DDC");
    }
    coins.put(tx.sender(), new Account(sender.balanceUnits() - total, sender.nonce()));
    for (CoinMultiSend.Output o : send.outputs()) coins.credit(o.to(), o.amountUnits());
    return Verdict.OK;
  }
}
