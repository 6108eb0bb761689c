package org.bcos.consensus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.consensus.sim.Simulation;
import org.junit.jupiter.api.Test;

/**
 * Proves that the simulation's safety check bites: with one rule of Algorithm 1 deliberately broken
 * ({@link RuleMutation}), recorded seeds end in a fork (two nodes deciding different values at one
 * height), while the correct machine passes the same seeds. Certificates are not checked here, so a
 * weakened decide quorum must show as a fork, not merely as a short certificate.
 *
 * <p>Seeds that catch each mutation in a scan of 1..300 (machines whose late deciders precommit,
 * 2026-12-07), with the Byzantine strategy of the seed:
 *
 * <ul>
 *   <li>IGNORE_LOCK: 30, 76, 77, 150 (ROUND_SPLITTER; with a colluding network: a group locks, a
 *       victim alone decides, an unlocked proposer then offers a fresh value);
 *   <li>UNCHECKED_VALID_ROUND: 117 (ROUND_SPLITTER proposing a fresh value with a validRound it
 *       cannot justify);
 *   <li>DECIDE_ON_ONE_THIRD: 13, 102, 200, 224, 265, 280 (ROUND_SPLITTER), 10, 68, 78, 95, 104,
 *       149, 154 (EQUIVOCATING_PROPOSER);
 *   <li>DECISION_PRECOMMIT_TWICE (caught as evidence against an honest validator, in 1..100): 90
 *       (ROUND_SPLITTER), 94 (EQUIVOCATING_PROPOSER).
 * </ul>
 *
 * Rescan after changing the simulation or the machine: {@code -Dbcos.mutation.scan=N
 * [-Dbcos.sim.firstSeed=F] [-Dbcos.mutation.only=NAME]}.
 */
class MutationTest {
  @Test
  void ignoringTheLockIsCaught() {
    assertCaught(RuleMutation.IGNORE_LOCK, 30, 76);
  }

  @Test
  void trustingAnUnjustifiedValidRoundIsCaught() {
    assertCaught(RuleMutation.UNCHECKED_VALID_ROUND, 117);
  }

  @Test
  void decidingOnOneThirdIsCaught() {
    assertCaught(RuleMutation.DECIDE_ON_ONE_THIRD, 10, 13, 78);
  }

  /**
   * A late decider that precommits the decided value although it precommitted nil or another
   * value in that round signs a double vote: honest peers report it, and the simulation fails the
   * seed as evidence against an honest validator (so the rule "never a second precommit of a
   * round" is checked under faults, not only in TendermintMachineTest).
   */
  @Test
  void aSecondPrecommitOfTheDecisionRoundIsCaught() {
    for (long seed : new long[] {90, 94}) {
      Simulation.Result honest = Simulation.run(seed, mutant(RuleMutation.NONE), true);
      assertTrue(honest.ok(), "correct machine fails seed " + seed + ": " + honest.failure());
      Simulation.Result broken =
          Simulation.run(seed, mutant(RuleMutation.DECISION_PRECOMMIT_TWICE), true);
      assertTrue(doubleVoteCaught(broken),
          "DECISION_PRECOMMIT_TWICE not caught by seed " + seed + ": " + broken.failure());
      System.out.println("[mutation] DECISION_PRECOMMIT_TWICE seed " + seed + ": "
          + broken.failure().substring(0, Math.min(120, broken.failure().length())));
    }
  }

  /**
   * Rescans a seed range (only when {@code -Dbcos.mutation.scan=N} is set; otherwise skipped, not
   * passed): prints, per mutation, the seeds that catch it, and fails when a mutation escapes
   * every seed of the range or the correct machine fails one (then the range proves nothing).
   */
  @Test
  void scan() {
    long n = Long.getLong("bcos.mutation.scan", 0);
    assumeTrue(n > 0, "set -Dbcos.mutation.scan=N to rescan N seeds");
    long first = Long.getLong("bcos.sim.firstSeed", 1);
    for (long seed = first; seed < first + n; seed++) {
      Simulation.Result honest = Simulation.run(seed, mutant(RuleMutation.NONE), true);
      assertTrue(honest.ok(), "correct machine fails seed " + seed + ": " + honest.failure());
    }
    String only = System.getProperty("bcos.mutation.only", "");
    for (RuleMutation m : RuleMutation.values()) {
      if (m == RuleMutation.NONE || !(only.isEmpty() || only.equals(m.name()))) continue;
      List<String> caught = new ArrayList<>();
      long started = System.nanoTime();
      for (long seed = first; seed < first + n; seed++) {
        boolean doubleVote = m == RuleMutation.DECISION_PRECOMMIT_TWICE;
        Simulation.Result r = Simulation.run(seed, mutant(m), doubleVote);
        if (doubleVote ? doubleVoteCaught(r) : r.safetyViolated()) {
          caught.add(seed + "/" + r.scenario().strategy());
        }
      }
      System.out.println("[mutation] " + m + " caught by " + caught.size() + "/" + n + " seeds from "
          + first + " in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + caught);
      assertFalse(caught.isEmpty(), m + " escapes every seed of " + first + ".." + (first + n - 1));
    }
  }

  private static boolean doubleVoteCaught(Simulation.Result r) {
    return r.failure() != null && r.failure().startsWith("EVIDENCE against honest validator");
  }

  private static void assertCaught(RuleMutation mutation, long... seeds) {
    for (long seed : seeds) {
      Simulation.Result honest = Simulation.run(seed, mutant(RuleMutation.NONE), true);
      assertTrue(honest.ok(), "correct machine fails seed " + seed + ": " + honest.failure());
      Simulation.Result broken = Simulation.run(seed, mutant(mutation), false);
      assertTrue(broken.safetyViolated(),
          mutation + " not caught by seed " + seed + " (replay: -Dbcos.sim.seed=" + seed + "): "
              + broken.failure());
      System.out.println("[mutation] " + mutation + " seed " + seed + ": " + broken.failure());
    }
  }

  private static Simulation.MachineFactory mutant(RuleMutation mutation) {
    return (schedule, config, signer, app, verifier) ->
        new TendermintMachine(schedule, config, signer, app, verifier, mutation);
  }
}
