package org.bcos.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bcos.node.config.NodeConfig;

/**
 * Watches the free space of the data directory's disk and says so before it runs out: below the
 * warning level {@code DISK_SPACE_LOW} (the node carries on), below the floor {@code
 * DISK_SPACE_CRITICAL} (the node stops admitting transactions, which blocks would have to store).
 */
final class DiskSpaceMonitor implements AutoCloseable {
  private final Path dataDir;
  private final NodeConfig.Disk levels;
  private final NodeHealth health;
  private final ScheduledExecutorService timer;

  DiskSpaceMonitor(Path dataDir, NodeConfig.Disk levels, NodeHealth health) {
    this.dataDir = dataDir;
    this.levels = levels;
    this.health = health;
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bcos-disk-watch"));
  }

  void start() {
    check();
    timer.scheduleWithFixedDelay(this::check, levels.checkIntervalMillis(),
        levels.checkIntervalMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Where the node's database lives (following a symbolic link: an operator may put {@code db} on
   * another disk), or the data directory before it exists.
   */
  static Path storeDirectory(Path dataDir) {
    Path db = dataDir.resolve("db");
    try {
      return Files.exists(db) ? db.toRealPath() : dataDir;
    } catch (IOException e) {
      return dataDir;
    }
  }

  /** Free bytes on the disk holding {@code dir} (for an unprivileged user), or -1 when unknown. */
  static long usableBytes(Path dir) {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  void check() {
    long free = usableBytes(storeDirectory(dataDir));
    if (free < 0) return;
    String where = mib(free) + " free on the disk of " + dataDir.toAbsolutePath();
    if (free < levels.minFreeBytes()) {
      health.raise(NodeHealth.Fault.DISK_SPACE_CRITICAL, where + ", below diskMinFreeBytes ("
          + mib(levels.minFreeBytes()) + ")", "free disk space: the node admits no transactions "
          + "until there is more than " + mib(levels.minFreeBytes()));
    } else {
      health.clear(NodeHealth.Fault.DISK_SPACE_CRITICAL);
    }
    if (free < levels.warnFreeBytes()) {
      health.raise(NodeHealth.Fault.DISK_SPACE_LOW, where + ", below diskWarnFreeBytes ("
          + mib(levels.warnFreeBytes()) + ")", "free disk space before it runs out");
    } else {
      health.clear(NodeHealth.Fault.DISK_SPACE_LOW);
    }
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
