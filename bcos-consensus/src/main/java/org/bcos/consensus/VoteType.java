package org.bcos.consensus;

/** The two voting steps of a Tendermint round. The code is part of the signed encoding. */
public enum VoteType {
  PREVOTE(1),
  PRECOMMIT(2);

  private final int code;

  VoteType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
