package org.bcos.ledger.dvs.api;

import java.util.Optional;
import java.util.SortedMap;
import org.bcos.types.Address;

/**
 * What the gov module asks of DVS, bound to a block's state: the chain's own community (id {@link
 * #CHAIN_COMMUNITY}, electorate {@link DvsParams#STAKE}) and its issues. DVS keeps voting,
 * delegation, counting and closing exactly as for any community; only the electorate comes from
 * the caller: the weights (bonded stake) and default delegations fixed when the issue opens.
 */
public interface DvsGovernanceApi {
  /** The id of the chain community (reserved: user communities are numbered from 1). */
  long CHAIN_COMMUNITY = 0;

  /**
   * One member of a stake electorate: its weight (bonded units) and, if any, the account its
   * weight follows unless it votes or delegates itself (its validator's operator).
   */
  record StakeVoter(long weight, Optional<Address> defaultDelegate) {
    public StakeVoter {
      if (weight <= 0) throw new IllegalArgumentException("a voter's weight is positive");
      java.util.Objects.requireNonNull(defaultDelegate, "defaultDelegate");
    }
  }

  /** Creates the chain community at {@code height}, once (gov's genesis or activation). */
  void createChainCommunity(long height);

  /** Whether the chain community exists in this state. */
  boolean hasChainCommunity();

  /**
   * Opens a yes/no poll in the chain community at {@code height} over {@code proposal} (its one
   * option), voting from the next block to the end of block {@code height + votingBlocks},
   * with the electorate {@code voters} (by address) fixed now. Returns the DVS issue id.
   */
  long openChainIssue(String proposal, DvsRules rules, long votingBlocks,
      SortedMap<Address, StakeVoter> voters, long height);
}
