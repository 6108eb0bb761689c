package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;

/**
 * Drives a {@code bcos testnet} of real node processes on loopback for the multi-node ITs: init
 * with ports derived from this process's id, start, kill -9 and restart single nodes, wait for
 * heights, compare chains, and keep the node logs after the run.
 */
final class TestnetDriver {
  static final Duration WAIT = Duration.ofSeconds(60);

  final Path root;
  final Path dir;
  final Path home;
  final List<BcosClient> clients = new ArrayList<>();
  private final int nodes;

  TestnetDriver(Path root, int nodes) {
    this.root = root;
    this.dir = root.resolve("tn");
    this.home = root.resolve("home");
    this.nodes = nodes;
  }

  /** {@code bcos testnet init} with 500 ms blocks and a client per node; nothing started yet. */
  void init() throws Exception {
    int rpcBase = 20_000 + (int) (ProcessHandle.current().pid() % 5_000) * 4;
    CliProcess.Run init = cli("testnet", "init", "--dir", dir.toString(), "--validators",
        Integer.toString(nodes), "--block-interval-ms", "500", "--rpc-base-port",
        Integer.toString(rpcBase), "--p2p-base-port", Integer.toString(rpcBase + 20_000),
        "--json");
    assertEquals(0, init.exitCode(), init.stderr());
    for (int i = 1; i <= nodes; i++) {
      clients.add(new BcosClient("http://127.0.0.1:" + (rpcBase + i)));
    }
  }

  void startAll() throws Exception {
    CliProcess.Run start = cli("testnet", "start", "--dir", dir.toString());
    assertEquals(0, start.exitCode(), start.stdout() + start.stderr());
  }

  /** Stops every node and copies the node logs to {@code target/logsDir} for a later look. */
  void stopAll(String logsDir) throws Exception {
    cli("testnet", "stop", "--dir", dir.toString());
    Path logs = Path.of("target", logsDir);
    Files.createDirectories(logs);
    for (int i = 1; i <= nodes; i++) {
      Path log = dir.resolve("node" + i).resolve("node.log");
      if (Files.exists(log)) {
        Files.copy(log, logs.resolve("node" + i + ".log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  void kill(int node) throws Exception {
    long pid = Long.parseLong(Files.readString(dir.resolve("node" + node).resolve("node.pid"))
        .trim());
    ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
    p.destroyForcibly();
    p.onExit().get(30, TimeUnit.SECONDS);
    CliProcess.Run stop = cli("testnet", "stop", "--dir", dir.toString(), "--node",
        Integer.toString(node)); // clears the stale pid file
    assertEquals(0, stop.exitCode(), stop.stderr());
  }

  void start(int node) throws Exception {
    CliProcess.Run start = cli("testnet", "start", "--dir", dir.toString(), "--node",
        Integer.toString(node));
    assertEquals(0, start.exitCode(), start.stdout() + start.stderr());
  }

  Optional<Long> tryHeight(int node) {
    try {
      return Optional.of(clients.get(node - 1).height());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  long height(int node) {
    return tryHeight(node).orElseThrow(() -> new AssertionError("node " + node + " unreachable"));
  }

  long maxHeight(List<Integer> nodes) {
    long max = 0;
    for (int n : nodes) max = Math.max(max, height(n));
    return max;
  }

  void awaitHeight(List<Integer> nodes, long target) throws InterruptedException {
    Await.until("nodes " + nodes + " at height " + target, WAIT, () -> {
      for (int n : nodes) {
        if (tryHeight(n).orElse(-1L) < target) return false;
      }
      return true;
    });
  }

  /** The same block hash at every height up to the lowest of the nodes' heads. */
  void assertSameChain(List<Integer> nodes) {
    long top = Long.MAX_VALUE;
    for (int n : nodes) top = Math.min(top, height(n));
    for (long h = 1; h <= top; h++) {
      String expected = null;
      for (int n : nodes) {
        String hash = clients.get(n - 1).block(Long.toString(h), false).path("hash").asText();
        if (expected == null) expected = hash;
        assertEquals(expected, hash, "block " + h + " on node " + n);
      }
    }
  }

  CliProcess.Run cli(String... args) throws Exception {
    return new CliProcess(home, root).run(args);
  }
}
