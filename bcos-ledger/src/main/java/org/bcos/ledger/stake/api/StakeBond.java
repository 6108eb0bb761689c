package org.bcos.ledger.stake.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/** Stake: bonds {@code units} of the sender's balance to the validator {@code validator} operates. */
public record StakeBond(Address validator, long units) implements StakeMessage {
  public static final int TAG = 43;

  public StakeBond {
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
