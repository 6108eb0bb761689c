package org.bcos.ledger.gov;

import static org.bcos.ledger.gov.GovChain.ABSTAIN;
import static org.bcos.ledger.gov.GovChain.DDC;
import static org.bcos.ledger.gov.GovChain.MIN_DEPOSIT;
import static org.bcos.ledger.gov.GovChain.NO;
import static org.bcos.ledger.gov.GovChain.YES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalContent.ParamChange;
import org.bcos.ledger.gov.api.ProposalContent.ParamValue;
import org.bcos.ledger.gov.api.ProposalContent.Text;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.stake.api.StakeApi;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The lead's rules for a bonder's default governance delegation (docs/GOVERNANCE.md "The chain's
 * own community in DVS"): it goes only to a validator in the active set when the vote opens (not
 * jailed, not outside {@code maxValidators}); a bonder split over validators follows the one
 * holding most of its stake, ties to the lower operator address. And the staking defaults keep
 * the rule between parameters gov enforces.
 */
class GovDefaultDelegationTest {
  private static final Ed25519KeyPair V0 = GovChain.VALIDATORS.get(0);
  private static final Ed25519KeyPair V1 = GovChain.VALIDATORS.get(1);
  private static final Ed25519KeyPair V2 = GovChain.VALIDATORS.get(2);
  private static final Ed25519KeyPair ALICE = GovChain.HOLDERS.get(0);
  private static final Ed25519KeyPair BOB = GovChain.HOLDERS.get(1);
  private static final int DOWNTIME_WINDOW = 10;

  private GovChain chain = new GovChain();

  private void commit(Transaction... txs) {
    BlockResult r = chain.block(txs);
    assertTrue(r.skipped().isEmpty(), () -> r.skipped().toString());
  }

  private long propose(ProposalContent content) {
    commit(chain.submit(BOB, content, MIN_DEPOSIT));
    long id = chain.lastProposal();
    assertEquals(ProposalStatus.VOTING_PERIOD, chain.proposal(id).status());
    return id;
  }

  /** Votes {@code yes} from each of {@code yes}, no from each of {@code no}; their outcome. */
  private String outcome(long id, List<Ed25519KeyPair> yes, List<Ed25519KeyPair> no,
      List<Ed25519KeyPair> abstain) {
    List<Transaction> ballots = new java.util.ArrayList<>();
    for (Ed25519KeyPair k : yes) ballots.add(chain.vote(k, id, YES));
    for (Ed25519KeyPair k : no) ballots.add(chain.vote(k, id, NO));
    for (Ed25519KeyPair k : abstain) ballots.add(chain.vote(k, id, ABSTAIN));
    commit(ballots.toArray(Transaction[]::new));
    chain.until(chain.proposal(id).votingEnd());
    return chain.proposal(id).outcome();
  }

  private StakingValidator staking(Ed25519KeyPair operator) {
    return chain.ledger.api(StakeApi.class).stakingValidator(operator.address()).orElseThrow();
  }

  private boolean inSetOfNextBlock(Ed25519KeyPair validator) {
    return chain.ledger.validatorSetAt(chain.height() + 1).stream()
        .anyMatch(v -> v.address().equals(validator.address()));
  }

  // --- a) the staking defaults keep gov's rule ---

  @Test
  void theDefaultUnbondingPeriodIsBelowTheEvidenceAgeAsGovRequires() {
    Map<String, Long> defaults = new TreeMap<>();
    for (ParamSpec p : Modules.STANDARD.params()) defaults.put(p.name(), p.genesisDefault());
    assertEquals(90_720, defaults.get("unbondingPeriodBlocks"), "10.5 days at 10 s blocks");
    for (List<String> rule : ProposalChecks.BELOW) {
      assertTrue(defaults.get(rule.get(0)) < defaults.get(rule.get(1)), rule + " " + defaults);
    }
    // a proposal touching the rule at the defaults is accepted (181,440 refused it by name)
    long id = propose(new ParamChange(List.of(new ParamValue("maxEvidenceAgeBlocks",
        defaults.get("maxEvidenceAgeBlocks")))));
    assertEquals(ProposalStatus.VOTING_PERIOD, chain.proposal(id).status());
  }

  // --- b) only active validators receive a default ---

  /** Alice bonds 900 DDC to validator 0 (1,000 of its own), Bob 1,500 DDC to validator 2. */
  private void bondAliceAndBob() {
    commit(chain.bond(ALICE, 0, 900 * DDC));
    commit(chain.bond(BOB, 2, 1_500 * DDC));
  }

