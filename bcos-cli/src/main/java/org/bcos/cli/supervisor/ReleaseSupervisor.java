package org.bcos.cli.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bcos.node.Node;
import org.bcos.node.release.ReleaseArchive;
import org.bcos.node.release.ReleaseArchive.Manifest;
import org.bcos.node.release.ReleaseArchive.Reason;
import org.bcos.node.release.ReleaseArchive.ReleaseException;
import org.bcos.node.release.ReleaseStore;
import org.bcos.node.release.UpgradeRequiredFile;
import org.bcos.types.Hash;

/**
 * {@code bcos node --supervise} (docs/GOVERNANCE.md "Supervisor mode"): runs no ledger itself but
 * the node as a child, {@code <data>/supervisor/current/bin/bcos node [options]} (its own
 * software while there is no {@code current} yet), and when the child stops with {@link
 * Node#EXIT_UPGRADE_REQUIRED} switches {@code current} to the release the stop names (verified
 * in the node's release store, hashed again, unpacked safely, shipping the version) and starts
 * it again with the same options. Other exit statuses pass through; systemd decides on restarts.
 */
public final class ReleaseSupervisor {
  /** Where the supervisor keeps its releases, under the data directory. */
  public static final String DIRECTORY = "supervisor";
  /** The link to the release in use, under {@link #DIRECTORY}. */
  public static final String CURRENT = "current";
  /** How often the store is checked for an artifact that is not there yet. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
  /** How often the operator is told what to run meanwhile. */
  public static final Duration DEFAULT_REMIND = Duration.ofMinutes(1);
  /** Longest the supervisor waits for an artifact before it gives up (exit 1). */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofDays(7);
  /** Longest a child is given to stop after SIGTERM before it is killed. */
  public static final Duration CHILD_STOP_TIMEOUT = Duration.ofSeconds(60);
  /** Most release switches in one run (each needs a new upgrade; a loop is a bug). */
  public static final int MAX_SWITCHES = 64;

  /**
   * What to supervise.
   *
   * @param dataDir the node's data directory
   * @param nodeOptions the {@code bcos node} options, without {@code --supervise}
   * @param ownCommand the command that runs this software's {@code bcos} (java, its options,
   *     class path, main class), used while no release is current
   * @param poll how often a missing artifact is looked for
   * @param remind how often the operator is told what to run
   * @param maxWait longest wait for a missing artifact
   * @param autoFetch with {@code --auto-fetch}: the child's RPC, polled while it runs
   */
  public record Settings(Path dataDir, List<String> nodeOptions, List<String> ownCommand,
      Duration poll, Duration remind, Duration maxWait, Optional<AutoFetch.Config> autoFetch) {
    public Settings {
      nodeOptions = List.copyOf(nodeOptions);
      ownCommand = List.copyOf(ownCommand);
    }

    /** Without auto-fetch. */
    public Settings(Path dataDir, List<String> nodeOptions, List<String> ownCommand,
        Duration poll, Duration remind, Duration maxWait) {
      this(dataDir, nodeOptions, ownCommand, poll, remind, maxWait, Optional.empty());
    }
  }

  private final Settings settings;
  private final PrintStream out;
  private final Path home;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Process child;

  public ReleaseSupervisor(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.home = settings.dataDir().resolve(DIRECTORY);
  }

  /** The link to the release in use. */
  public Path current() {
    return home.resolve(CURRENT);
  }

  /**
   * Runs children until one exits with a status other than 3, a switch is refused, or {@link
   * #stop} is called.
   *
   * @return the exit status: the child's (0, 1, 2, ...), 1 when a switch is refused
   */
  public int run() throws IOException, InterruptedException {
    UpgradeRequiredFile.Stop last = null;
    for (int switches = 0; ; switches++) {
      int status = runChild();
      if (stopping.getCount() == 0) return status;
      if (status != Node.EXIT_UPGRADE_REQUIRED) return status;
      try {
        UpgradeRequiredFile.Stop stop = readStop();
        if (stop.equals(last) || switches >= MAX_SWITCHES) {
          throw new SupervisorException("RELEASE_SWITCH_LOOP", "the release switched to stopped "
              + "again for the same upgrade (height " + stop.height() + ", version "
              + stop.version() + "); current is left as it is");
        }
        if (!switchTo(stop)) return 0; // stopped while waiting for the artifact
        last = stop;
      } catch (SupervisorException e) {
        out.println("error: " + e.reason + ": " + e.getMessage());
        return 1;
      } catch (ReleaseException e) {
        out.println("error: " + e.reason() + ": " + e.getMessage() + "; current is unchanged ("
            + describeCurrent() + ")");
        return 1;
      }
    }
  }

