package org.bcos.ledger.stake.api;

import org.bcos.types.Address;

/**
 * Stake: takes {@code units} of the sender's bond out of {@code validator}; they are paid back
 * after the unbonding period and stay slashable until then.
 */
public record StakeUnbond(Address validator, long units) implements StakeAmountMessage {
  public static final int TAG = 44;

  public StakeUnbond {
    StakeAmountMessage.check(validator);
  }

  @Override
  public int tag() {
    return TAG;
  }
}
