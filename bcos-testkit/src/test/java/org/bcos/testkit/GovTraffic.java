package org.bcos.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bcos.client.Transactions;
import org.bcos.consensus.sim.Simulation;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.Address;
import org.bcos.types.tx.Transaction;

/**
 * The transactions of the vote path ({@link SimUpgrade.Path#GOV_VOTE}), made for the proposer
 * building a block on its own view of the chain, as a node's operators would react to what their
 * node shows: {@link SimGenesis#PROPOSER} submits the software upgrade to version 5 with the whole
 * minimum deposit, naming a height {@value #HEIGHT_SLACK_BLOCKS} blocks plus the seed's extra lead
 * beyond the earliest the gov rules allow (so it stays valid for a few heights if consensus is
 * slow; refused {@code UPGRADE_TOO_SOON} it is made again); once the vote is open, the operator of
 * every honest validator votes yes (again if its vote was dropped); below the upgrade height a
 * {@code coin.multiSend} from the proposer is checked for admission and must be refused by name
 * ({@link #refusedBeforeUpgrade}), from it up to {@value #MAX_MULTI_SENDS} multi-sends pay the
 * {@link #recipients}, who get nothing else, so the audit can sum what each must hold.
 */
final class GovTraffic {
  static final long HEIGHT_SLACK_BLOCKS = 2;
  /** The choice "yes" of a yes/no ballot, as DVS numbers it. */
  static final long YES = 0;
  static final int MAX_MULTI_SENDS = 4;
  static final int RECIPIENTS = 5;
  static final long MAX_OUTPUT_UNITS = 50 * SimGenesis.DDC;
  static final long EXPIRY_BLOCKS = 1_000;

  private final SimUpgrade upgrade;
  private final List<Integer> voters;
  private final SplittableRandom random;
  final List<Address> recipients = new ArrayList<>();
  /** The proposal transaction while it is pooled and not seen committed, else null. */
  private Transaction proposal;
  private boolean proposalCommitted;
  /** Pooled votes by validator index (removed when dropped). */
  private final TreeMap<Integer, Transaction> votes = new TreeMap<>();
  private long lastProbedHeight;
  private long lastMultiSendHeight;
  private long proposerNonce = 1;
  long proposalsMade;
  long votesMade;
  long multiSendsMade;
  /** Verdicts of the multi-sends checked for admission below the upgrade height, by name. */
  final TreeMap<String, Long> refusedBeforeUpgrade = new TreeMap<>();

