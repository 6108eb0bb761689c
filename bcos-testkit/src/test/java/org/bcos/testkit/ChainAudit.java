package org.bcos.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.consensus.Evidence;
import org.bcos.crypto.Ed25519;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.block.Block;
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
 * never stopped.
 */
final class ChainAudit {
  private final LedgerApplication app;
  private final List<String> problems = new ArrayList<>();

  private ChainAudit(LedgerApplication app) {
    this.app = app;
  }

  /** The problems of every honest node's chain (empty when all hold). */
  static List<String> of(LedgerApplication app) {
    ChainAudit audit = new ChainAudit(app);
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
    for (long h = 1; h <= head; h++) {
      Block block = ledger.block(h).orElseThrow();
      Optional<String> bad = ChainConsensus.certificateProblem(ledger, block, block.encode(),
          ledger.commitCertificate(h).orElse(new byte[0]), Ed25519.verifier());
      bad.ifPresent(p -> problems.add(at + "block " + block.height() + ": " + p));
      if (ledger.protocolVersionAt(h) >= 3) checkCarried(at, ledger, block);
      for (Transaction tx : block.transactions()) {
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
    check(ledger.protocolVersionAt(head) == app.upgrade.plan().version(), at + "head " + head
        + " runs version " + ledger.protocolVersionAt(head) + " (" + app.upgrade + ")");
    long expectedStop = app.upgrade.runsOldSoftware(n.index) ? app.upgrade.height() : -1;
    check(n.stoppedBefore == expectedStop, at + "stopped before height " + n.stoppedBefore
        + ", expected " + expectedStop + " (" + app.upgrade + ")");
    checkStakes(at, n, head);
    long supply = Modules.supplyInvariant().total(n.store);
    check(supply == Amount.TOTAL_SUPPLY_UNITS, at + "supply " + Amount.format(supply));
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
      Address a = app.nodes.get(i).key.address();
      long genesisStake = SimGenesis.stakeUnits(app.scenario, i);
      check(stakes.validator(a).isEmpty(), at + "validator " + i + " still pre-staking");
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
