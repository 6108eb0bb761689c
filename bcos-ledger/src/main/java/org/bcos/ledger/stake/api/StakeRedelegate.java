package org.bcos.ledger.stake.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/**
 * Stake: moves {@code units} of the sender's bond from {@code source} to {@code destination} at
 * once; for the unbonding period they stay slashable for offences of the source before the move.
 */
public record StakeRedelegate(Address source, Address destination, long units)
    implements StakeMessage {
  public static final int TAG = 45;

  public StakeRedelegate {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.address(source).address(destination).u64(units);
  }
}
