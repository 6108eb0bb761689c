package org.bcos.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.consensus.Evidence;
import org.bcos.crypto.Ed25519;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.types.codec.Decoder;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.tx.TxRejection;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.StakeApi;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.node.consensus.ChainConsensus;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Transaction;

/**
 * Audits the chain an honest node ends a run with, reopened from its store as after a restart
 * (which rebuilds the state tree, checks it against the head's state root and counts the whole
 * supply): every block carries a certificate of its height's validators; exactly one evidence
 * transaction, at the slash height S, proves a double vote by the offender; the offender governs
 * heights up to S + 1 and none after; the upgrade to staking happened (every validator is a
 * staking validator, none left in the pre-staking column); the offender is jailed, tombstoned and
 * 10% lighter, that 10% sits in the slashed pool; every honest validator holds its genesis stake
 * plus exactly what the committed bonds, unbonds and redelegations moved, unjailed; the supply is
 * exactly the total; the nodes on old software stopped before the upgrade height, the others
 * never stopped; every node applied the same plan at the same height, and no block of that height
 * or above ran under the old version. On the vote path also: the one proposal passed and executed
 * on every node, its plan scheduled in the block that closed the vote; every multi-send checked
 * for admission below the upgrade height was refused {@code MESSAGE_NOT_ACTIVE}, none is in a
 * block below it and at least one above; each multi-send recipient holds exactly what the
 * multi-sends of the node's chain paid it and the proposer its allocation less what its
 * transactions cost.
 */
final class ChainAudit {
  private final LedgerApplication app;
  private final List<String> problems = new ArrayList<>();
  /** The upgrade plan the first audited node applied; every other node must have the same. */
  private UpgradePlan firstPlan;

  private ChainAudit(LedgerApplication app) {
    this.app = app;
  }

  /** The problems of every honest node's chain (empty when all hold). */
  static List<String> of(LedgerApplication app) {
    ChainAudit audit = new ChainAudit(app);
    if (app.upgrade.byVote()) audit.voteTraffic();
    for (LedgerNode n : app.nodes) {
      if (app.honest(n.index)) audit.node(n);
    }
    return audit.problems;
  }

  private void node(LedgerNode n) {
    Ledger ledger;
    try {
      ledger = Ledger.open(n.store, app.genesis, SignatureCheck.withBestVerifier(),
          ChainConsensus.evidenceCheck(Ed25519.verifier()),
          ChainConsensus.commitCheck(Ed25519.verifier()));
    } catch (RuntimeException e) {
      problems.add("node " + n.index + " does not reopen: " + e.getMessage());
      return;
    }
    String at = "node " + n.index + ": ";
    long head = ledger.head().height();
    long s = app.slashHeight;
    check(s >= 1 && head >= s + ValidatorSets.ACTIVATION_DELAY, at + "head " + head
        + " does not reach slash height " + s + " + " + ValidatorSets.ACTIVATION_DELAY);
    List<Long> evidenceHeights = new ArrayList<>();
    MultiSends sends = new MultiSends();
    for (long h = 1; h <= head; h++) {
      Block block = ledger.block(h).orElseThrow();
      Optional<String> bad = ChainConsensus.certificateProblem(ledger, block, block.encode(),
          ledger.commitCertificate(h).orElse(new byte[0]), Ed25519.verifier());
      bad.ifPresent(p -> problems.add(at + "block " + block.height() + ": " + p));
      if (ledger.protocolVersionAt(h) >= 3) checkCarried(at, ledger, block);
      for (Transaction tx : block.transactions()) {
        sends.add(h, tx);
        if (tx.message() instanceof StakeEvidence e) {
          evidenceHeights.add(h);
          checkEvidence(at, e);
        }
      }
    }
    check(evidenceHeights.equals(List.of(s)), at + "evidence transactions at heights "
        + evidenceHeights + ", expected exactly one at " + s);
    for (long h = 1; h <= head + 1; h++) {
      boolean member = contains(ledger.validatorSetAt(h), app.offender());
      check(member == h < s + ValidatorSets.ACTIVATION_DELAY, at + "offender "
          + (member ? "still in" : "already out of") + " the set of height " + h + " (slashed at "
          + s + ")");
    }
    checkUpgrade(at, ledger, head);
    if (app.upgrade.byVote()) {
      checkProposal(at, ledger);
      checkMultiSends(at, ledger, sends);
      checkIndexes(at, ledger);
    }
    long expectedStop = app.upgrade.runsOldSoftware(n.index) ? app.upgradeHeight : -1;
    check(n.stoppedBefore == expectedStop, at + "stopped before height " + n.stoppedBefore
        + ", expected " + expectedStop + " (" + app.upgrade + ")");
    checkStakes(at, n, head);
    long supply = Modules.supplyInvariant().total(n.store);
    check(supply == Amount.TOTAL_SUPPLY_UNITS, at + "supply " + Amount.format(supply));
  }

