package org.bcos.ledger.stake.api;

import java.math.BigInteger;
import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A validator of a chain with the staking feature, as stored under its operator's address
 * (docs/GOVERNANCE.md "Staking"): the consensus key it signs with, its commission, the units
 * bonded to it ({@code tokens}) and the delegator shares backing them, its reward-per-share
 * accumulator, the commission and delegator rewards it holds, and its standing.
 *
 * @param consensusKey the key that signs votes and blocks (the validator set lists it)
 * @param commission rate, bounds and last change
 * @param tokens units bonded to it (a holding)
 * @param shares delegator shares outstanding; slashing lowers tokens, never shares
 * @param rewardPerShare reward units per share, scaled by 2^64, ever shared out to its bonders
 * @param commissionUnits commission earned and not yet withdrawn (a holding)
 * @param outstandingUnits delegator rewards shared out and not yet paid (a holding; covers every
 *     bonder's pending reward, the excess is rounding dust)
 * @param jailedUntil first height it may unjail at, when {@code jailed}
 * @param jailed out of the active set until it unjails
 * @param tombstoned proven to double-sign: may never unjail
 * @param moniker its name for people
 */
public record StakingValidator(Address consensusKey, Commission commission, long tokens,
    long shares, BigInteger rewardPerShare, long commissionUnits, long outstandingUnits,
    long jailedUntil, boolean jailed, boolean tombstoned, String moniker) {
  /** Longest moniker, in UTF-8 bytes. */
  public static final int MAX_MONIKER_BYTES = 64;

  /** Commission in basis points (1/10,000): the rate, its ceiling and its largest step. */
  public record Commission(int rateBasisPoints, int maxRateBasisPoints,
      int maxChangeBasisPoints, long lastChangeHeight) {
    /** Whether rate <= max <= 10,000 and the step <= max. */
    public boolean isValid() {
      return rateBasisPoints >= 0 && maxChangeBasisPoints >= 0
          && rateBasisPoints <= maxRateBasisPoints && maxRateBasisPoints <= 10_000
          && maxChangeBasisPoints <= maxRateBasisPoints;
    }
  }

  public StakingValidator {
    Objects.requireNonNull(consensusKey, "consensusKey");
    Objects.requireNonNull(commission, "commission");
    Objects.requireNonNull(rewardPerShare, "rewardPerShare");
    Objects.requireNonNull(moniker, "moniker");
    if (tokens < 0 || shares < 0 || commissionUnits < 0 || outstandingUnits < 0
        || rewardPerShare.signum() < 0) {
      throw new IllegalArgumentException("negative validator amount");
    }
  }

  /** Voting power: whole bonded DDC. */
  public long power() {
    return tokens / Amount.UNITS_PER_DDC;
  }

  public StakingValidator withBond(long newTokens, long newShares) {
    return new StakingValidator(consensusKey, commission, newTokens, newShares, rewardPerShare,
        commissionUnits, outstandingUnits, jailedUntil, jailed, tombstoned, moniker);
  }

  public StakingValidator withRewards(BigInteger acc, long commission, long outstanding) {
    return new StakingValidator(consensusKey, this.commission, tokens, shares, acc, commission,
        outstanding, jailedUntil, jailed, tombstoned, moniker);
  }

  public StakingValidator withJail(boolean isJailed, long until, boolean isTombstoned) {
    return new StakingValidator(consensusKey, commission, tokens, shares, rewardPerShare,
        commissionUnits, outstandingUnits, until, isJailed, isTombstoned, moniker);
  }

  public StakingValidator withDescription(Commission newCommission, String newMoniker) {
    return new StakingValidator(consensusKey, newCommission, tokens, shares, rewardPerShare,
        commissionUnits, outstandingUnits, jailedUntil, jailed, tombstoned, newMoniker);
  }

  /** Units this entry holds for the supply invariant. */
  public long heldUnits() {
    return Math.addExact(Math.addExact(tokens, commissionUnits), outstandingUnits);
  }

  public byte[] encode() {
    return new Encoder(160).address(consensusKey)
        .u32(commission.rateBasisPoints()).u32(commission.maxRateBasisPoints())
        .u32(commission.maxChangeBasisPoints()).u64(commission.lastChangeHeight())
        .u64(tokens).u64(shares).bytes(rewardPerShare.toByteArray())
        .u64(commissionUnits).u64(outstandingUnits)
        .u64(jailedUntil).bool(jailed).bool(tombstoned).string(moniker).toByteArray();
  }

  public static StakingValidator decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    Address key = d.address();
    Commission c = new Commission(d.u32AsInt(), d.u32AsInt(), d.u32AsInt(), d.u64());
    StakingValidator v = new StakingValidator(key, c, d.u64(), d.u64(),
        new BigInteger(d.bytes(64)), d.u64(), d.u64(), d.u64(), d.bool(), d.bool(),
        d.string(MAX_MONIKER_BYTES));
    d.finish();
    return v;
  }
}
