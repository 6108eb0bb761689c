package org.bcos.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bcos wait --height H} returns once the node's head has reached height H, {@code bcos wait
 * --tx HASH} once that transaction is final (polling the node), or fails {@code TIMEOUT}. Also
 * the bounded polling loop other waiting commands use.
 */
@Command(name = "wait", description = "Wait until the chain reaches a height (--height H) or a"
    + " transaction is final (--tx HASH)")
final class WaitCommand implements Callable<Integer> {
  /** How often a wait asks the node again: a dev chain's blocks come every second or faster. */
  static final long POLL_MILLIS = 200;
  /** The longest wait one command may ask for (a day). */
  static final long MAX_TIMEOUT_SECONDS = 86_400;

  @Mixin CommonOptions common;
  @ArgGroup(multiplicity = "1") Target target;
  @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
      description = "give up after this long (default 120, at most 86400): TIMEOUT")
  long timeoutSeconds;

  /** What to wait for: exactly one of a height and a transaction. */
  static final class Target {
    @Option(names = "--height", required = true, paramLabel = "H",
        description = "the head height to wait for") Long height;
    @Option(names = "--tx", required = true, paramLabel = "HASH",
        description = "a transaction hash: wait until it is final") String tx;
  }

  @Override
  public Integer call() throws InterruptedException {
    Duration timeout = timeout(timeoutSeconds);
    if (target.height != null) {
      waitForHeight(target.height, timeout);
    } else {
      // a dropped transaction ends the wait with the node's reason; one not yet seen (still on
      // its way from another node) is waited for like a pending one
      QueryCommands.print(common, common.client().awaitFinal(QueryCommands.txHash(target.tx),
          timeout));
    }
    return 0;
  }

  private void waitForHeight(long height, Duration timeout) throws InterruptedException {
    if (height < 0) throw new CliException("INVALID_ARGUMENT", "--height must be 0 or more");
    var client = common.client();
    long reached = until(timeout, "height " + height, () -> {
      long head = client.height();
      return head >= height ? Optional.of(head) : Optional.empty();
    });
    DvsQueryCommands.print(common, Output.object().put("height", reached));
  }

  /** {@code --timeout} checked: 1..86400 seconds. */
  static Duration timeout(long seconds) {
    if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new CliException("INVALID_ARGUMENT", "--timeout is 1.." + MAX_TIMEOUT_SECONDS
          + " seconds");
    }
    return Duration.ofSeconds(seconds);
  }

  /**
   * Asks {@code probe} every {@link #POLL_MILLIS} until it answers, for at most {@code timeout};
   * then fails {@code TIMEOUT} naming {@code what} was awaited. A probe may throw a CliException
   * to end the wait early (the awaited state can no longer come).
   */
  static <T> T until(Duration timeout, String what, Supplier<Optional<T>> probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> answer = probe.get();
      if (answer.isPresent()) return answer.get();
      if (System.nanoTime() - deadline > 0) {
        throw new CliException("TIMEOUT", "waited " + timeout.toSeconds() + " s for " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