  GovTraffic(long seed, SimUpgrade upgrade, int validators, int byzantine) {
    this.upgrade = upgrade;
    this.random = new SplittableRandom(seed * 0x632BE59BD9B4E019L + 0x60F);
    List<Integer> honest = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      if (i != byzantine) honest.add(i);
    }
    this.voters = List.copyOf(honest);
    for (int i = 0; i < RECIPIENTS; i++) {
      byte[] a = new byte[Address.LENGTH];
      for (int j = 0; j < a.length; j++) a[j] = (byte) random.nextInt(256);
      recipients.add(Address.wrap(a));
    }
  }

  /**
   * The new transactions for a proposer about to build height {@code next} on {@code ledger},
   * whose upgrade height is {@code upgradeHeight} ({@link Long#MAX_VALUE} while unknown);
   * {@code upToDate} when no node is known to be further ahead.
   */
  List<Transaction> make(Ledger ledger, long next, long upgradeHeight, boolean upToDate) {
    List<Transaction> out = new ArrayList<>();
    GovApi gov = ledger.api(GovApi.class);
    List<Proposal> proposals = gov.proposals(0, 2);
    proposalCommitted |= !proposals.isEmpty();
    if (!proposalCommitted && proposal == null) {
      proposal = submit(ledger, next);
      out.add(proposal);
    }
    if (upToDate && !proposals.isEmpty()) vote(ledger, proposals.getFirst(), next, out);
    if (next < upgradeHeight && next > lastProbedHeight) {
      lastProbedHeight = next;
      probe(ledger);
    }
    if (next >= upgradeHeight && next > lastMultiSendHeight && multiSendsMade < MAX_MULTI_SENDS) {
      lastMultiSendHeight = next;
      out.add(multiSend(proposerNonce++));
      multiSendsMade++;
    }
    return out;
  }

  /** A proposer left {@code tx} out: a proposal or a vote is made again when still needed. */
  void dropped(Transaction tx) {
    if (proposal != null && tx.hash().equals(proposal.hash())) proposal = null;
    votes.values().removeIf(v -> v.hash().equals(tx.hash()));
  }

  private Transaction submit(Ledger ledger, long next) {
    long height = next + SimGenesis.VOTING_PERIOD_BLOCKS + SimGenesis.UPGRADE_LEAD_BLOCKS
        + HEIGHT_SLACK_BLOCKS + upgrade.extraLeadBlocks();
    var content = new ProposalContent.SoftwareUpgrade(upgrade.name(), upgrade.toVersion(),
        upgrade.release(), height);
    proposalsMade++;
    return Transactions.build(Simulation.CHAIN_ID, SimGenesis.PROPOSER, 0,
        SimGenesis.PARAMS.minFeeUnits(), next + EXPIRY_BLOCKS, new GovSubmitProposal(
            upgrade.name(), "version " + upgrade.toVersion() + " from height " + height, content,
            SimGenesis.MIN_DEPOSIT_UNITS));
  }

  /** Every honest operator that has not voted and has no vote pooled votes yes. */
  private void vote(Ledger ledger, Proposal p, long next, List<Transaction> out) {
    // a vote made this late could land after the vote closed and be dropped
    if (p.status() != ProposalStatus.VOTING_PERIOD || next + 1 >= p.votingEnd()) return;
    TreeSet<Address> voted = new TreeSet<>();
    ledger.api(DvsApi.class).forEachBallot(p.issueId(), (who, parts) -> voted.add(who));
    for (int v : voters) {
      Ed25519KeyPair operator = SimGenesis.operator(v);
      if (voted.contains(operator.address()) || votes.containsKey(v)) continue;
      long nonce = ledger.account(operator.address()).map(a -> a.nonce()).orElse(0L);
      Transaction tx = Transactions.build(Simulation.CHAIN_ID, operator, nonce,
          SimGenesis.PARAMS.minFeeUnits(), next + EXPIRY_BLOCKS, new DvsCastBallot(p.issueId(),
              List.of(new DvsBallotPart(0, new long[] {YES}))));
      votes.put(v, tx);
      votesMade++;
      out.add(tx);
    }
  }

  /** Below the upgrade height a multi-send is refused at the door, by name. */
  private void probe(Ledger ledger) {
    long nonce = ledger.account(SimGenesis.PROPOSER.address()).map(a -> a.nonce()).orElse(0L);
    Verdict v = ledger.checkAdmission(multiSend(nonce));
    refusedBeforeUpgrade.merge(v.ok() ? "ACCEPTED" : v.rejection().name(), 1L, Long::sum);
  }

  private Transaction multiSend(long nonce) {
    List<Address> to = new ArrayList<>(recipients);
    int n = 1 + random.nextInt(to.size());
    List<CoinMultiSend.Output> outputs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      outputs.add(new CoinMultiSend.Output(to.remove(random.nextInt(to.size())),
          1 + random.nextLong(MAX_OUTPUT_UNITS)));
    }
    return Transactions.build(Simulation.CHAIN_ID, SimGenesis.PROPOSER, nonce,
        SimGenesis.PARAMS.minFeeUnits() * n, EXPIRY_BLOCKS * 50,
        new CoinMultiSend(outputs, "sim batch " + nonce));
  }

  /** Messages a proposer below the upgrade height is not offered (as a node's mempool). */
  static boolean needsUpgrade(Transaction tx) {
    return tx.message() instanceof CoinMultiSend;
  }
}
