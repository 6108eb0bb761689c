package org.bcos.ledger.gov;

import static org.bcos.ledger.gov.GovChain.ABSTAIN;
import static org.bcos.ledger.gov.GovChain.DDC;
import static org.bcos.ledger.gov.GovChain.MIN_DEPOSIT;
import static org.bcos.ledger.gov.GovChain.MIN_FEE;
import static org.bcos.ledger.gov.GovChain.NO;
import static org.bcos.ledger.gov.GovChain.UPGRADE_LEAD;
import static org.bcos.ledger.gov.GovChain.VALIDATORS;
import static org.bcos.ledger.gov.GovChain.VETO;
import static org.bcos.ledger.gov.GovChain.VOTING_BLOCKS;
import static org.bcos.ledger.gov.GovChain.YES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsGovernanceApi;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsRejection;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.gov.api.GovRejection;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalContent.CancelUpgrade;
import org.bcos.ledger.gov.api.ProposalContent.CommunitySpend;
import org.bcos.ledger.gov.api.ProposalContent.ParamChange;
import org.bcos.ledger.gov.api.ProposalContent.ParamValue;
import org.bcos.ledger.gov.api.ProposalContent.SoftwareUpgrade;
import org.bcos.ledger.gov.api.ProposalContent.Text;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.params.api.ParamsRejection;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.ledger.upgrade.api.UpgradeRejection;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The gov module on a real ledger at protocol version 4: each proposal kind passes and executes
 * by itself at the end of its vote; quorum, veto and deposits as documented; a bonder's weight
 * follows its validator unless it votes or delegates; each bad input is refused by name with the
 * state root of an empty block.
 */
class GovLedgerTest {
  private static final Ed25519KeyPair V0 = GovChain.VALIDATORS.get(0);
  private static final Ed25519KeyPair V1 = GovChain.VALIDATORS.get(1);
  private static final Ed25519KeyPair V2 = GovChain.VALIDATORS.get(2);
  private static final Ed25519KeyPair ALICE = GovChain.HOLDERS.get(0);
  private static final Ed25519KeyPair BOB = GovChain.HOLDERS.get(1);
  private static final Ed25519KeyPair CAROL = GovChain.HOLDERS.get(2);

  private final GovChain chain = new GovChain();

  /** Commits {@code txs}, failing if any was left out. */
  private void commit(Transaction... txs) {
    BlockResult r = chain.block(txs);
    assertTrue(r.skipped().isEmpty(), () -> r.skipped().toString());
  }

  /** Submits {@code content} from {@code from} with the whole minimum deposit: voting opens. */
  private long propose(Ed25519KeyPair from, ProposalContent content) {
    commit(chain.submit(from, content, MIN_DEPOSIT));
    long id = chain.lastProposal();
    assertEquals(ProposalStatus.VOTING_PERIOD, chain.proposal(id).status());
    return id;
  }

  /** Every validator votes {@code choice}, then the vote runs to its end. */
  private Proposal decide(long id, int choice) {
    commit(chain.vote(V0, id, choice), chain.vote(V1, id, choice), chain.vote(V2, id, choice));
    chain.until(chain.proposal(id).votingEnd());
    return chain.proposal(id);
  }

  private void assertRefused(Transaction bad, Rejection reason) {
    Verdict stateless = chain.ledger.processor().checkStateless(bad);
    if (!stateless.ok()) {
      assertEquals(reason, stateless.rejection(), stateless.message());
      return;
    }
    BlockResult with = chain.propose(bad);
    assertEquals(1, with.skipped().size(), "the bad transaction is left out");
    assertEquals(reason, with.skipped().getFirst().verdict().rejection(),
        with.skipped().getFirst().verdict().message());
    BlockResult without = chain.propose();
    assertEquals(without.block().header().stateRoot(), with.block().header().stateRoot(),
        "a refused " + reason + " changes nothing");
  }

  // --- each kind passes and executes ---

  @Test
  void aPassedParameterChangeTakesEffectFromTheBlockAfterTheVote() {
    long id = propose(ALICE, new ParamChange(List.of(new ParamValue("maxValidators", 7),
        new ParamValue("unbondingPeriodBlocks", 100))));
    long held = chain.balance(ALICE.address());
    Proposal done = decide(id, YES);
    assertEquals(ProposalStatus.PASSED, done.status());
    assertEquals("PASSED", done.outcome());
    assertEquals("EXECUTED", done.result());
    long end = done.votingEnd();
    assertEquals(100L, chain.ledger.paramsAt(end).get("maxValidators"), "the vote's block ran "
        + "under the old value");
    assertEquals(7L, chain.ledger.paramsAt(end + 1).get("maxValidators"));
    assertEquals(100L, chain.ledger.paramsAt(end + 1).get("unbondingPeriodBlocks"));
    assertEquals(held + MIN_DEPOSIT, chain.balance(ALICE.address()), "the deposit came back");
    assertTrue(chain.gov().deposits(id).isEmpty());
  }

