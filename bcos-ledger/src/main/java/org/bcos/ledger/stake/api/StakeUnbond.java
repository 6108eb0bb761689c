package org.bcos.ledger.stake.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/**
 * Stake: takes {@code units} of the sender's bond out of {@code validator}; they are paid back
 * after the unbonding period and stay slashable until then.
 */
public record StakeUnbond(Address validator, long units) implements StakeMessage {
  public static final int TAG = 44;

  public StakeUnbond {
    Objects.requireNonNull(validator, "validator");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.address(validator).u64(units);
  }
}
