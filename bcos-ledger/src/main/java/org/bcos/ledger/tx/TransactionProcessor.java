package org.bcos.ledger.tx;

import java.util.Optional;
import java.util.function.Supplier;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.spi.MessageHandler;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;

/**
 * Validates and executes transactions in stages: {@link #checkStateless} (pure; ingress and
 * gossip), {@link #checkExpiry} (needs the next height), {@link #admit} (the admission check
 * against current state) and {@link #execute} (reads and writes the block's working state). The
 * envelope — chain id, size, fee, nonce, expiry — is checked here for every message; the
 * message's own checks and effect are its module's {@link MessageHandler}, found in the module
 * registry by the message's class. A message no module registers is refused by name ({@link
 * TxRejection#UNKNOWN_MESSAGE_TYPE}): there is no default branch.
 */
public final class TransactionProcessor {
  private final ModuleRegistry modules;
  private final Supplier<ChainParams> params;
  private final Supplier<ProtocolRules> rules;

  /**
   * A processor over {@code modules}, checking against the head's {@code params} under the
   * registry's default protocol version.
   */
  public TransactionProcessor(ModuleRegistry modules, Supplier<ChainParams> params) {
    this(modules, params, () -> modules.versions().defaultRules());
  }

  /**
   * A processor over {@code modules}, checking against the head's {@code params} and the {@code
   * rules} of the protocol version governing the next block.
   */
  public TransactionProcessor(ModuleRegistry modules, Supplier<ChainParams> params,
      Supplier<ProtocolRules> rules) {
    this.modules = modules;
    this.params = params;
    this.rules = rules;
  }

  public ModuleRegistry modules() {
    return modules;
  }

  /** The parameters governing the next block. */
  public ChainParams params() {
    return params.get();
  }

  /**
   * The stateless checks under the head's parameters (ingress and gossip), and whether the
   * message's module is active under the rules governing the next block.
   */
  public Verdict checkStateless(Transaction tx) {
    Verdict v = checkStateless(tx, params.get());
    return v.ok() ? checkActive(rules.get(), tx) : v;
  }

  /** The stateless checks under {@code p} (the parameters of the block being built). */
  public Verdict checkStateless(Transaction tx, ChainParams p) {
    if (!tx.body().chainId().equals(p.chainId())) {
      return Verdict.reject(TxRejection.WRONG_CHAIN_ID,
          "expected " + p.chainId() + ", got " + tx.body().chainId());
    }
    if (tx.encodedSize() > Transaction.MAX_ENCODED_BYTES) {
      return Verdict.reject(TxRejection.OVERSIZED, "limit " + Transaction.MAX_ENCODED_BYTES);
    }
    Optional<MessageType<?>> type = modules.typeOf(tx.message());
    if (type.isEmpty()) return unknownType(tx);
    boolean mayBeFree = mayBeFeeFree(type.get(), tx.message());
    long minFee = minFee(type.get(), tx.message(), p.minFeeUnits());
    if (tx.fee() < minFee && !(mayBeFree && tx.fee() == 0)) {
      return Verdict.reject(TxRejection.FEE_TOO_LOW, "the minimum fee is " + Amount.format(minFee)
          + " DDC" + (minFee != p.minFeeUnits() ? " for this message (the chain's minimum is "
              + Amount.format(p.minFeeUnits()) + " DDC per " + feeUnitName(type.get()) + ")" : "")
          + (mayBeFree ? " (or fee 0 with a proof-of-work stamp)" : ""));
    }
    return pureChecks(type.get(), tx, p);
  }

  /**
   * The least fee {@code message} must pay when the chain's minimum fee is {@code minFeeUnits}
   * (its handler's {@link MessageHandler#minFeeUnits}: the minimum itself for most messages).
   */
  public long minFeeUnits(Message message, long minFeeUnits) {
    return modules.typeOf(message).map(t -> minFee(t, message, minFeeUnits)).orElse(minFeeUnits);
  }

  /** Fee 0 on a message that may go fee-free; the stamp itself is checked at execution. */
  public boolean isFeeFree(Transaction tx) {
    return tx.fee() == 0
        && modules.typeOf(tx.message()).map(t -> mayBeFeeFree(t, tx.message())).orElse(false);
  }

  /** Whether the message's handler checks it against the head state at admission. */
  public boolean checksStateAtAdmission(Transaction tx) {
    return modules.typeOf(tx.message()).map(t -> t.handler().checksStateAtAdmission())
        .orElse(true);
  }

  /** Total a transaction can debit from its sender (fee plus what its message moves). */
  public long maxCost(Transaction tx) {
    long debit = modules.typeOf(tx.message()).map(t -> maxDebit(t, tx)).orElse(0L);
    return Math.addExact(debit, tx.fee());
  }

  /** Whether {@code tx} may still be included at {@code nextHeight} and is not absurdly far off. */
  public Verdict checkExpiry(Transaction tx, long nextHeight) {
    long expiry = tx.body().expiryHeight();
    if (expiry < nextHeight) {
      return Verdict.reject(TxRejection.EXPIRED, "expiry " + expiry + ", next height "
          + nextHeight);
    }
    long maxDelta = params.get().maxExpiryDeltaBlocks();
    if (expiry - nextHeight > maxDelta) {
      return Verdict.reject(TxRejection.EXPIRY_TOO_FAR, "at most " + maxDelta + " blocks ahead");
    }
    return Verdict.OK;
  }

