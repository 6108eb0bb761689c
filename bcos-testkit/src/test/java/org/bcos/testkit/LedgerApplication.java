package org.bcos.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.bcos.consensus.Action;
import org.bcos.consensus.CommitCertificate;
import org.bcos.consensus.ConsensusTime;
import org.bcos.consensus.Evidence;
import org.bcos.consensus.ValidatorSchedule;
import org.bcos.consensus.ValueSource;
import org.bcos.consensus.Vote;
import org.bcos.consensus.sim.Scenario;
import org.bcos.consensus.sim.Simulation;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;

/**
 * The simulation's nodes as real chains: one {@link LedgerNode} per validator (the Byzantine one
 * included: it runs the same ledger, only its network side lies). On every commit it checks that
 * the node's block and state root at that height are those every other node committed there and
 * that the supply is whole; honest nodes put the double votes they see on chain as evidence
 * transactions. The run is done once the evidence is in a block at height S and every honest node
 * has committed {@value #HEIGHTS_AFTER_JAIL} heights past S + {@link StakeModule#ACTIVATION_DELAY}
 * (the first height governed without the offender); {@link ChainAudit} then checks each chain.
 *
 * <p>Every run also upgrades ({@link SimUpgrade}): the genesis plans version 3 (staking) at a
 * seed-chosen height U, or (the vote path) the chain starts at version 4 and a gov proposal that
 * the validators' operators pass schedules version 5 at the height U it names ({@link
 * GovTraffic}); every block below U must carry the starting version (none at version 2) and every
 * block from U the new one; the nodes on old software must stop before U (never commit U under
 * the old rules), and rejoin once their release is installed; the run is done only once every
 * honest node is past U + {@value #HEIGHTS_AFTER_UPGRADE} on the new software. From U the holders
 * also bond, unbond and redelegate (the committed amounts are summed per validator for the
 * audit), and on the vote path multi-sends pay out; none may be in a block below U.
 */
final class LedgerApplication implements Simulation.Application {
  static final long HEIGHTS_AFTER_JAIL = 2;
  static final long HEIGHTS_AFTER_UPGRADE = 2;

  /** One seed's outcome: the simulation's, and the chains it left. */
  record Run(Simulation.Result result, LedgerApplication app) {}

  final Scenario scenario;
  final SimUpgrade upgrade;
  /** The upgrade height: planned at genesis, or named by the committed proposal (else MAX). */
  long upgradeHeight;
  /** The block holding the upgrade proposal (vote path), or -1. */
  long proposalHeight = -1;
  long ballotsCommitted;
  long multiSendsCommitted;
  /** Units the committed multi-sends paid, by recipient, and what they cost the payer. */
  final TreeMap<Address, Long> multiSendPaid = new TreeMap<>();
  long multiSendCostUnits;
  final Genesis genesis;
  private final ConsensusTime time;
  final TxFeed feed;
  final List<LedgerNode> nodes = new ArrayList<>();
  private final TreeMap<Long, Hash> blockHashes = new TreeMap<>();
  private final TreeMap<Long, Hash> stateRoots = new TreeMap<>();
  /** Height of the block holding the evidence that slashed the offender, or -1. */
  long slashHeight = -1;
  long transfersCommitted;
  long stakingCommitted;
  /** Units the committed bonds, unbonds and redelegations moved, by height and validator. */
  private final TreeMap<Long, TreeMap<Address, Long>> stakeMoved = new TreeMap<>();
  long evidenceTxsCommitted;
  long evidenceSeen;
  /** Height in progress when an honest node first reported the offender, or -1. */
  long firstReportHeight = -1;
  /**
   * Heights first decided after the faults healed while every honest node was running and at
   * most one height behind (not stopped for the upgrade, not catching up): "settled" heights.
   */
  private final java.util.TreeSet<Long> settled = new java.util.TreeSet<>();
  /** Honest validators' slots in the certificates blocks carry, and how many of them signed. */
  final SignedShare carried = new SignedShare();
  /** The same, for the certificates of settled heights only. */
  final SignedShare carriedSettled = new SignedShare();

