package org.bcos.ledger.spi;

import org.bcos.ledger.ChainParams;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;

/**
 * Validates and executes one message type, in Hedera's three stages: {@link #pureChecks} (no
 * state: ingress and gossip), {@link #preHandle} (against the head state at admission) and {@link
 * #handle} (in a block). The envelope — chain id, signature, fee, nonce, expiry — is checked by
 * the ledger for every message before these run.
 */
public interface MessageHandler<M extends Message> {
  /** Bounds that need no state (names, lengths, counts). */
  default Verdict pureChecks(Transaction tx, M message, ChainParams params) {
    return Verdict.OK;
  }

  /**
   * The admission check against current state: by default the message is executed on a scratch
   * copy of the head state that is thrown away, so what would be refused in a block is refused at
   * the door. A handler whose refusals the mempool already covers (a transfer's balance) may skip
   * it to keep the hot path fast.
   */
  default Verdict preHandle(TxContext scratch, Transaction tx, M message) {
    return handle(scratch, tx, message);
  }

  /**
   * Whether {@link #preHandle} needs the head state. A handler whose admission check the mempool
   * already makes (a transfer's nonce and balance) answers false, and ingress then builds no
   * scratch state for it: transfers are the throughput path.
   */
  default boolean checksStateAtAdmission() {
    return true;
  }

  /**
   * Executes the message at {@code ctx.height()}. Checks everything before it writes, so a
   * refusal changes nothing. The ledger charges the fee and advances the nonce afterwards.
   */
  Verdict handle(TxContext ctx, Transaction tx, M message);

  /** Whether the message may pay no fee when it carries a proof-of-work stamp. */
  default boolean mayBeFeeFree(M message) {
    return false;
  }

  /**
   * The accounts besides the sender that the message concerns (a transfer's recipient), so a
   * transaction appears in their history too (the ledger's account index). Only a lookup key:
   * it changes no state. Empty by default.
   */
  default java.util.List<org.bcos.types.Address> counterparties(M message) {
    return java.util.List.of();
  }

  /**
   * The least fee the message must pay when the chain's minimum fee is {@code minFeeUnits}: the
   * minimum itself by default; a message that does the work of several (a multi-send's outputs)
   * pays the minimum for each ({@link #feeUnitName} names what it pays per).
   */
  default long minFeeUnits(M message, long minFeeUnits) {
    return minFeeUnits;
  }

  /** What the chain's minimum fee is paid per for this message, for the refusal's text. */
  default String feeUnitName() {
    return "transaction";
  }

  /** Units the message can move out of the sender's account beyond the fee (for the mempool). */
  default long maxDebit(Transaction tx, M message) {
    return 0;
  }
}
