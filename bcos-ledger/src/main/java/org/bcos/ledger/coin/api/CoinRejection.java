package org.bcos.ledger.coin.api;

import org.bcos.types.tx.Rejection;

/** Why the coin module refuses a transfer (codes kept from before modules owned them). */
public enum CoinRejection implements Rejection {
  AMOUNT_NOT_POSITIVE(-32008, "the amount must be greater than zero"),
  AMOUNT_OVERFLOW(-32009, "the amount plus fee overflows"),
  MEMO_TOO_LONG(-32017, "the memo is longer than allowed"),
  SELF_TRANSFER(-32019, "sender and recipient are the same account");

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
