package org.bcos.node;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a node does when its store refuses a block write (a full disk, an I/O error), as Bitcoin
 * Core does: it stops at once instead of running on half-alive. The fault is raised in {@link
 * NodeHealth} (so {@code /health} answers 503 with the reason and no transaction is admitted that
 * would be lost), consensus and sync stop, reads keep being served, and {@link #halted()}
 * completes so a {@link NodeSupervisor} can restart the node from its last committed block once
 * space is back. RocksDB keeps refusing writes after such an error until it is reopened, so a
 * restart (which replays its log to the last synced batch) is the safe way back.
 */
public final class StorageFailures {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.node");
  private final NodeHealth health;
  private final Path dataDir;
  private final CompletableFuture<String> halted = new CompletableFuture<>();
  private final List<Runnable> stoppers = new CopyOnWriteArrayList<>();

  public StorageFailures(NodeHealth health, Path dataDir) {
    this.health = health;
    this.dataDir = dataDir;
  }

  /** Something to stop when the store fails (consensus, sync); run once, on its own thread. */
  void onHalt(Runnable stop) {
    stoppers.add(stop);
  }

  /** The store refused to write block {@code height}: halt (once). Safe on any thread. */
  public void failed(long height, RuntimeException cause) {
    String detail = "block " + height + " could not be written: " + cause.getMessage();
    health.raise(NodeHealth.Fault.STORAGE_WRITE_FAILED, detail, "free disk space on "
        + dataDir.toAbsolutePath() + " (or fix the disk); consensus and sync have stopped, "
        + "no transactions are admitted, reads still work, and the node restarts from its last "
        + "committed block by itself once space is back (or restart it)");
    if (!halted.complete(detail)) return;
    Thread stopping = new Thread(() -> {
      for (Runnable stop : stoppers) {
        try {
          stop.run();
        } catch (RuntimeException e) {
          LOG.warn("stopping after the storage failure: " + e);
        }
      }
    }, "bcos-storage-halt");
    stopping.setDaemon(true);
    stopping.start();
  }

  /** Completes (with the reason) when the node halted for a storage failure. */
  public CompletableFuture<String> halted() {
    return halted;
  }
}