  /**
   * Executes one already signature-checked, stateless-valid transaction at {@code ctx.height()}.
   * On rejection nothing was written.
   */
  public Verdict execute(TxContext ctx, Transaction tx) {
    Verdict envelope = checkEnvelope(ctx, tx);
    if (!envelope.ok()) return envelope;
    Optional<MessageType<?>> type = modules.typeOf(tx.message());
    if (type.isEmpty()) return unknownType(tx);
    Verdict active = checkActive(ctx.rules(), tx);
    if (!active.ok()) return active;
    Verdict verdict = handle(type.get(), ctx, tx);
    if (verdict.ok()) chargeFeeAndAdvanceNonce(ctx, tx);
    return verdict;
  }

  /**
   * The admission check: the envelope against {@code scratch} (a throw-away copy of the head
   * state at the next height, with the sender's nonce already advanced past its pending
   * transactions), then the message handler's {@link MessageHandler#preHandle}.
   */
  public Verdict admit(TxContext scratch, Transaction tx) {
    Verdict envelope = checkEnvelope(scratch, tx);
    if (!envelope.ok()) return envelope;
    Optional<MessageType<?>> type = modules.typeOf(tx.message());
    if (type.isEmpty()) return unknownType(tx);
    Verdict active = checkActive(scratch.rules(), tx);
    if (!active.ok()) return active;
    return preHandle(type.get(), scratch, tx);
  }

  private Verdict checkEnvelope(TxContext ctx, Transaction tx) {
    if (tx.body().expiryHeight() < ctx.height()) {
      return Verdict.reject(TxRejection.EXPIRED, "expiry " + tx.body().expiryHeight());
    }
    Optional<Account> found = ctx.api(Bank.class).find(tx.sender());
    if (found.isEmpty() && !isFeeFree(tx)) {
      return Verdict.reject(TxRejection.UNKNOWN_SENDER, tx.sender().toString());
    }
    Account sender = found.orElse(Account.EMPTY);
    if (tx.nonce() < sender.nonce()) {
      return Verdict.reject(TxRejection.NONCE_TOO_LOW, "next nonce is " + sender.nonce());
    }
    if (tx.nonce() > sender.nonce()) {
      return Verdict.reject(TxRejection.NONCE_GAP_TOO_LARGE, "next nonce is " + sender.nonce());
    }
    if (sender.balanceUnits() < tx.fee()) {
      return Verdict.reject(TxRejection.INSUFFICIENT_BALANCE, "cannot pay the fee");
    }
    return Verdict.OK;
  }

  /**
   * Refuses a message whose module is not active under {@code rules}: the module's code is in
   * this software, but the chain has not (yet) upgraded to a version that runs it.
   */
  private Verdict checkActive(ProtocolRules rules, Transaction tx) {
    String module = modules.moduleOf(tx.message()).map(m -> m.name()).orElse(null);
    if (module == null) return Verdict.OK;
    if (!rules.isActive(module)) {
      return Verdict.reject(TxRejection.MODULE_NOT_ACTIVE, module + " is not active under "
          + "protocol version " + rules);
    }
    MessageType<?> type = modules.typeOf(tx.message()).orElseThrow();
    if (type.activeUnder(rules)) return Verdict.OK;
    return Verdict.reject(TxRejection.MESSAGE_NOT_ACTIVE, type.name() + " comes with protocol "
        + "version " + modules.versions().rules(type.sinceVersion()).map(Object::toString)
            .orElse(Integer.toString(type.sinceVersion()))
        + "; version " + rules + " is in force");
  }

  private static Verdict unknownType(Transaction tx) {
    return Verdict.reject(TxRejection.UNKNOWN_MESSAGE_TYPE,
        "tag " + tx.message().tag() + " (" + tx.message().getClass().getSimpleName() + ")");
  }

  private static void chargeFeeAndAdvanceNonce(TxContext ctx, Transaction tx) {
    ctx.api(Bank.class).payFeeAndAdvanceNonce(tx.sender(), tx.fee(), ctx.feeCollector());
  }

  // Typed calls through a registered type: the registry found it by the message's class.

  private static <M extends Message> boolean mayBeFeeFree(MessageType<M> t, Message m) {
    return t.handler().mayBeFeeFree(t.cast(m));
  }

  private static <M extends Message> long minFee(MessageType<M> t, Message m, long minFeeUnits) {
    return t.handler().minFeeUnits(t.cast(m), minFeeUnits);
  }

  private static String feeUnitName(MessageType<?> t) {
    return t.handler().feeUnitName();
  }

  private static <M extends Message> long maxDebit(MessageType<M> t, Transaction tx) {
    return t.handler().maxDebit(tx, t.cast(tx.message()));
  }

  private static <M extends Message> Verdict pureChecks(MessageType<M> t, Transaction tx,
      ChainParams p) {
    return t.handler().pureChecks(tx, t.cast(tx.message()), p);
  }

  private static <M extends Message> Verdict handle(MessageType<M> t, TxContext ctx,
      Transaction tx) {
    return t.handler().handle(ctx, tx, t.cast(tx.message()));
  }

  private static <M extends Message> Verdict preHandle(MessageType<M> t, TxContext ctx,
      Transaction tx) {
    return t.handler().preHandle(ctx, tx, t.cast(tx.message()));
  }
}
