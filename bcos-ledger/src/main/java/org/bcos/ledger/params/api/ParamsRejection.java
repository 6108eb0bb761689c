package org.bcos.ledger.params.api;

import org.bcos.types.tx.Rejection;

/** Why a parameter change is refused. Codes -32080 to -32089. */
public enum ParamsRejection implements Rejection {
  UNKNOWN_PARAM(-32080, "no module declares a chain parameter with that name"),
  PARAM_OUT_OF_RANGE(-32081, "the value is outside the parameter's declared bounds"),
  PARAM_CHANGE_IN_PAST(-32082, "a parameter change must take effect after the current block");

  private final int code;
  private final String sentence;

  ParamsRejection(int code, String sentence) {
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
