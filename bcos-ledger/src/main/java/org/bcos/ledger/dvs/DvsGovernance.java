package org.bcos.ledger.dvs;

import java.util.Map;
import java.util.SortedMap;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsGovernanceApi;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;

/** {@link DvsGovernanceApi} over a block's DVS state. */
final class DvsGovernance implements DvsGovernanceApi {
  /** The chain community's name, as lists show it. */
  static final String CHAIN_NAME = "chain";

  private final DvsStore dvs;

  DvsGovernance(WorkingState state) {
    this.dvs = new DvsStore(state);
  }

  /** The chain community's registrar: its keyless treasury address, so nobody can sign as it. */
  static Address chainRegistrar() {
    return DvsCommunityHandlers.treasury(CHAIN_COMMUNITY);
  }

  @Override
  public void createChainCommunity(long height) {
    if (hasChainCommunity()) throw new IllegalStateException("the chain community exists");
    // phases other than voting are unused (gov opens polls); fee-free ballots need 16 bits
    DvsParams params = DvsParams.defaults(DvsParams.STAKE);
    dvs.put(new Community(CHAIN_COMMUNITY, CHAIN_NAME, chainRegistrar(), params, 1, 0, 0,
        DvsCommunityHandlers.treasury(CHAIN_COMMUNITY), height));
    dvs.putArea(CHAIN_COMMUNITY, 0, 0, "root");
  }

  @Override
  public boolean hasChainCommunity() {
    return dvs.community(CHAIN_COMMUNITY).isPresent();
  }

  @Override
  public long openChainIssue(String proposal, DvsRules rules, long votingBlocks,
      SortedMap<Address, StakeVoter> voters, long height) {
    if (rules.method() != DvsMessages.Method.YES_NO) {
      throw new IllegalArgumentException("chain issues are yes/no polls");
    }
    Community c = dvs.community(CHAIN_COMMUNITY).orElseThrow(
        () -> new IllegalStateException("no chain community"));
    long id = dvs.next("issue");
    long end = height + votingBlocks;
    Issue issue = new Issue(id, c.id(), 0, false, rules, java.util.List.of(proposal),
        new boolean[] {true}, Phase.VOTING, end, height, height, c.registrar(), c.registrar(), 0);
    dvs.create(issue);
    dvs.schedule(end, id);
    for (Map.Entry<Address, StakeVoter> e : voters.entrySet()) {
      dvs.putSnapshot(id, e.getKey(), new Member(e.getValue().weight(), "", false));
      e.getValue().defaultDelegate().filter(to -> !to.equals(e.getKey()))
          .ifPresent(to -> dvs.putDefaultDelegation(id, e.getKey(), to));
    }
    return id;
  }
}
