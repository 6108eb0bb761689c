package org.bcos.ledger.dvs.api;

import org.bcos.types.tx.Rejection;

/** Why the DVS module refuses a message. Codes -32050 to -32069. */
public enum DvsRejection implements Rejection {
  UNKNOWN_COMMUNITY(-32050, "there is no DVS community with that id"),
  UNKNOWN_AREA(-32051, "the community has no area with that id"),
  UNKNOWN_ISSUE(-32052, "there is no DVS issue with that id"),
  NOT_REGISTRAR(-32053, "only the community's registrars may do this"),
  NOT_A_MEMBER(-32054, "the account is not a member of the community"),
  INVALID_WEIGHT(-32055, "the member weight is not allowed for this electorate"),
  VOTING_CLOSED(-32056, "the issue is not in its voting phase"),
  WRONG_PHASE(-32057, "the issue is not in a phase that allows this"),
  INVALID_BALLOT(-32058, "the ballot does not fit the issue's method and options"),
  SELF_DELEGATION(-32059, "a member cannot delegate to itself"),
  DELEGATE_REFUSES(-32060, "the delegate refuses incoming delegations"),
  DELEGATE_NOT_MEMBER(-32061, "the delegate is not a member of the community"),
  CHAIN_TOO_LONG(-32062, "the delegation would exceed the community's maximum chain length"),
  INVALID_DVS_INPUT(-32064, "a name, text, option list or parameter is out of bounds"),
  TREASURY_INSUFFICIENT(-32065, "the community treasury cannot pay this"),
  GOVERNED_COMMUNITY(-32066, "the chain community's issues are opened by the gov module only");

  private final int code;
  private final String sentence;

  DvsRejection(int code, String sentence) {
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
