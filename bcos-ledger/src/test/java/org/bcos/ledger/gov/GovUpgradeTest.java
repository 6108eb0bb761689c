package org.bcos.ledger.gov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.dvs.api.DvsGovernanceApi;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.upgrade.UpgradeChain;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Amount;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;

/**
 * A staking chain (version 3) gains the gov module by an upgrade to version 4: below the height a
 * proposal is {@code MODULE_NOT_ACTIVE} and there is no chain community; at the first block of
 * version 4 the gov parameters are in state at their defaults and the chain community exists,
 * before that block's transactions, so a proposal in that very block is accepted and opens its
 * vote over the bonded stake. A replica agrees at every height.
 */
class GovUpgradeTest {
  private static final long ACTIVATION = 3;

  @Test
  void anUpgradeToTheGovVersionBringsTheChainCommunityAndTheGovParameters() {
    Genesis genesis = UpgradeChain.genesis(StakeModule.STAKING_VERSION);
    InMemoryStore store = new InMemoryStore();
    UpgradeChain chain = new UpgradeChain(UpgradeChain.open(store, genesis,
        UpgradeChain.NEW_SOFTWARE));
    Ledger ledger = chain.ledger();
    List<Block> blocks = new ArrayList<>();
    blocks.add(chain.include(chain.gov(new UpgradeChain.Schedule("gov", GovModule.GOV_VERSION,
        UpgradeChain.RELEASE, ACTIVATION))).block());

    long deposit = GovParams.MIN_DEPOSIT_UNITS.genesisDefault();
    GovSubmitProposal text = new GovSubmitProposal("Hello", "", new ProposalContent.Text(),
        deposit);
    BlockResult early = chain.include(chain.alice(text));
    assertEquals(TxRejection.MODULE_NOT_ACTIVE, early.skipped().getFirst().verdict().rejection());
    blocks.add(early.block());
    assertFalse(ledger.paramsAt(ACTIVATION - 1).containsKey("govMinDepositUnits"));
    assertTrue(ledger.api(DvsApi.class).community(DvsGovernanceApi.CHAIN_COMMUNITY).isEmpty());

    BlockResult at = chain.include(chain.alice(text));
    assertTrue(at.skipped().isEmpty(), () -> at.skipped().toString());
    blocks.add(at.block());
    assertEquals(deposit, ledger.paramsAt(ACTIVATION).get("govMinDepositUnits"),
        "brought at the height");
    assertEquals(ACTIVATION, ledger.api(DvsApi.class).community(
        DvsGovernanceApi.CHAIN_COMMUNITY).orElseThrow().createdHeight());
    var proposal = ledger.api(GovApi.class).proposal(1).orElseThrow();
    assertEquals(ProposalStatus.VOTING_PERIOD, proposal.status());
    assertTrue(ledger.api(DvsApi.class).count(proposal.issueId(), ACTIVATION, false)
        .orElseThrow().electorateWeight() > 0, "the genesis validator's bonded stake");
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(store));

    Ledger replica = UpgradeChain.open(new InMemoryStore(), genesis, UpgradeChain.NEW_SOFTWARE);
    for (Block b : blocks) {
      replica.importBlock(b);
      assertEquals(b.header().stateRoot(), replica.head().header().stateRoot());
    }
  }
}
