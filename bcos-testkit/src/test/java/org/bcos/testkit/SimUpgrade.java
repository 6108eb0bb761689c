package org.bcos.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bcos.consensus.sim.Scenario;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.Hash;

/**
 * The protocol upgrade of a simulated run, chosen by its seed: the genesis (at version 2) plans
 * version 3 (staking) at {@code height}; a minority of honest validators ({@code oldNodes}, fewer
 * than a third of the nodes) runs "old software" that ships versions up to 2 only, so each must
 * stop before the height, and its operator installs the release {@code resumeDelayMillis} of
 * virtual time after it stopped (the node then starts again and catches up).
 *
 * @param height the activation height ({@value #MIN_HEIGHT}..{@value #MAX_HEIGHT})
 * @param oldNodes the validators that start on old software, ascending
 * @param resumeDelayMillis virtual time from a stop to the release being installed
 */
record SimUpgrade(long height, List<Integer> oldNodes, long resumeDelayMillis) {
  static final long MIN_HEIGHT = 3;
  static final long MAX_HEIGHT = 8;
  static final long MIN_RESUME_MILLIS = 1_000;
  static final int MAX_EXTRA_RESUME_MILLIS = 5_000;
  /** The version the old software ships up to (the genesis version). */
  static final int OLD_VERSION = 2;
  static final Hash RELEASE = Hash.fromHex("3c".repeat(32));

  SimUpgrade {
    oldNodes = List.copyOf(oldNodes);
  }

  static SimUpgrade of(Scenario sc) {
    SplittableRandom r = new SplittableRandom(sc.seed() * 0x2545F4914F6CDD1DL + 0x5AFE);
    long height = MIN_HEIGHT + r.nextLong(MAX_HEIGHT - MIN_HEIGHT + 1);
    List<Integer> honest = new ArrayList<>();
    for (int i = 0; i < sc.powers().length; i++) {
      if (i != sc.byzantine()) honest.add(i);
    }
    int minority = Math.max(1, (sc.powers().length - 1) / 3);
    int count = 1 + r.nextInt(minority);
    List<Integer> old = new ArrayList<>();
    for (int k = 0; k < count; k++) old.add(honest.remove(r.nextInt(honest.size())));
    old.sort(null);
    return new SimUpgrade(height, old,
        MIN_RESUME_MILLIS + r.nextInt(MAX_EXTRA_RESUME_MILLIS));
  }

  UpgradePlan plan() {
    return new UpgradePlan("staking", StakeModule.STAKING_VERSION, RELEASE, height, 0);
  }

  boolean runsOldSoftware(int node) {
    return oldNodes.contains(node);
  }

  @Override
  public String toString() {
    return "upgrade to " + StakeModule.STAKING_VERSION + " at height " + height + ", old software "
        + oldNodes;
  }
}
