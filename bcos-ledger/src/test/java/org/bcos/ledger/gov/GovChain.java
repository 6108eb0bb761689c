package org.bcos.ledger.gov;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.LedgerTestChain;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.GovDeposit;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.stake.api.CommunityPoolApi;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;

/**
 * A ledger at the gov protocol version for the gov tests: three staking validators {@code
 * key(300 + i)} bonding (i + 1) * 1,000 DDC, the rest of the supply over {@link #HOLDERS}, and
 * short governance periods. Blocks are proposed by the first validator of their set.
 */
final class GovChain extends LedgerTestChain {
  static final long DDC = Amount.UNITS_PER_DDC;
  static final long MIN_FEE = LedgerFixtures.MIN_FEE;
  static final long MIN_DEPOSIT = 100 * DDC;
  static final int DEPOSIT_BLOCKS = 5;
  static final int VOTING_BLOCKS = 4;
  static final int UPGRADE_LEAD = 3;
  static final List<Ed25519KeyPair> VALIDATORS = List.of(LedgerFixtures.key(300),
      LedgerFixtures.key(301), LedgerFixtures.key(302));
  static final List<Ed25519KeyPair> HOLDERS = List.of(LedgerFixtures.key(310),
      LedgerFixtures.key(311), LedgerFixtures.key(312));
  /** Choices of a yes/no ballot, as DVS numbers them. */
  static final int YES = 0;
  static final int NO = 1;
  static final int ABSTAIN = 2;
  static final int VETO = 3;

  GovChain() {
    this(genesis());
  }

  GovChain(Genesis genesis) {
    super(genesis, new InMemoryStore(), EvidenceCheck.NONE, GovChain::keyOf);
  }

  static long stakeOf(int i) {
    return (i + 1) * 1_000 * DDC;
  }

  static Genesis genesis() {
    return genesis(LedgerFixtures.PARAMS);
  }

  /** The gov test genesis over {@code base} (the short governance periods set on top). */
  static Genesis genesis(ChainParams base) {
    List<Genesis.Validator> validators = new ArrayList<>();
    List<Genesis.Allocation> allocations = new ArrayList<>();
    long rest = Amount.TOTAL_SUPPLY_UNITS;
    for (int i = 0; i < VALIDATORS.size(); i++) {
      Address a = VALIDATORS.get(i).address();
      validators.add(new Genesis.Validator(a, stakeOf(i)));
      // each validator keeps 10 DDC liquid to pay fees for its votes
      allocations.add(new Genesis.Allocation(a, stakeOf(i) + 10 * DDC));
      rest -= stakeOf(i) + 10 * DDC;
    }
    long share = rest / HOLDERS.size();
    for (int i = 0; i < HOLDERS.size(); i++) {
      allocations.add(new Genesis.Allocation(HOLDERS.get(i).address(),
          i == 0 ? rest - share * (HOLDERS.size() - 1) : share));
    }
    ChainParams params = base
        .with(GovParams.MIN_DEPOSIT_UNITS.name(), MIN_DEPOSIT)
        .with(GovParams.DEPOSIT_PERIOD_BLOCKS.name(), DEPOSIT_BLOCKS)
        .with(GovParams.VOTING_PERIOD_BLOCKS.name(), VOTING_BLOCKS)
        .with(GovParams.UPGRADE_MIN_LEAD_BLOCKS.name(), UPGRADE_LEAD);
    return new Genesis(params, LedgerFixtures.GENESIS_TIME, validators, allocations,
        GovModule.GOV_VERSION, Optional.empty());
  }

  static Ed25519KeyPair keyOf(Address a) {
    for (Ed25519KeyPair k : VALIDATORS) if (k.address().equals(a)) return k;
    for (Ed25519KeyPair k : HOLDERS) if (k.address().equals(a)) return k;
    throw new IllegalArgumentException("not a test key: " + a);
  }

  // --- transactions ---

  Transaction tx(Ed25519KeyPair from, Message m) {
    return tx(from, m, 0);
  }

  /** A transaction {@code ahead} nonces after the next one (several from one sender a block). */
  Transaction tx(Ed25519KeyPair from, Message m, int ahead) {
    long nonce = nonce(from) + ahead;
    return LedgerFixtures.sign(from, nonce, MIN_FEE, height() + 100, m);
  }

  Transaction submit(Ed25519KeyPair from, ProposalContent content, long deposit) {
    return tx(from, new GovSubmitProposal("Proposal " + content.kind(), "why", content, deposit));
  }

  Transaction deposit(Ed25519KeyPair from, long proposal, long units) {
    return tx(from, new GovDeposit(proposal, units));
  }

  Transaction vote(Ed25519KeyPair from, long proposal, int choice) {
    return tx(from, new DvsCastBallot(proposal(proposal).issueId(),
        List.of(new DvsBallotPart(0, new long[] {choice}))));
  }

  Transaction bond(Ed25519KeyPair from, int validator, long units) {
    return tx(from, new StakeBond(VALIDATORS.get(validator).address(), units));
  }

  // --- state ---

  GovApi gov() {
    return ledger.api(GovApi.class);
  }

  Proposal proposal(long id) {
    return gov().proposal(id).orElseThrow();
  }

  /** The id of the newest proposal. */
  long lastProposal() {
    return gov().proposals(0, 1_000).getLast().id();
  }

  long communityPool() {
    return ledger.api(CommunityPoolApi.class).balance();
  }
}
