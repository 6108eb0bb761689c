package org.bcos.node.consensus;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.bcos.consensus.ConsensusTime;

/**
 * A validator's consensus time: the system clock, and one scheduler thread that runs every
 * consensus task in turn (so the machine and its glue need no locks). A task that throws is logged
 * and the thread goes on; tasks scheduled after {@link #close} are dropped.
 */
public final class SystemConsensusTime implements ConsensusTime {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.consensus");
  private final ScheduledThreadPoolExecutor thread;

  public SystemConsensusTime(ThreadFactory threads) {
    this.thread = new ScheduledThreadPoolExecutor(1, threads);
    thread.setRemoveOnCancelPolicy(true);
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public void schedule(long delayMillis, Runnable task) {
    try {
      thread.schedule(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("consensus step failed: " + e, e);
        }
      }, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  /**
   * Stops the thread after the task in progress (interrupting it); whether it stopped within
   * {@code waitMillis}.
   */
  public boolean close(long waitMillis) throws InterruptedException {
    thread.shutdownNow();
    return thread.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
  }
}
