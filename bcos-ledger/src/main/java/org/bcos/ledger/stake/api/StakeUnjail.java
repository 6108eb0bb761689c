package org.bcos.ledger.stake.api;

import org.bcos.types.codec.Encoder;

/** Stake: the operator takes its jailed validator back into the running once the jail period is over. */
public record StakeUnjail() implements StakeMessage {
  public static final int TAG = 47;

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    // no fields: the sender is the operator
  }
}
