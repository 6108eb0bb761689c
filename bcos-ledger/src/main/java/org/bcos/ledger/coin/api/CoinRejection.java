package org.bcos.ledger.coin.api;

import org.bcos.types.tx.Rejection;

/**
 * Why the coin module refuses a transfer or a multi-send: the four codes it had before modules
 * owned their reasons, then its own block -32150..-32159 (the multi-send's, protocol version 5).
 */
public enum CoinRejection implements Rejection {
  AMOUNT_NOT_POSITIVE(-32008, "the amount must be greater than zero"),
  AMOUNT_OVERFLOW(-32009, "the amount plus fee overflows"),
  MEMO_TOO_LONG(-32017, "the memo is longer than allowed"),
  SELF_TRANSFER(-32019, "sender and recipient are the same account"),
  NO_OUTPUTS(-32150, "a multi-send needs at least one output"),
  TOO_MANY_OUTPUTS(-32151, "a multi-send has more outputs than maxMultiSendOutputs allows"),
  DUPLICATE_RECIPIENT(-32152, "a multi-send names the same recipient twice");

  private final int code;
  private final String sentence;

  CoinRejection(int code, String sentence) {
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
