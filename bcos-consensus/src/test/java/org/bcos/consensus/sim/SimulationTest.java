package org.bcos.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the deterministic simulation over a range of seeds. {@code -Dbcos.sim.seeds=N} runs N seeds
 * (default 200) from {@code -Dbcos.sim.firstSeed} (default 1); {@code -Dbcos.sim.seed=S} replays
 * one seed and prints its scenario.
 */
class SimulationTest {

  @Test
  void safetyLivenessAndEvidenceOverManySeeds() {
    String one = System.getProperty("bcos.sim.seed");
    long first = one != null ? Long.parseLong(one) : Long.getLong("bcos.sim.firstSeed", 1);
    long count = one != null ? 1 : Long.getLong("bcos.sim.seeds", 200);
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    long heights = 0;
    long virtualMillis = 0;
    long deliveries = 0;
    for (long seed = first; seed < first + count; seed++) {
      Simulation.Result r = Simulation.run(seed);
      heights += r.heights();
      virtualMillis += r.virtualMillis();
      deliveries += r.deliveries();
      if (one != null) System.out.println("[sim] " + r);
      if (!r.ok()) {
        failures.add(r.scenario() + "\n    -> " + r.failure());
        System.out.println("[sim] FAILED seed " + seed + " (replay: -Dbcos.sim.seed=" + seed + "): "
            + r.failure() + "\n      " + r.scenario());
      }
    }
    long wallMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "[sim] seeds %d..%d: %d failed; %d heights decided, %d s virtual time, %d deliveries,"
            + " %d ms wall%n",
        first, first + count - 1, failures.size(), heights, virtualMillis / 1000, deliveries,
        wallMillis);
    assertTrue(failures.isEmpty(), "failing seeds:\n" + String.join("\n", failures));
  }

  @Test
  void sameSeedReplaysIdentically() {
    Simulation.Result a = Simulation.run(7);
    Simulation.Result b = Simulation.run(7);
    assertEquals(a.events(), b.events());
    assertEquals(a.virtualMillis(), b.virtualMillis());
    assertEquals(a.deliveries(), b.deliveries());
    assertEquals(a.heights(), b.heights());
  }
}
