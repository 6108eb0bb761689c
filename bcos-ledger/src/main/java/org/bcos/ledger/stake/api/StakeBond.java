package org.bcos.ledger.stake.api;

import org.bcos.types.Address;

/** Stake: bonds {@code units} of the sender's balance to the validator {@code validator} operates. */
public record StakeBond(Address validator, long units) implements StakeAmountMessage {
  public static final int TAG = 43;

  public StakeBond {
    StakeAmountMessage.check(validator);
  }

  @Override
  public int tag() {
    return TAG;
  }
}
