package org.bcos.ledger.stake.api;

import java.math.BigInteger;
import java.util.Objects;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A bonder's shares in one validator, and the validator's reward-per-share accumulator when they
 * last changed (its reward since is {@code shares * (acc - rewardPerShareStart) / 2^64}).
 */
public record Delegation(long shares, BigInteger rewardPerShareStart) {
  public Delegation {
    Objects.requireNonNull(rewardPerShareStart, "rewardPerShareStart");
    if (shares <= 0 || rewardPerShareStart.signum() < 0) {
      throw new IllegalArgumentException("a delegation holds a positive number of shares");
    }
  }

  public byte[] encode() {
    return new Encoder(40).u64(shares).bytes(rewardPerShareStart.toByteArray()).toByteArray();
  }

  public static Delegation decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    Delegation out = new Delegation(d.u64(), new BigInteger(d.bytes(64)));
    d.finish();
    return out;
  }
}
