package org.bcos.consensus.sim;

import java.util.SplittableRandom;

/**
 * The faults of one simulated run, all drawn from the seed. Rates are per mille (integers, so a
 * replay is exact on every JVM). Every fault ends by {@code healAtMillis}.
 */
record Scenario(
    long seed,
    long[] powers,
    int byzantine,
    long healAtMillis,
    int dropPerMille,
    int duplicatePerMille,
    int longDelayPerMille,
    long partitionFromMillis,
    long partitionToMillis,
    int partitionMask,
    int crashNode,
    long crashAtMillis,
    long restartAtMillis) {

  static Scenario fromSeed(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 4 + r.nextInt(4);
    long[] powers = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      powers[i] = 1 + r.nextInt(5);
      total += powers[i];
    }
    int byz = 0;
    for (int i = 1; i < n; i++) if (powers[i] < powers[byz]) byz = i;
    if (3 * powers[byz] >= total) throw new IllegalStateException("byzantine power >= 1/3");
    long heal = 5_000 + r.nextInt(25_000);
    long pFrom = -1;
    long pTo = -1;
    int mask = 0;
    if (r.nextBoolean()) {
      pFrom = r.nextLong(heal);
      pTo = pFrom + r.nextLong(heal - pFrom + 1);
      mask = 1 + r.nextInt((1 << n) - 2);
    }
    int crash = -1;
    long crashAt = -1;
    long restartAt = -1;
    if (r.nextInt(10) < 6) {
      crash = r.nextInt(n);
      if (crash == byz) crash = (crash + 1) % n;
      crashAt = r.nextLong(heal);
      restartAt = crashAt + r.nextLong(heal - crashAt + 1);
    }
    return new Scenario(seed, powers, byz, heal, r.nextInt(300), r.nextInt(100), r.nextInt(200),
        pFrom, pTo, mask, crash, crashAt, restartAt);
  }

  int size() {
    return powers.length;
  }

  boolean partitioned(int a, int b, long now) {
    if (now < partitionFromMillis || now >= partitionToMillis) return false;
    return ((partitionMask >> a) & 1) != ((partitionMask >> b) & 1);
  }

  @Override
  public String toString() {
    return "seed=" + seed + " n=" + size() + " powers=" + java.util.Arrays.toString(powers)
        + " byz=" + byzantine + " heal=" + healAtMillis + "ms drop=" + dropPerMille + "‰ dup="
        + duplicatePerMille + "‰ longDelay=" + longDelayPerMille + "‰ partition="
        + (partitionMask == 0 ? "none" : partitionFromMillis + ".." + partitionToMillis + " mask="
            + Integer.toBinaryString(partitionMask))
        + " crash=" + (crashNode < 0 ? "none" : crashNode + "@" + crashAtMillis + ".." + restartAtMillis);
  }
}
