package org.bcos.ledger.stake.api;

import org.bcos.types.tx.Rejection;

/** Why the stake module refuses an evidence report. Codes -32070 to -32079. */
public enum StakeRejection implements Rejection {
  INVALID_EVIDENCE(-32070, "the evidence is not two conflicting messages validly signed by a "
      + "validator of that height"),
  EVIDENCE_TOO_OLD(-32071, "the evidence is older than the chain keeps evidence valid, or from "
      + "a future height"),
  OFFENDER_NOT_ACTIVE(-32072, "the offender is not an active validator (already slashed?)"),
  LAST_VALIDATOR(-32073, "slashing would leave the chain without validators");

  private final int code;
  private final String sentence;

  StakeRejection(int code, String sentence) {
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
