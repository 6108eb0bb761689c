package org.bcos.ledger.stake.api;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.types.Address;

/**
 * What other modules and tools may read of the stake module's state, over the state it is bound
 * to (a block's, or the head's for queries). The governance module reads bonded stake here when
 * a vote opens and keeps its own snapshot (DVS fixes an electorate's weights at that height), so
 * "stake at a height" is what these return inside the block at that height.
 */
public interface StakeApi {
  /** One bond: a bonder's stake with a validator (its operator), in units. */
  record Bond(Address bonder, Address validator, long units) {}

  /** A validator's bonded stake and standing (chains without the staking feature). */
  Optional<ValidatorStake> validator(Address address);

  /** Units slashed so far, held by the chain (part of the fixed supply). */
  long slashedPool();

  /** The active validators, in ascending address-byte order (chains without staking). */
  List<ValidatorPower> activeSet();

  /** A staking validator by its operator's address (chains with the staking feature). */
  Optional<StakingValidator> stakingValidator(Address operator);

  /** The operator of the validator signing with {@code consensusKey}, if any. */
  Optional<Address> operatorOf(Address consensusKey);

  /** Units bonded to {@code operator}'s validator (its tokens), 0 when there is none. */
  long bondedTo(Address operator);

  /** Units {@code bonder}'s shares in {@code operator}'s validator are worth now. */
  long bondOf(Address bonder, Address operator);

  /** Every bond with a positive worth, by bonder then validator (at most {@code limit}). */
  List<Bond> bonds(int limit);

  /** Units bonded to all staking validators. */
  long totalBonded();

  /** Units in the reward pool and in the community pool. */
  long rewardPool();

  long communityPool();
}