  /**
   * The head runs the new version; the upgrade applied at U is the same plan on every node (from
   * the genesis, or scheduled in the block that closed the vote); block U - 1 ran the old version
   * and U the new one.
   */
  private void checkUpgrade(String at, Ledger ledger, long head) {
    long u = app.upgradeHeight;
    int to = app.upgrade.toVersion();
    check(ledger.protocolVersionAt(head) == to, at + "head " + head + " runs version "
        + ledger.protocolVersionAt(head) + " (" + app.upgrade + ")");
    if (u < 2 || u > head) {
      problems.add(at + "upgrade height " + u + " not within 2.." + head);
      return;
    }
    check(ledger.protocolVersionAt(u - 1) == app.upgrade.fromVersion()
        && ledger.protocolVersionAt(u) == to
        && ledger.block(u).orElseThrow().header().protocolVersion() == to,
        at + "block " + u + " is not the first of version " + to + " (" + app.upgrade + ")");
    Optional<UpgradePlan> plan = ledger.api(UpgradeApi.class).applied().stream()
        .filter(p -> p.version() == to).findFirst();
    if (plan.isEmpty()) {
      problems.add(at + "no applied upgrade to version " + to);
      return;
    }
    UpgradePlan p = plan.get();
    check(p.height() == u && p.name().equals(app.upgrade.name())
        && p.release().equals(app.upgrade.release()), at + "applied " + p + ", expected "
        + app.upgrade.name() + " at height " + u);
    if (firstPlan == null) firstPlan = p;
    check(p.equals(firstPlan), at + "applied " + p + " but another node applied " + firstPlan);
  }

  /**
   * After an upgrade to version 6 the DVS indexes exist, built at the upgrade height: the chain
   * community's issue index lists exactly the proposal's poll (opened under version 4, so the
   * migration indexed it). Below 6 there is no index at all.
   */
  private void checkIndexes(String at, Ledger ledger) {
    var state = ledger.headState();
    byte[] count = state.get(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(0, 0));
    if (app.upgrade.toVersion() < DvsSchema.INDEXES_VERSION) {
      check(count == null, at + "a DVS index below version " + DvsSchema.INDEXES_VERSION);
      return;
    }
    List<Proposal> proposals = ledger.api(GovApi.class).proposals(0, 10);
    byte[] first = state.get(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(0, 1));
    check(count != null && new Decoder(count).u64() == proposals.size() && first != null
        && !proposals.isEmpty() && new Decoder(first).u64() == proposals.getFirst().issueId(),
        at + "the chain community's issue index does not list the proposal's poll");
  }

  /** The one proposal passed, executed, and scheduled the plan in the block that closed it. */
  private void checkProposal(String at, Ledger ledger) {
    List<Proposal> proposals = ledger.api(GovApi.class).proposals(0, 10);
    if (proposals.size() != 1) {
      problems.add(at + proposals.size() + " proposals, expected exactly one");
      return;
    }
    Proposal p = proposals.getFirst();
    check(p.status() == ProposalStatus.PASSED && p.result().equals("EXECUTED"), at + "proposal "
        + p.id() + " is " + p.status() + " / " + p.outcome() + " / " + p.result()
        + ", expected PASSED / EXECUTED");
    check(p.submitHeight() == app.proposalHeight, at + "proposal submitted at "
        + p.submitHeight() + ", first committed in block " + app.proposalHeight);
    check(p.content() instanceof ProposalContent.SoftwareUpgrade u
        && u.height() == app.upgradeHeight && u.version() == app.upgrade.toVersion(), at
        + "proposal content " + p.content() + ", upgrade height " + app.upgradeHeight);
    Optional<UpgradePlan> plan = ledger.api(UpgradeApi.class).planAt(app.upgradeHeight);
    check(plan.isPresent() && plan.get().scheduledAt() == p.votingEnd(), at + "plan " + plan
        + " not scheduled in block " + p.votingEnd() + " that closed the vote");
  }

  /**
   * Multi-sends only from the upgrade height, at least one; recipients hold what they were paid
   * and the proposer its allocation less its transactions' fees and outputs.
   */
  private void checkMultiSends(String at, Ledger ledger, MultiSends sends) {
    check(sends.lowestHeight >= app.upgradeHeight, at + "a multi-send in block "
        + sends.lowestHeight + ", below the upgrade height " + app.upgradeHeight);
    check(sends.count > 0, at + "no multi-send committed after the upgrade");
    for (Address r : app.feed.gov.recipients) {
      long held = ledger.account(r).map(a -> a.balanceUnits()).orElse(0L);
      long paid = sends.paid.getOrDefault(r, 0L);
      check(held == paid, at + "multi-send recipient " + r + " holds " + held + " units, was paid "
          + paid);
    }
    long proposer = ledger.account(SimGenesis.PROPOSER.address()).map(a -> a.balanceUnits())
        .orElse(0L);
    long expected = SimGenesis.PROPOSER_DDC * SimGenesis.DDC - sends.proposerCost;
    check(proposer == expected, at + "the proposer holds " + proposer + " units, expected "
        + expected + " (deposit back, fees and outputs paid)");
  }

