package org.bcos.types.tx;

/**
 * The reasons that concern a transaction's envelope (encoding, chain, signature, nonce, fee,
 * expiry, proof-of-work stamp) and its admission to a node, whatever its message. Codes -32001 to
 * -32049; the modules' own reasons use other ranges.
 */
public enum TxRejection implements Rejection {
  MALFORMED_ENCODING(-32001, "the transaction bytes are not a valid canonical encoding"),
  MALFORMED_HEX(-32002, "the transaction is not valid hexadecimal"),
  WRONG_CHAIN_ID(-32003, "the transaction is for a different chain"),
  BAD_SIGNATURE(-32004, "the signature does not verify for the sender"),
  NONCE_TOO_LOW(-32005, "the nonce was already used by this sender"),
  NONCE_GAP_TOO_LARGE(-32006, "the nonce is too far ahead of the sender's next nonce"),
  INSUFFICIENT_BALANCE(-32007, "the balance does not cover amount plus fee"),
  EXPIRED(-32010, "the transaction's expiry height has passed"),
  EXPIRY_TOO_FAR(-32011, "the expiry height is further ahead than allowed"),
  OVERSIZED(-32012, "the transaction is larger than the size limit"),
  FEE_TOO_LOW(-32013, "the fee is below the minimum fee"),
  UNKNOWN_SENDER(-32014, "the sender account does not exist on chain"),
  MEMPOOL_FULL(-32015, "the mempool is full and the fee is too low to evict another"),
  SENDER_QUEUE_FULL(-32016, "this sender has too many pending transactions"),
  ALREADY_KNOWN(-32018, "the transaction is already pending or final"),
  UNSUPPORTED_VERSION(-32020, "the transaction format version is not supported"),
  FEE_FREE_QUOTA_FULL(-32021, "too many fee-free transactions are pending, from this sender or "
      + "in all; pay the minimum fee or wait for the next blocks"),
  NODE_UNHEALTHY(-32022, "the node is not admitting transactions now (see GET /health for why)"),
  EARLIER_TX_DROPPED(-32023, "an earlier transaction of this sender was dropped, so this one "
      + "cannot execute until that nonce is sent again"),
  UNKNOWN_MESSAGE_TYPE(-32024, "no ledger module handles this message type"),
  MODULE_NOT_ACTIVE(-32025, "the message's ledger module is not active under the protocol "
      + "version in force at this height (an upgrade may activate it)"),
  MESSAGE_NOT_ACTIVE(-32026, "the message type comes with a later protocol version than the one "
      + "in force at this height (an upgrade may bring it)"),
  STAMP_INSUFFICIENT(-32063, "a fee-free transaction needs a proof-of-work stamp of the "
      + "required difficulty");

  private final int code;
  private final String sentence;

  TxRejection(int code, String sentence) {
    this.code = code;
    this.sentence = sentence;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String sentence() {
    return sentence;
  }
}
