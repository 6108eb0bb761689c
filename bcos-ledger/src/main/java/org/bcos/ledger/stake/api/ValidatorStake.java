package org.bcos.ledger.stake.api;

import org.bcos.types.Amount;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A validator's bonded stake and standing. A jailed validator was slashed for double signing at
 * {@code jailedAtHeight}: it is out of the active set and its remaining stake stays bonded.
 */
public record ValidatorStake(long bondedUnits, boolean jailed, long jailedAtHeight) {
  public ValidatorStake {
    if (bondedUnits < 0) throw new IllegalArgumentException("negative stake");
  }

  public static ValidatorStake active(long bondedUnits) {
    return new ValidatorStake(bondedUnits, false, 0);
  }

  /** Voting power: whole bonded DDC (so the total stays far below the consensus power limit). */
  public long power() {
    return bondedUnits / Amount.UNITS_PER_DDC;
  }

  public boolean isActive() {
    return !jailed && power() > 0;
  }

  public byte[] encode() {
    return new Encoder(17).u64(bondedUnits).bool(jailed).u64(jailedAtHeight).toByteArray();
  }

  public static ValidatorStake decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    ValidatorStake s = new ValidatorStake(d.u64(), d.bool(), d.u64());
    d.finish();
    return s;
  }
}