  /** Every multi-send checked below the upgrade height was refused by name, not accepted. */
  private void voteTraffic() {
    var refused = app.feed.gov.refusedBeforeUpgrade;
    check(!refused.isEmpty() && refused.keySet().equals(java.util.Set.of(
        TxRejection.MESSAGE_NOT_ACTIVE.name())), "multi-sends checked below the upgrade height: "
        + refused + ", expected only MESSAGE_NOT_ACTIVE");
  }

  /** The multi-sends of a node's chain and what the proposer's transactions cost. */
  private static final class MultiSends {
    final java.util.TreeMap<Address, Long> paid = new java.util.TreeMap<>();
    long count;
    long lowestHeight = Long.MAX_VALUE;
    long proposerCost;

    void add(long height, Transaction tx) {
      boolean fromProposer = tx.sender().equals(SimGenesis.PROPOSER.address());
      if (fromProposer) proposerCost += tx.fee();
      if (!(tx.message() instanceof CoinMultiSend m)) return;
      count++;
      lowestHeight = Math.min(lowestHeight, height);
      for (CoinMultiSend.Output o : m.outputs()) paid.merge(o.to(), o.amountUnits(), Long::sum);
      if (fromProposer) proposerCost += m.totalUnits();
    }
  }

  /** A version-3 block carries a valid certificate of the block before it (none in block 1). */
  private void checkCarried(String at, Ledger ledger, Block block) {
    long h = block.height();
    check(block.header().carriesLastCommit(), at + "block " + h + " is not of format 3");
    if (h == 1) {
      check(block.lastCommit().length == 0, at + "block 1 carries a certificate");
      return;
    }
    Block previous = ledger.block(h - 1).orElseThrow();
    ChainConsensus.certificateProblem(ledger, previous, previous.encode(), block.lastCommit(),
        Ed25519.verifier()).ifPresent(p -> problems.add(at + "block " + h
        + " carries a bad certificate of block " + (h - 1) + ": " + p));
  }

  private void checkEvidence(String at, StakeEvidence e) {
    Evidence evidence = Evidence.decode(e.evidence(), 0);
    check(evidence.kind() == Evidence.Kind.DUPLICATE_VOTE, at + "evidence on chain is " + evidence);
    check(evidence.offender().equals(app.offender()), at + "evidence against "
        + evidence.offender() + ", the equivocator is " + app.offender());
  }

  private void checkStakes(String at, LedgerNode n, long head) {
    StakeApi stakes = Modules.STANDARD.api(StakeApi.class, new WorkingState(n.store));
    long slashed = 0;
    for (int i = 0; i < app.nodes.size(); i++) {
      Address key = app.nodes.get(i).key.address();
      Address a = SimGenesis.stakeAddress(i, app.upgrade.byVote());
      long genesisStake = SimGenesis.stakeUnits(app.scenario, i);
      check(stakes.validator(key).isEmpty(), at + "validator " + i + " still pre-staking");
      check(stakes.operatorOf(key).equals(Optional.of(a)), at + "validator " + i
          + " is operated by " + stakes.operatorOf(key) + ", expected " + a);
      Optional<StakingValidator> found = stakes.stakingValidator(a);
      if (found.isEmpty()) {
        problems.add(at + "validator " + i + " is not a staking validator after the upgrade");
        continue;
      }
      StakingValidator v = found.get();
      boolean honest = app.honest(i);
      long tokens = honest ? genesisStake + app.stakeMovedUpTo(a, head)
          : genesisStake - genesisStake / 10;
      check(v.tokens() == tokens && v.jailed() != honest && v.tombstoned() != honest, at
          + "validator " + i + " has " + v.tokens() + " units, jailed " + v.jailed()
          + ", tombstoned " + v.tombstoned() + "; expected " + tokens + " units, "
          + (honest ? "free" : "jailed and tombstoned"));
      if (!honest) slashed = genesisStake / 10;
    }
    check(stakes.slashedPool() == slashed, at + "slashed pool holds " + stakes.slashedPool()
        + " units, expected " + slashed);
  }

  private static boolean contains(List<ValidatorPower> set, Address a) {
    for (ValidatorPower v : set) {
      if (v.address().equals(a)) return true;
    }
    return false;
  }

  private void check(boolean ok, String problem) {
    if (!ok) problems.add(problem);
  }
}