  @Test
  void aPassedUpgradeIsScheduledAndACancelProposalCancelsIt() {
    long height = chain.height() + 1 + VOTING_BLOCKS + UPGRADE_LEAD + 5;
    long id = propose(BOB, new SoftwareUpgrade("v5-next", 5, release(), height));
    Proposal done = decide(id, YES);
    assertEquals(ProposalStatus.PASSED, done.status(), done.result());
    UpgradePlan plan = chain.ledger.api(UpgradeApi.class).scheduled().orElseThrow();
    assertEquals(new UpgradePlan("v5-next", 5, release(), height, done.votingEnd()), plan);

    long cancel = propose(BOB, new CancelUpgrade("v5-next"));
    assertEquals(ProposalStatus.PASSED, decide(cancel, YES).status());
    assertTrue(chain.ledger.api(UpgradeApi.class).scheduled().isEmpty());
  }

  @Test
  void aVetoMovesTheDepositsToTheCommunityPoolAndASpendPaysFromIt() {
    long supply = chain.supply();
    long pool = chain.communityPool();
    long vetoed = propose(ALICE, new Text());
    Proposal done = decide(vetoed, VETO);
    assertEquals(ProposalStatus.VETOED, done.status());
    assertEquals("VETOED", done.outcome());
    assertEquals(pool + MIN_DEPOSIT, chain.communityPool(), "the deposit went to the pool");
    assertEquals(supply, chain.supply(), "nothing burnt: the supply is fixed");

    long before = chain.balance(CAROL.address());
    long spend = propose(BOB, new CommunitySpend(CAROL.address(), 40 * DDC));
    commit(chain.vote(V0, spend, YES), chain.vote(V1, spend, YES), chain.vote(V2, spend, YES));
    chain.until(chain.proposal(spend).votingEnd() - 1);
    long poolBeforeSpend = chain.communityPool();
    chain.block();
    assertEquals(ProposalStatus.PASSED, chain.proposal(spend).status());
    assertEquals(before + 40 * DDC, chain.balance(CAROL.address()));
    // the pool also takes the block's distribution dust (a floor per validator, so less than one
    // unit each); whether there is any depends on the amount split after the proposer's bonus,
    // which counts the signers of the certificate the block carries
    long poolAfterSpend = chain.communityPool();
    assertTrue(poolAfterSpend >= poolBeforeSpend - 40 * DDC
        && poolAfterSpend < poolBeforeSpend - 40 * DDC + VALIDATORS.size(),
        poolBeforeSpend + " -> " + poolAfterSpend);
    assertEquals(supply, chain.supply());
  }

  @Test
  void aTextProposalPassesAndChangesNothingButItsRecord() {
    long id = propose(CAROL, new Text());
    Proposal done = decide(id, YES);
    assertEquals(ProposalStatus.PASSED, done.status());
    assertEquals("EXECUTED", done.result());
  }

  @Test
  void aFailingExecutionIsRecordedAndChangesNothing() {
    long height = chain.height() + 1 + VOTING_BLOCKS + UPGRADE_LEAD + 5;
    long first = propose(ALICE, new SoftwareUpgrade("first", 5, release(), height));
    long second = propose(BOB, new SoftwareUpgrade("second", 6, release(), height + 1));
    commit(chain.vote(V0, first, YES), chain.vote(V1, first, YES), chain.vote(V2, first, YES));
    commit(chain.vote(V0, second, YES), chain.vote(V1, second, YES), chain.vote(V2, second, YES));
    chain.until(chain.proposal(second).votingEnd());
    assertEquals(ProposalStatus.PASSED, chain.proposal(first).status());
    Proposal failed = chain.proposal(second);
    assertEquals(ProposalStatus.FAILED, failed.status());
    assertTrue(failed.result().startsWith(UpgradeRejection.UPGRADE_ALREADY_SCHEDULED.name()),
        failed.result());
    assertEquals("first", chain.ledger.api(UpgradeApi.class).scheduled().orElseThrow().name());
    assertTrue(chain.gov().deposits(second).isEmpty(), "deposits of a failed one come back");
  }

  // --- quorum, deposits ---