  LedgerApplication(Scenario scenario, ConsensusTime time) {
    this.scenario = scenario;
    this.upgrade = SimUpgrade.of(scenario);
    this.genesis = SimGenesis.of(scenario, upgrade);
    this.time = time;
    this.upgradeHeight = upgrade.byVote() ? Long.MAX_VALUE : upgrade.plannedHeight();
    int n = scenario.powers().length;
    GovTraffic gov = upgrade.byVote()
        ? new GovTraffic(scenario.seed(), upgrade, n, scenario.byzantine()) : null;
    this.feed = new TxFeed(scenario.seed(), n, scenario.byzantine(), upgradeHeight, gov, time);
    for (int i = 0; i < n; i++) {
      nodes.add(new LedgerNode(i, Simulation.key(i), genesis, feed, time,
          upgrade.runsOldSoftware(i), upgrade.fromVersion()));
    }
  }

  /** Runs {@code seed} of the simulation over ledgers. */
  static Run run(long seed) {
    AtomicReference<LedgerApplication> app = new AtomicReference<>();
    Simulation.Result result = Simulation.run(seed, (sc, time) -> {
      app.set(new LedgerApplication(sc, time));
      return app.get();
    });
    return new Run(result, app.get());
  }

  Address offender() {
    return Simulation.key(scenario.byzantine()).address();
  }

  boolean honest(int node) {
    return node != scenario.byzantine();
  }

  long heights() {
    return blockHashes.isEmpty() ? 0 : blockHashes.lastKey();
  }

  @Override
  public ValidatorSchedule schedule(int node) {
    return nodes.get(node).chain.schedule();
  }

  @Override
  public ValueSource values(int node) {
    return nodes.get(node).chain;
  }

  @Override
  public String decided(int node, Action.Decide decision) {
    LedgerNode n = nodes.get(node);
    String failure = n.commit(decision);
    if (failure != null) return failure;
    Block head = n.ledger.head();
    long h = head.height();
    String version = versionProblem(n, head);
    if (version != null) return version;
    Hash knownBlock = blockHashes.putIfAbsent(h, head.hash());
    Hash knownRoot = stateRoots.putIfAbsent(h, head.header().stateRoot());
    if (knownBlock != null && !knownBlock.equals(head.hash())) {
      return "SAFETY: node " + node + " committed block " + head.hash() + " at height " + h
          + " but another node committed " + knownBlock;
    }
    if (knownRoot != null && !knownRoot.equals(head.header().stateRoot())) {
      return "STATE: node " + node + " has state root " + head.header().stateRoot() + " at height "
          + h + " but another node has " + knownRoot;
    }
    long supply = Modules.supplyInvariant().total(n.store);
    if (supply != Amount.TOTAL_SUPPLY_UNITS) {
      return "SUPPLY: node " + node + " holds " + Amount.format(supply) + " DDC at height " + h;
    }
    if (knownBlock == null && settledAt(node, h)) settled.add(h);
    return knownBlock == null ? countFirstCommit(n, head) : null;
  }

