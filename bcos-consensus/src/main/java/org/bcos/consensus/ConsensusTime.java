package org.bcos.consensus;

/**
 * The clock seam: the one source of time for whatever hosts a {@link TendermintMachine}, giving
 * the current time and running tasks later (the machine's timeouts, the start of the next height,
 * retries). The machine
 * itself never reads a clock (it asks for timeouts with {@link Action.ScheduleTimeout}); its host
 * does, only through this seam, so the node and the deterministic simulation run the same glue:
 * the node's clock is the system clock with a single scheduler thread, the simulation's is its
 * virtual time and event queue. As Teku's {@code TimeProvider}.
 *
 * <p>Tasks run one at a time, in order of due time, those due together in the order they were
 * scheduled.
 */
public interface ConsensusTime {
  /**
   * The time in milliseconds: since the Unix epoch on a node (block times are taken from here),
   * since the run's start in a simulation (which adds its genesis time where it needs one).
   */
  long nowMillis();

  /** Runs {@code task} once, {@code delayMillis} (at least 0) from now. */
  void schedule(long delayMillis, Runnable task);
}