  @Test
  void aVoteBelowQuorumIsRejectedAndTheDepositReturned() {
    commit(chain.bond(CAROL, 0, 10 * DDC));
    long id = propose(ALICE, new Text());
    long held = chain.balance(ALICE.address());
    commit(chain.vote(CAROL, id, YES));
    chain.until(chain.proposal(id).votingEnd());
    Proposal done = chain.proposal(id);
    assertEquals(ProposalStatus.REJECTED, done.status());
    assertEquals("QUORUM_NOT_MET", done.outcome());
    assertEquals(held + MIN_DEPOSIT, chain.balance(ALICE.address()));
  }

  @Test
  void othersDepositUntilTheMinimumOpensTheVoteAndAnExpiredProposalReturnsItsDeposits() {
    long initial = MIN_DEPOSIT / 4;
    commit(chain.submit(ALICE, new Text(), initial));
    long id = chain.lastProposal();
    assertEquals(ProposalStatus.DEPOSIT_PERIOD, chain.proposal(id).status());
    commit(chain.deposit(BOB, id, MIN_DEPOSIT - initial));
    Proposal voting = chain.proposal(id);
    assertEquals(ProposalStatus.VOTING_PERIOD, voting.status());
    assertEquals(MIN_DEPOSIT, voting.totalDeposit());
    assertEquals(2, chain.gov().deposits(id).size());

    commit(chain.submit(CAROL, new Text(), initial));
    long lonely = chain.lastProposal();
    long held = chain.balance(CAROL.address());
    chain.until(chain.proposal(lonely).depositEnd());
    Proposal expired = chain.proposal(lonely);
    assertEquals(ProposalStatus.EXPIRED, expired.status());
    assertEquals(held + initial, chain.balance(CAROL.address()));
    assertEquals(0, expired.issueId(), "no vote was opened");
  }

  // --- liquid democracy: the validator's vote by default, the bonder's own when it acts ---

  @Test
  void aBonderFollowsItsValidatorUnlessItVotesOrDelegatesItself() {
    // Alice bonds 5,000 DDC to validator 0, which votes no while validators 1 and 2 vote yes
    commit(chain.bond(ALICE, 0, 5_000 * DDC));
    long follows = propose(BOB, new Text());
    long overrides = propose(BOB, new Text());
    for (long id : List.of(follows, overrides)) {
      commit(chain.vote(V0, id, NO), chain.vote(V1, id, YES), chain.vote(V2, id, YES));
    }
    commit(chain.vote(ALICE, overrides, YES));
    chain.until(chain.proposal(overrides).votingEnd());
    assertEquals("REJECTED", chain.proposal(follows).outcome(),
        "no 1,000 + 5,000 (Alice through validator 0) > yes 5,000");
    assertEquals("PASSED", chain.proposal(overrides).outcome(), "Alice's own yes counts");
    var tally = chain.ledger.api(DvsApi.class).storedResult(chain.proposal(follows).issueId())
        .orElseThrow();
    assertEquals(11_000 * DDC, tally.electorateWeight(), "bonded stake when the vote opened");
    var recount = chain.ledger.api(DvsApi.class).count(chain.proposal(follows).issueId(),
        tally.height(), true).orElseThrow();
    assertEquals(tally, recount.asFinal(recount.outcome(), tally.action()), "a recount from what "
        + "the close froze (the default delegations included) gives the stored result");
  }

  @Test
  void aBonderMayDelegateItsGovernanceWeightToAnyone() {
    commit(chain.bond(ALICE, 0, 5_000 * DDC));
    commit(chain.tx(ALICE, new DvsDelegate(DvsGovernanceApi.CHAIN_COMMUNITY,
        DvsMessages.Scope.COMMUNITY, 0, V1.address())));
    long id = propose(BOB, new Text());
    commit(chain.vote(V0, id, NO), chain.vote(V1, id, YES), chain.vote(V2, id, ABSTAIN));
    chain.until(chain.proposal(id).votingEnd());
    assertEquals("PASSED", chain.proposal(id).outcome(), "Alice's 5,000 went with validator 1");
  }

  @Test
  void withoutTheDefaultABonderWhoDoesNothingIsNotCounted() {
    long off = propose(ALICE, new ParamChange(List.of(new ParamValue(
        GovParams.VALIDATOR_DEFAULT_DELEGATION.name(), 0))));
    assertEquals(ProposalStatus.PASSED, decide(off, YES).status());
    commit(chain.bond(CAROL, 0, 5_000 * DDC));
    long id = propose(BOB, new Text());
    commit(chain.vote(V0, id, NO), chain.vote(V1, id, YES), chain.vote(V2, id, YES));
    chain.until(chain.proposal(id).votingEnd());
    assertEquals("PASSED", chain.proposal(id).outcome(), "Carol's 5,000 stayed home");
  }

