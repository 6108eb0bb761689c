package org.bcos.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bcos.consensus.sim.Scenario;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.gov.GovModule;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.Hash;

/**
 * The protocol upgrade of a simulated run, chosen by its seed, on one of two paths: the genesis
 * (at version 2) plans version 3 (staking) at {@code plannedHeight} ({@link Path#GENESIS_PLAN}),
 * or the chain starts at version 4 (gov) and a passing gov vote schedules version 5
 * (batch-payments) or, on some seeds, version 6 (dvs-indexes: it brings 5's multi-send too, and
 * builds the DVS indexes from the chain's state at its first block) at a height the proposal
 * names ({@link Path#GOV_VOTE}, {@link GovTraffic}). On
 * both, a minority of honest validators ({@code oldNodes}, fewer than a third of the nodes) runs
 * "old software" that ships versions up to the starting one only, so each must stop before the
 * height, and its operator installs the release {@code resumeDelayMillis} of virtual time after
 * it stopped (the node then starts again and catches up).
 *
 * @param path how the upgrade is scheduled
 * @param plannedHeight the genesis plan's activation height ({@value #MIN_HEIGHT}..{@value
 *     #MAX_HEIGHT}); unused on the vote path, where the proposal names the height
 * @param extraLeadBlocks on the vote path, blocks the proposal's height adds to the least lead
 *     (0..{@value #MAX_EXTRA_LEAD_BLOCKS})
 * @param oldNodes the validators that start on old software, ascending
 * @param resumeDelayMillis virtual time from a stop to the release being installed
 * @param votedVersion on the vote path, the version the proposal brings (5 or 6)
 */
record SimUpgrade(Path path, long plannedHeight, int extraLeadBlocks, List<Integer> oldNodes,
    long resumeDelayMillis, int votedVersion) {
  static final long MIN_HEIGHT = 3;
  static final long MAX_HEIGHT = 8;
  static final long MIN_RESUME_MILLIS = 1_000;
  static final int MAX_EXTRA_RESUME_MILLIS = 5_000;
  static final int MAX_EXTRA_LEAD_BLOCKS = 3;
  /** Seeds taking the vote path, in basis points of all seeds. */
  static final int VOTE_PATH_BASIS_POINTS = 5_000;
  /** Vote-path seeds that vote straight to version 6, in basis points of vote-path seeds. */
  static final int INDEXES_BASIS_POINTS = 5_000;
  static final Hash RELEASE = Hash.fromHex("3c".repeat(32));
  static final Hash VOTED_RELEASE = Hash.fromHex("5b".repeat(32));

  /** How a run's upgrade comes about. */
  enum Path {
    /** The genesis (version 2) plans version 3 at a seed-chosen height. */
    GENESIS_PLAN,
    /** The chain starts at version 4; a passing gov proposal schedules version 5. */
    GOV_VOTE
  }

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
    long resume = MIN_RESUME_MILLIS + r.nextInt(MAX_EXTRA_RESUME_MILLIS);
    // drawn after the choices above, so a seed keeps them whichever path it takes
    Path path = r.nextInt(10_000) < VOTE_PATH_BASIS_POINTS ? Path.GOV_VOTE : Path.GENESIS_PLAN;
    int extraLead = r.nextInt(MAX_EXTRA_LEAD_BLOCKS + 1);
    int voted = r.nextInt(10_000) < INDEXES_BASIS_POINTS ? DvsSchema.INDEXES_VERSION
        : CoinMultiSend.SINCE_VERSION;
    return new SimUpgrade(path, height, extraLead, old, resume, voted);
  }

  boolean byVote() {
    return path == Path.GOV_VOTE;
  }

  /** The version the chain starts at, the highest the old software ships. */
  int fromVersion() {
    return byVote() ? GovModule.GOV_VERSION : StakeModule.STAKING_VERSION - 1;
  }

  /** The version the upgrade brings. */
  int toVersion() {
    return byVote() ? votedVersion : StakeModule.STAKING_VERSION;
  }

  /** The name of the upgrade, as its plan carries it. */
  String name() {
    if (!byVote()) return "staking";
    return votedVersion == DvsSchema.INDEXES_VERSION ? "dvs-indexes" : "batch-payments";
  }

  Hash release() {
    return byVote() ? VOTED_RELEASE : RELEASE;
  }

  /**
   * The version a block header at {@code height} carries: below the upgrade height {@code
   * upgradeHeight} none while the chain runs its genesis version without carried commits (2), the
   * starting version otherwise (4); from it the new version.
   */
  int carriedVersion(long height, long upgradeHeight) {
    if (height >= upgradeHeight) return toVersion();
    return byVote() ? fromVersion() : BlockHeader.VERSION_NOT_CARRIED;
  }

  /** The genesis plan (the genesis path only). */
  UpgradePlan plan() {
    if (byVote()) throw new IllegalStateException("the vote path plans nothing at genesis");
    return new UpgradePlan(name(), toVersion(), RELEASE, plannedHeight, 0);
  }

  boolean runsOldSoftware(int node) {
    return oldNodes.contains(node);
  }

  @Override
  public String toString() {
    return byVote()
        ? "gov vote upgrades " + fromVersion() + " to " + toVersion() + ", old software "
            + oldNodes
        : "genesis plan upgrades " + fromVersion() + " to " + toVersion() + " at height "
            + plannedHeight + ", old software " + oldNodes;
  }
}