  /** Whether height {@code h}, first committed by {@code node} now, is a settled height. */
  private boolean settledAt(int node, long h) {
    if (time.nowMillis() < scenario.healAtMillis()) return false;
    for (LedgerNode n : nodes) {
      boolean stopped = n.oldSoftware && n.stoppedBefore >= 0;
      if (honest(n.index) && n.index != node && (stopped || n.ledger.head().height() < h - 1)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void latePrecommit(int node, Vote precommit) {
    nodes.get(node).chain.addLatePrecommit(precommit);
  }

  /** Counts honest validators in the certificate {@code block} carries (of the block before). */
  private void countCarried(LedgerNode n, Block block) {
    long certified = block.height() - 1;
    if (!block.header().carriesLastCommit() || certified < 1) return;
    CommitCertificate cert = CommitCertificate.decode(block.lastCommit(), Integer.MAX_VALUE);
    java.util.TreeSet<Address> signers = new java.util.TreeSet<>();
    for (CommitCertificate.Signature sig : cert.signatures()) signers.add(sig.validator());
    for (ValidatorPower v : n.ledger.validatorSetAt(certified)) {
      int index = indexOf(v.address());
      if (index < 0 || !honest(index)) continue;
      boolean signed = signers.contains(v.address());
      carried.count(index, signed);
      if (settled.contains(certified)) carriedSettled.count(index, signed);
    }
  }

  private int indexOf(Address a) {
    for (LedgerNode n : nodes) if (n.key.address().equals(a)) return n.index;
    return -1;
  }

  /** Slots of validators in certificates and how many they signed, in total and per validator. */
  static final class SignedShare {
    long slots;
    long signed;
    final TreeMap<Integer, long[]> byValidator = new TreeMap<>();

    void count(int validator, boolean signed) {
      long[] c = byValidator.computeIfAbsent(validator, k -> new long[2]);
      slots++;
      c[0]++;
      if (signed) {
        this.signed++;
        c[1]++;
      }
    }

    void add(SignedShare other) {
      slots += other.slots;
      signed += other.signed;
    }

    /** Signed slots in basis points of all slots (10,000 when there are none). */
    long basisPoints() {
      return slots == 0 ? 10_000 : signed * 10_000 / slots;
    }

    /** The lowest validator's share in basis points (10,000 when there are none). */
    long lowestBasisPoints() {
      long lowest = 10_000;
      for (long[] c : byValidator.values()) lowest = Math.min(lowest, c[1] * 10_000 / c[0]);
      return lowest;
    }

    @Override
    public String toString() {
      return String.format("%d/%d = %d.%02d %%", signed, slots, basisPoints() / 100,
          basisPoints() % 100);
    }
  }

  /**
   * A block below the upgrade height carries the starting version (none at version 2), one from
   * it the new version; old software never commits the upgrade height (it must stop before it).
   */
  private String versionProblem(LedgerNode n, Block head) {
    long h = head.height();
    if (n.oldSoftware && h >= upgradeHeight) {
      return "UPGRADE: node " + n.index + " on old software committed height " + h + " (" + upgrade
          + " at height " + upgradeHeight + ")";
    }
    int expected = upgrade.carriedVersion(h, upgradeHeight);
    if (head.header().protocolVersion() != expected) {
      return "UPGRADE: block " + h + " on node " + n.index + " carries version "
          + head.header().protocolVersion() + ", expected " + expected + " (" + upgrade + ")";
    }
    return null;
  }

  /** Figures of a height, taken from its first commit; at most one evidence may ever get in. */
  private String countFirstCommit(LedgerNode n, Block block) {
    countCarried(n, block);
    for (Transaction tx : block.transactions()) {
      switch (tx.message()) {
        case CoinTransfer t -> transfersCommitted++;
        case StakeBond b -> moved(block.height(), b.validator(), b.units(), null);
        case StakeUnbond u -> moved(block.height(), u.validator(), -u.units(), null);
        case StakeRedelegate r -> moved(block.height(), r.source(), -r.units(), r.destination());
        case GovSubmitProposal p -> {
          String problem = proposed(block.height(), p);
          if (problem != null) return problem;
        }
        case DvsCastBallot b -> ballotsCommitted++;
        case CoinMultiSend m -> {
          if (block.height() < upgradeHeight) {
            return "UPGRADE: a multi-send got into block " + block.height() + ", below the"
                + " upgrade height " + upgradeHeight;
          }
          multiSendsCommitted++;
          for (CoinMultiSend.Output o : m.outputs()) {
            multiSendPaid.merge(o.to(), o.amountUnits(), Long::sum);
          }
          multiSendCostUnits += m.totalUnits() + tx.fee();
        }
        case StakeEvidence e -> {
          evidenceTxsCommitted++;
          if (slashHeight >= 0) {
            return "SLASHING: a second evidence transaction got into block " + block.height()
                + " (the first was in " + slashHeight + ")";
          }
          slashHeight = block.height();
        }
        default -> {}
      }
    }
    return null;
  }

  /** The upgrade proposal got into block {@code height}: its height is the upgrade height. */
  private String proposed(long height, GovSubmitProposal p) {
    if (!(p.content() instanceof ProposalContent.SoftwareUpgrade u) || proposalHeight >= 0) {
      return "GOV: an unexpected proposal got into block " + height + ": " + p.content()
          + (proposalHeight >= 0 ? " (the upgrade was proposed in block " + proposalHeight + ")"
              : "");
    }
    proposalHeight = height;
    upgradeHeight = u.height();
    feed.upgradeAt(upgradeHeight);
    return null;
  }

  /**
   * One staking message of block {@code height} moved {@code units} at {@code validator} (and the
   * opposite at {@code to}).
   */
  private void moved(long height, Address validator, long units, Address to) {
    stakingCommitted++;
    TreeMap<Address, Long> at = stakeMoved.computeIfAbsent(height, h -> new TreeMap<>());
    at.merge(validator, units, Long::sum);
    if (to != null) at.merge(to, -units, Long::sum);
  }

  /** What the committed staking messages of blocks 1..{@code height} moved at {@code validator}. */
  long stakeMovedUpTo(Address validator, long height) {
    long sum = 0;
    for (TreeMap<Address, Long> at : stakeMoved.headMap(height, true).values()) {
      sum += at.getOrDefault(validator, 0L);
    }
    return sum;
  }

  /**
   * A node on old software stops before the upgrade height; the first time, its operator is
   * scheduled to install the release after the seed's delay.
   */
  @Override
  public boolean stopsBefore(int node, long height) {
    LedgerNode n = nodes.get(node);
    boolean first = n.stoppedBefore < 0;
    if (!n.stopsBefore(height)) return false;
    if (first) time.schedule(upgrade.resumeDelayMillis(), n::installRelease);
    return true;
  }

  @Override
  public void evidence(int node, Evidence evidence) {
    evidenceSeen++;
    if (honest(node) && evidence.kind() == Evidence.Kind.DUPLICATE_VOTE) {
      LedgerNode n = nodes.get(node);
      if (firstReportHeight < 0) firstReportHeight = n.ledger.head().height() + 1;
      n.chain.report(evidence);
    }
  }

  @Override
  public String status() {
    StringBuilder heads = new StringBuilder();
    for (LedgerNode n : nodes) {
      heads.append(heads.isEmpty() ? "" : ", ").append(n.ledger.head().height());
    }
    return ", ledger heads [" + heads + "], first report at height " + firstReportHeight
        + ", evidence transactions committed " + evidenceTxsCommitted + ", slashed at height "
        + slashHeight + ", pool drops " + feed.dropped + ", " + upgrade + ", upgrade height "
        + upgradeHeight + ", stopped before "
        + nodes.stream().map(n -> Long.toString(n.stoppedBefore)).toList();
  }

  @Override
  public boolean done() {
    if (slashHeight < 0 || upgradeHeight == Long.MAX_VALUE) return false;
    // the vote path also waits for a multi-send to have run under the new version
    if (upgrade.byVote() && multiSendsCommitted == 0) return false;
    long target = Math.max(slashHeight + ValidatorSets.ACTIVATION_DELAY + HEIGHTS_AFTER_JAIL,
        upgradeHeight + HEIGHTS_AFTER_UPGRADE);
    for (LedgerNode n : nodes) {
      if (honest(n.index) && (n.oldSoftware || n.ledger.head().height() < target)) return false;
    }
    return true;
  }
}