  /**
   * Validator 0 votes yes, Bob no, validators 1 and 2 abstain: yes is 1,000 DDC, or 1,900 with
   * Alice's weight, against Bob's 1,500. The outcome of that vote, without Alice's ballot.
   */
  private String outcomeWhereAliceDecides() {
    return outcome(propose(new Text()), List.of(V0), List.of(BOB), List.of(V1, V2));
  }

  private void assertAliceCountsOnlyWhenSheVotes() {
    assertEquals("REJECTED", outcomeWhereAliceDecides(),
        "no default delegation to an inactive validator");
    long votes = propose(new Text());
    assertEquals("PASSED", outcome(votes, List.of(V0, ALICE), List.of(BOB), List.of(V1, V2)),
        "Alice's own ballot counts");
  }

  @Test
  void aBonderOfAnActiveValidatorFollowsIt() {
    bondAliceAndBob();
    assertTrue(inSetOfNextBlock(V0));
    assertEquals("PASSED", outcomeWhereAliceDecides(), "Alice's 900 went with validator 0");
  }

  @Test
  void aBonderOfAJailedValidatorCountsOnlyIfItVotes() {
    chain = new GovChain(GovChain.genesis(LedgerFixtures.PARAMS
        .with("downtimeWindowBlocks", DOWNTIME_WINDOW)));
    bondAliceAndBob();
    chain.commits.absent(V0.address());
    for (int i = 0; i <= DOWNTIME_WINDOW + 1 && !staking(V0).jailed(); i++) chain.block();
    assertTrue(staking(V0).jailed(), "validator 0 missed a whole window");
    chain.commits.allPresent();
    chain.until(chain.height() + 3); // the set without validator 0 governs
    assertFalse(inSetOfNextBlock(V0));

    assertAliceCountsOnlyWhenSheVotes();
  }

  @Test
  void aBonderOfAValidatorOutsideTheActiveSetCountsOnlyIfItVotes() {
    bondAliceAndBob();
    long smaller = propose(new ParamChange(List.of(new ParamValue("maxValidators", 2))));
    assertEquals("PASSED", outcome(smaller, List.of(V0, V1, V2), List.of(), List.of()));
    chain.until(chain.height() + 3); // the two largest (validators 2 and 1) govern
    assertFalse(inSetOfNextBlock(V0), "1,900 DDC is the least bonded");
    assertFalse(staking(V0).jailed(), "inactive, not jailed");

    assertAliceCountsOnlyWhenSheVotes();
  }

  // --- c) a split bonder follows its largest active validator, ties to the lower address ---

  @Test
  void aSplitBonderFollowsTheValidatorHoldingMostOfItsStake() {
    Ed25519KeyPair lower = lowerOf(V1, V2);
    Ed25519KeyPair higher = lower == V1 ? V2 : V1;
    commit(chain.bond(ALICE, index(lower), 3_000 * DDC));
    commit(chain.bond(ALICE, index(higher), 3_000 * DDC + 1));
    long id = propose(new Text());
    assertEquals("PASSED", outcome(id, List.of(higher), List.of(lower), List.of(V0)),
        "Alice's 6,000 went with the validator holding one unit more of it");
  }

  @Test
  void aSplitBonderWithEqualBondsFollowsTheLowerOperatorAddress() {
    Ed25519KeyPair lower = lowerOf(V1, V2);
    Ed25519KeyPair higher = lower == V1 ? V2 : V1;
    // bonded in the order opposite to the addresses, so the listing order cannot decide
    commit(chain.bond(ALICE, index(higher), 3_000 * DDC));
    commit(chain.bond(ALICE, index(lower), 3_000 * DDC));
    long id = propose(new Text());
    assertEquals("PASSED", outcome(id, List.of(lower), List.of(higher), List.of(V0)),
        "Alice's 6,000 went with the lower operator address");
  }

  @Test
  void theTieBreakDependsOnlyOnTheBondsNotOnTheirOrder() {
    Address a = lowerOf(V1, V2).address();
    Address b = (a.equals(V1.address()) ? V2 : V1).address();
    var bondA = new StakeApi.Bond(ALICE.address(), a, 7);
    var bondB = new StakeApi.Bond(ALICE.address(), b, 7);
    assertTrue(GovLifecycle.isBetterDefault(bondA, bondB));
    assertFalse(GovLifecycle.isBetterDefault(bondB, bondA));
    assertTrue(GovLifecycle.isBetterDefault(new StakeApi.Bond(ALICE.address(), b, 8), bondA));
    assertFalse(GovLifecycle.isBetterDefault(bondA, bondA), "a bond does not beat itself");
  }

  private static Ed25519KeyPair lowerOf(Ed25519KeyPair x, Ed25519KeyPair y) {
    return x.address().compareTo(y.address()) < 0 ? x : y;
  }

  private static int index(Ed25519KeyPair validator) {
    return GovChain.VALIDATORS.indexOf(validator);
  }
}
