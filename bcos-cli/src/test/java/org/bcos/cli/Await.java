package org.bcos.cli;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for the integration tests: every wait has a deadline and names its goal. */
final class Await {
  private static final long POLL_MILLIS = 20;

  private Await() {}

  /** Polls {@code condition} until true; fails naming {@code what} after {@code timeout}. */
  static void until(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting: " + what);
      Thread.sleep(POLL_MILLIS);
    }
  }
}
