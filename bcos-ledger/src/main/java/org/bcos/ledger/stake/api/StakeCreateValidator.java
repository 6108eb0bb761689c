package org.bcos.ledger.stake.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/**
 * Stake: the sender becomes the operator of a new validator that signs with {@code
 * consensusKey}, charges the commission given in basis points (a rate, its ceiling and the
 * largest step an edit may take; the ceiling and step never change) and bonds {@code
 * selfBondUnits} of the sender's balance to it.
 */
public record StakeCreateValidator(Address consensusKey, int rateBasisPoints,
    int maxRateBasisPoints, int maxChangeBasisPoints, long selfBondUnits, String moniker)
    implements StakeMessage {
  public static final int TAG = 41;

  public StakeCreateValidator {
    Objects.requireNonNull(consensusKey, "consensusKey");
    Objects.requireNonNull(moniker, "moniker");
  }

  /** The commission it asks for, as stored from {@code height} on. */
  public StakingValidator.Commission commission(long height) {
    return new StakingValidator.Commission(rateBasisPoints, maxRateBasisPoints,
        maxChangeBasisPoints, height);
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.address(consensusKey).u32(rateBasisPoints).u32(maxRateBasisPoints)
        .u32(maxChangeBasisPoints).u64(selfBondUnits).string(moniker);
  }
}