  /** Stops the supervisor: the child gets SIGTERM and is waited for; a wait ends at once. */
  public void stop() {
    stopping.countDown();
    Process p = child;
    if (p == null) return;
    p.destroy();
    try {
      if (!p.waitFor(CHILD_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        out.println("bcos supervisor: the node did not stop within " + CHILD_STOP_TIMEOUT
            + "; killing it");
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The command that runs the node: the current release's launcher, else this software. */
  List<String> childCommand() {
    List<String> command = new ArrayList<>();
    if (Files.exists(current())) {
      command.add(current().resolve(ReleaseArchive.LAUNCHER).toString());
    } else {
      command.addAll(settings.ownCommand());
    }
    command.add("node");
    command.addAll(settings.nodeOptions());
    return command;
  }

  private int runChild() throws IOException, InterruptedException {
    List<String> command = childCommand();
    out.println("bcos supervisor: starting the node " + (Files.exists(current())
        ? "from release " + current().toRealPath() : "on this software (no release current)")
        + ": bcos node " + String.join(" ", settings.nodeOptions()));
    Process p = new ProcessBuilder(command).inheritIO().start();
    child = p;
    CountDownLatch exited = new CountDownLatch(1);
    Thread poller = settings.autoFetch().map(config -> Thread.ofVirtual()
        .name("bcos-supervisor-auto-fetch").start(() -> autoFetch(config, exited))).orElse(null);
    try {
      if (stopping.getCount() == 0) p.destroy(); // a stop came while it was being started
      return p.waitFor();
    } finally {
      child = null;
      exited.countDown();
      if (poller != null) poller.join(Duration.ofSeconds(10));
    }
  }

  /**
   * Polls the running child (a new {@link AutoFetch} per child) until it exits; the first poll
   * comes one interval after the start, when its RPC is usually up.
   */
  private void autoFetch(AutoFetch.Config config, CountDownLatch exited) {
    AutoFetch poller = new AutoFetch(config.rpc(), ReleaseStore.of(settings.dataDir()), out);
    try {
      while (!exited.await(config.interval().toMillis(), TimeUnit.MILLISECONDS)
          && stopping.getCount() > 0) {
        poller.poll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private UpgradeRequiredFile.Stop readStop() throws SupervisorException {
    Optional<UpgradeRequiredFile.Stop> stop;
    try {
      stop = UpgradeRequiredFile.read(settings.dataDir());
    } catch (IOException e) {
      throw new SupervisorException("UPGRADE_FILE_UNREADABLE", e.getMessage());
    }
    if (stop.isEmpty()) {
      throw new SupervisorException("UPGRADE_FILE_MISSING", "the node exited with status "
          + Node.EXIT_UPGRADE_REQUIRED + " but left no " + settings.dataDir().resolve(
              UpgradeRequiredFile.NAME));
    }
    if (stop.get().release().isEmpty()) {
      throw new SupervisorException("NO_RELEASE_NAMED", "the node stopped at a protocol "
          + "version " + stop.get().version() + " that no upgrade plan names a release for (a "
          + "genesis above this software?); install a release that ships it by hand");
    }
    return stop.get();
  }

  /** The switch; false when the supervisor was stopped while it waited for the artifact. */
  private boolean switchTo(UpgradeRequiredFile.Stop stop)
      throws IOException, InterruptedException, ReleaseException, SupervisorException {
    Hash release = stop.release().orElseThrow();
    ReleaseStore store = ReleaseStore.of(settings.dataDir());
    if (!awaitArtifact(store, release)) return false;
    if (!store.intact(release)) {
      throw new ReleaseException(Reason.RELEASE_HASH_MISMATCH, store.path(release)
          + " is no longer the artifact with sha256 " + release.toHex() + " (changed on disk); "
          + "fetch it again (bcos upgrade fetch)");
    }
    Path artifact = store.path(release);
    Manifest manifest = ReleaseArchive.check(artifact, stop.version());
    Path dir = home.resolve("releases").resolve(dirName(manifest, release));
    Files.createDirectories(dir.getParent());
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      ReleaseArchive.requireVersion(ReleaseArchive.unpack(artifact, dir), stop.version());
    }
    link(dir);
    out.println("bcos supervisor: switched to release " + release.toHex() + " for protocol "
        + "version " + stop.version() + " at height " + stop.height());
    return true;
  }

  /** Waits until the store has the artifact; false when stopped or the wait is too long. */
  private boolean awaitArtifact(ReleaseStore store, Hash release)
      throws InterruptedException, SupervisorException {
    long start = System.nanoTime();
    long told = Long.MIN_VALUE;
    while (!store.has(release)) {
      long now = System.nanoTime();
      if (now - start >= settings.maxWait().toNanos()) {
        throw new SupervisorException("RELEASE_NOT_FETCHED", "release " + release.toHex()
            + " did not reach " + store.path(release).getParent() + " within "
            + settings.maxWait() + "; current is unchanged");
      }
      if (told == Long.MIN_VALUE || now - told >= settings.remind().toNanos()) {
        out.println("bcos supervisor: waiting for release " + release.toHex() + "; run: bcos "
            + "upgrade fetch --from-file PATH --release " + release.toHex() + " --data "
            + settings.dataDir() + " (or --from-url URL)");
        told = now;
      }
      if (stopping.await(settings.poll().toMillis(), TimeUnit.MILLISECONDS)) return false;
    }
    return true;
  }

  /** Points {@code current} at {@code dir}: a new link under a temporary name renamed over. */
  private void link(Path dir) throws IOException {
    Path temp = home.resolve(CURRENT + ".tmp-" + ProcessHandle.current().pid());
    Files.deleteIfExists(temp);
    Files.createSymbolicLink(temp, home.relativize(dir));
    try {
      Files.move(temp, current(), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private String describeCurrent() {
    try {
      return Files.isSymbolicLink(current()) ? "-> " + Files.readSymbolicLink(current())
          : "none: this software";
    } catch (IOException e) {
      return "unreadable";
    }
  }

  /** {@code <software>-<first 8 hex digits>}, the software version reduced to safe characters. */
  static String dirName(Manifest manifest, Hash release) {
    String software = manifest.software().replaceAll("[^A-Za-z0-9._-]", "_");
    if (software.isEmpty() || software.startsWith(".")) software = "r" + software;
    return software.toLowerCase(Locale.ROOT) + "-" + release.toHex().substring(0, 8);
  }

  /** A refusal of the supervisor itself (not of an artifact), by name. */
  static final class SupervisorException extends Exception {
    final String reason;

    SupervisorException(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }
}