  // --- refusals, by name, changing nothing ---

  @Test
  void badProposalsAreRefusedByNameAndChangeNothing() {
    assertRefused(chain.submit(ALICE, params("noSuchParam", 1), MIN_DEPOSIT),
        ParamsRejection.UNKNOWN_PARAM);
    assertRefused(chain.submit(ALICE, params("maxValidators", 0), MIN_DEPOSIT),
        ParamsRejection.PARAM_OUT_OF_RANGE);
    assertRefused(chain.submit(ALICE, params("unbondingPeriodBlocks", 200_000), MIN_DEPOSIT),
        GovRejection.PARAM_RULE_BROKEN);
    assertRefused(chain.submit(ALICE, new ParamChange(List.of()), MIN_DEPOSIT),
        GovRejection.PROPOSAL_CONTENT_INVALID);
    assertRefused(chain.submit(ALICE, upgradeAt(chain.height()), MIN_DEPOSIT),
        GovRejection.UPGRADE_HEIGHT_IN_PAST);
    assertRefused(chain.submit(ALICE, upgradeAt(chain.height() + VOTING_BLOCKS + 2),
        MIN_DEPOSIT), GovRejection.UPGRADE_TOO_SOON);
    assertRefused(chain.submit(ALICE, new CancelUpgrade("none"), MIN_DEPOSIT),
        GovRejection.NO_UPGRADE_TO_CANCEL);
    assertRefused(chain.submit(ALICE, new CommunitySpend(BOB.address(), DDC), MIN_DEPOSIT),
        GovRejection.COMMUNITY_POOL_INSUFFICIENT);
    assertRefused(chain.submit(ALICE, new Text(), MIN_DEPOSIT / 4 - 1),
        GovRejection.INITIAL_DEPOSIT_TOO_SMALL);
    assertRefused(chain.submit(ALICE, new Text(), 0), GovRejection.DEPOSIT_NOT_POSITIVE);
    assertRefused(chain.submit(V0, new Text(), MIN_DEPOSIT), GovRejection.DEPOSIT_EXCEEDS_BALANCE);
    assertRefused(chain.tx(ALICE, new org.bcos.ledger.gov.api.GovSubmitProposal("", "", new Text(),
        MIN_DEPOSIT)), GovRejection.PROPOSAL_TEXT_INVALID);
    assertRefused(chain.tx(ALICE, new org.bcos.ledger.gov.api.GovSubmitProposal("t",
        "x".repeat(1_025), new Text(), MIN_DEPOSIT)), GovRejection.PROPOSAL_TEXT_INVALID);
  }

  @Test
  void votesAndDepositsOutsideTheRulesAreRefusedByName() {
    long id = propose(ALICE, new Text());
    assertRefused(chain.vote(BOB, id, YES), DvsRejection.NOT_A_MEMBER);
    assertRefused(chain.deposit(BOB, id, DDC), GovRejection.PROPOSAL_NOT_IN_DEPOSIT_PERIOD);
    assertRefused(chain.deposit(BOB, 99, DDC), GovRejection.NO_SUCH_PROPOSAL);
    decide(id, YES);
    assertRefused(chain.deposit(BOB, id, DDC), GovRejection.PROPOSAL_NOT_IN_DEPOSIT_PERIOD);
    assertRefused(chain.vote(V0, id, YES), DvsRejection.VOTING_CLOSED);
    assertRefused(chain.tx(ALICE, new DvsCreateIssue(DvsGovernanceApi.CHAIN_COMMUNITY, 0, false,
        DvsRules.of(DvsMessages.Method.YES_NO), List.of("mine"), ALICE.address(), 0)),
        DvsRejection.GOVERNED_COMMUNITY);
  }

  @Test
  void theChainCommunityExistsFromGenesisAtTheGovVersion() {
    var c = chain.ledger.api(DvsApi.class).community(DvsGovernanceApi.CHAIN_COMMUNITY)
        .orElseThrow();
    assertEquals("chain", c.name());
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, chain.supply());
    assertTrue(MIN_FEE > 0);
  }

  private static ProposalContent params(String name, long value) {
    return new ParamChange(List.of(new ParamValue(name, value)));
  }

  private static SoftwareUpgrade upgradeAt(long height) {
    return new SoftwareUpgrade("up", 5, release(), height);
  }

  private static Hash release() {
    return org.bcos.types.Digests.sha256("bcos-5.tar.gz".getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
  }
}
