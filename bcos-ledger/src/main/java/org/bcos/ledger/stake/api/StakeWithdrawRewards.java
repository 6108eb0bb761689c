package org.bcos.ledger.stake.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/**
 * Stake: pays the sender its pending reward from its bond with {@code validator}, and the
 * validator's commission when the sender operates it.
 */
public record StakeWithdrawRewards(Address validator) implements StakeMessage {
  public static final int TAG = 46;

  public StakeWithdrawRewards {
    Objects.requireNonNull(validator, "validator");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.address(validator);
  }
}
