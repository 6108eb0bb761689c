package org.bcos.node;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bcos.node.config.NodeConfig;

/**
 * Runs a node and brings it back after a storage failure: when the node halts because its store
 * refused a write ({@link Node#halted()}), the supervisor waits until the data directory's disk has
 * more than {@code diskMinFreeBytes} free, closes the halted node and starts it again in this
 * process from its last committed block — what an operator would do by hand, and as safe as a
 * restart after {@code kill -9} (the store replays its log to the last synced block).
 */
public final class NodeSupervisor implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.node");
  static final long MAX_BACKOFF_MILLIS = 60_000;

  /** Starts the node (the same configuration every time). */
  @FunctionalInterface
  public interface Starter {
    Node start() throws Exception;
  }

  private final Starter starter;
  private final Path dataDir;
  private final NodeConfig.Disk disk;
  private final ScheduledExecutorService timer;
  private volatile Node node;
  private volatile boolean closed;
  private volatile int restarts;
  // a node that halts again soon after a restart waits longer each time (a failing disk)
  private long backoffMillis;
  private long startedNanos = System.nanoTime();
  private final java.util.concurrent.CompletableFuture<org.bcos.ledger.UpgradeRequired>
      upgradeRequired = new java.util.concurrent.CompletableFuture<>();

  private NodeSupervisor(Starter starter, Path dataDir, NodeConfig.Disk disk) {
    this.starter = starter;
    this.dataDir = dataDir;
    this.disk = disk;
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bcos-supervisor"));
  }

  /** Starts the node (failures propagate, nothing is supervised then) and watches it. */
  public static NodeSupervisor start(Starter starter, NodeConfig config) throws Exception {
    NodeSupervisor s = new NodeSupervisor(starter, config.dataDir(), config.disk());
    s.node = starter.start();
    s.watch(s.node);
    return s;
  }

  /** The node running now (a new object after each restart). */
  public Node node() {
    return node;
  }

  /** How many times the node was restarted after a storage failure. */
  public int restarts() {
    return restarts;
  }

  /**
   * Completes when the node (any incarnation) stopped before a protocol version it lacks: the
   * caller closes this supervisor and exits with {@link Node#EXIT_UPGRADE_REQUIRED}.
   */
  public java.util.concurrent.CompletableFuture<org.bcos.ledger.UpgradeRequired>
      upgradeRequired() {
    return upgradeRequired;
  }

  private void watch(Node watched) {
    watched.upgradeRequired().thenAccept(upgradeRequired::complete);
    watched.halted().thenRun(() -> {
      long ranMillis = (System.nanoTime() - startedNanos) / 1_000_000;
      backoffMillis = ranMillis > MAX_BACKOFF_MILLIS ? disk.checkIntervalMillis()
          : Math.min(MAX_BACKOFF_MILLIS, Math.max(disk.checkIntervalMillis(), 2 * backoffMillis));
      LOG.info("halted; restarting once the disk has space (checked again in "
          + backoffMillis + " ms)");
      timer.schedule(() -> awaitSpace(watched), backoffMillis, TimeUnit.MILLISECONDS);
    });
  }

  private void awaitSpace(Node halted) {
    if (closed || halted != node) return;
    long free = DiskSpaceMonitor.usableBytes(DiskSpaceMonitor.storeDirectory(dataDir));
    if (free >= 0 && free <= disk.minFreeBytes()) {
      timer.schedule(() -> awaitSpace(halted), disk.checkIntervalMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    LOG.info("disk space is back (" + (free >> 20) + " MiB free): restarting the node "
        + "from its last committed block");
    halted.close();
    restart();
  }

  /** Starts the node again; on failure (the disk filled up again?) retries after a while. */
  private void restart() {
    if (closed) return;
    try {
      Node fresh = starter.start();
      startedNanos = System.nanoTime();
      restarts++;
      node = fresh;
      watch(fresh);
      LOG.info("restarted at height " + fresh.ledger().head().height());
    } catch (Exception e) {
      LOG.error("restart failed: " + e.getMessage() + "; trying again in "
          + disk.checkIntervalMillis() + " ms");
      timer.schedule(this::restart, disk.checkIntervalMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) LOG.warn("supervisor busy");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    node.close();
  }
}
