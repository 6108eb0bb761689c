package org.bcos.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the deterministic simulation over a range of seeds. {@code -Dbcos.sim.seeds=N} runs N seeds
 * (default 200) from {@code -Dbcos.sim.firstSeed} (default 1); {@code -Dbcos.sim.seed=S} replays
 * one seed and prints its scenario. Long runs print progress every {@value #PROGRESS_EVERY} seeds
 * and a summary at the end (seeds, heights decided, virtual time, deliveries, faults by kind, wall
 * time).
 */
class SimulationTest {
  static final int PROGRESS_EVERY = 500;

  @Test
  void safetyLivenessAndEvidenceOverManySeeds() {
    String one = System.getProperty("bcos.sim.seed");
    long first = one != null ? Long.parseLong(one) : Long.getLong("bcos.sim.firstSeed", 1);
    long count = one != null ? 1 : Long.getLong("bcos.sim.seeds", 200);
    List<String> failures = new ArrayList<>();
    Totals totals = new Totals();
    for (long seed = first; seed < first + count; seed++) {
      Simulation.Result r = Simulation.run(seed);
      totals.add(r);
      if (one != null) System.out.println("[sim] " + r);
      if (!r.ok()) {
        failures.add(r.scenario() + "\n    -> " + r.failure());
        System.out.println("[sim] FAILED seed " + seed + " (replay: -Dbcos.sim.seed=" + seed + "): "
            + r.failure() + "\n      " + r.scenario());
      }
      if (totals.seeds % PROGRESS_EVERY == 0 && totals.seeds < count) {
        System.out.println("[sim] progress " + totals.line(first, failures.size()));
      }
    }
    System.out.println("[sim] done " + totals.line(first, failures.size()));
    System.out.println("[sim] faults injected by kind: " + totals.faults);
    System.out.println("[sim] Byzantine strategies: " + totals.strategies);
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
    assertEquals(a.faults(), b.faults());
  }

  /** Running figures of a seed range. */
  private static final class Totals {
    final long started = System.nanoTime();
    final TreeMap<String, Long> faults = new TreeMap<>();
    final TreeMap<Scenario.Strategy, Long> strategies = new TreeMap<>();
    long seeds;
    long heights;
    long virtualMillis;
    long deliveries;
    long events;

    void add(Simulation.Result r) {
      seeds++;
      heights += r.heights();
      virtualMillis += r.virtualMillis();
      deliveries += r.deliveries();
      events += r.events();
      r.faults().forEach((k, v) -> faults.merge(k, v, Long::sum));
      strategies.merge(r.scenario().strategy(), 1L, Long::sum);
    }

    String line(long first, int failed) {
      long wallMillis = (System.nanoTime() - started) / 1_000_000;
      return String.format(
          "seeds %d..%d (%d): %d failed; %d heights decided, %d s virtual time, %d deliveries,"
              + " %d events, %d ms wall",
          first, first + seeds - 1, seeds, failed, heights, virtualMillis / 1000, deliveries,
          events, wallMillis);
    }
  }
}
