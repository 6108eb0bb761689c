package org.bcos.ledger.stake.api;

import org.bcos.types.tx.Rejection;

/**
 * Why the stake module refuses a staking message (docs/GOVERNANCE.md "Messages"). Codes -32110 to
 * -32129 (the stake module's first block, -32070.., holds the evidence reasons).
 */
public enum StakingRejection implements Rejection {
  STAKING_NOT_ACTIVE(-32110, "the protocol version in force has no staking (an upgrade brings it)"),
  STAKE_NOT_POSITIVE(-32111, "the amount must be positive (and buy at least one share)"),
  BOND_EXCEEDS_BALANCE(-32112, "the account cannot pay the amount and the fee"),
  NO_SUCH_VALIDATOR(-32113, "no validator is operated by that address"),
  VALIDATOR_EXISTS(-32114, "the sender already operates a validator"),
  CONSENSUS_KEY_IN_USE(-32115, "another validator already signs with that consensus key"),
  COMMISSION_INVALID(-32116, "the commission needs rate <= max rate <= 10,000 and "
      + "max change <= max rate (basis points)"),
  COMMISSION_CHANGE_TOO_LARGE(-32117, "the commission moves more than its max change at once"),
  COMMISSION_CHANGE_TOO_SOON(-32118, "the commission changed too recently"),
  MONIKER_INVALID(-32119, "the moniker is empty, too long or has control characters"),
  SELF_BOND_TOO_SMALL(-32120, "the operator's own bond is below the minimum self-bond"),
  NO_SUCH_DELEGATION(-32121, "the sender has no bond with that validator"),
  UNBOND_EXCEEDS_BONDED(-32122, "the amount is more than the sender has bonded there"),
  TOO_MANY_UNBONDING_ENTRIES(-32123, "the sender has too many pending unbonding or "
      + "redelegation entries with that validator"),
  REDELEGATION_TO_SELF(-32124, "a redelegation needs two different validators"),
  REDELEGATION_TRANSITIVE(-32125, "stake redelegated to the source is still settling there"),
  NOTHING_TO_WITHDRAW(-32126, "there is no reward to withdraw"),
  NOT_JAILED(-32127, "the validator is not jailed"),
  JAIL_PERIOD_NOT_OVER(-32128, "the validator may not unjail yet"),
  VALIDATOR_UNUSABLE(-32129, "the validator is tombstoned or slashed to nothing, or the "
      + "amount would overflow its shares");

  private final int code;
  private final String sentence;

  StakingRejection(int code, String sentence) {
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
