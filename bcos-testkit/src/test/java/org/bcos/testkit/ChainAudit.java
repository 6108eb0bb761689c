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
import org.bcos.ledger.stake.api.ValidatorStake;
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
 * heights up to S + 1 and none after; its stake is jailed at S and 10% lighter, that 10% sits in
 * the slashed pool; every honest stake is untouched; the supply is exactly the total.
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
      if (app.genesis.protocolVersion() >= 3) checkCarried(at, ledger, block);
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
    checkStakes(at, n);
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

  private void checkStakes(String at, LedgerNode n) {
    StakeApi stakes = Modules.STANDARD.api(StakeApi.class, new WorkingState(n.store));
    if (app.genesis.protocolVersion() >= 3) {
      checkStakingValidators(at, stakes);
      return;
    }
    long slashed = 0;
    for (int i = 0; i < app.nodes.size(); i++) {
      long genesisStake = SimGenesis.stakeUnits(app.scenario, i);
      ValidatorStake stake = stakes.validator(app.nodes.get(i).key.address()).orElseThrow();
      ValidatorStake expected = app.honest(i)
          ? ValidatorStake.active(genesisStake)
          : new ValidatorStake(genesisStake - genesisStake / 10, true, app.slashHeight);
      check(stake.equals(expected), at + "validator " + i + " has " + stake + ", expected "
          + expected);
      if (!app.honest(i)) slashed = genesisStake - expected.bondedUnits();
    }
    check(stakes.slashedPool() == slashed, at + "slashed pool holds " + stakes.slashedPool()
        + " units, expected " + slashed);
  }

  /**
   * On a staking chain (version 3): the equivocator's tokens are 10 % lighter, it is jailed and
   * tombstoned, the others keep their genesis stake unjailed (no run is long enough for the
   * default downtime window), and the slashed pool holds what was taken.
   */
  private void checkStakingValidators(String at, StakeApi stakes) {
    long slashed = 0;
    for (int i = 0; i < app.nodes.size(); i++) {
      long genesisStake = SimGenesis.stakeUnits(app.scenario, i);
      Address key = app.nodes.get(i).key.address();
      StakingValidator v = stakes.stakingValidator(key).orElseThrow();
      boolean honest = app.honest(i);
      long expected = honest ? genesisStake : genesisStake - genesisStake / 10;
      check(v.tokens() == expected && v.jailed() == !honest && v.tombstoned() == !honest,
          at + "validator " + i + " has " + v + ", expected " + expected + " units"
          + (honest ? "" : ", jailed and tombstoned"));
      if (!honest) slashed = genesisStake - expected;
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
