package org.bcos.consensus;

import java.util.Objects;
import org.bcos.types.Address;

/**
 * One validator: its 32-byte Ed25519 public key (as an {@link Address}) and its voting power (its
 * bonded stake in base units or a derived weight), always positive.
 */
public record Validator(Address address, long power) {
  public Validator {
    Objects.requireNonNull(address, "address");
    if (power <= 0) throw new IllegalArgumentException("voting power must be > 0, got " + power);
    if (power > ValidatorSet.MAX_TOTAL_POWER) {
      throw new IllegalArgumentException("voting power over limit: " + power);
    }
  }

  /** The validator's Ed25519 public key. */
  public byte[] publicKey() {
    return address.toBytes();
  }
}
