package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bcos.client.BcosClient;

/**
 * The RPC clients of a testnet's nodes (node i is {@code get(i)}, 1-based) and what the testnet
 * ITs ask of them: heights, waiting for heights, and that nodes hold the same chain.
 */
final class TestnetClients {
  private final List<BcosClient> clients;
  private final Duration wait;

  /** Clients of nodes 1..{@code nodes} at {@code http://127.0.0.1:rpcBase+i}. */
  TestnetClients(int rpcBase, int nodes, Duration wait) {
    this.clients = java.util.stream.IntStream.rangeClosed(1, nodes)
        .mapToObj(i -> new BcosClient("http://127.0.0.1:" + (rpcBase + i))).toList();
    this.wait = wait;
  }

  /**
   * Runs {@code bcos testnet init} of {@code nodes} validators in {@code dir} with RPC ports
   * {@code rpcBase + i} and P2P ports {@code p2pBase + i}; the clients of its nodes.
   */
  static TestnetClients init(CliProcess cli, java.nio.file.Path dir, int nodes,
      long blockIntervalMillis, int rpcBase, int p2pBase, Duration wait) throws Exception {
    CliProcess.Run init = cli.run("testnet", "init", "--dir", dir.toString(), "--validators",
        Integer.toString(nodes), "--block-interval-ms", Long.toString(blockIntervalMillis),
        "--rpc-base-port", Integer.toString(rpcBase), "--p2p-base-port",
        Integer.toString(p2pBase), "--json");
    assertEquals(0, init.exitCode(), init.stderr());
    return new TestnetClients(rpcBase, nodes, wait);
  }

  BcosClient get(int node) {
    return clients.get(node - 1);
  }

  List<BcosClient> all() {
    return clients;
  }

  /** The node's height, empty while it does not answer. */
  Optional<Long> tryHeight(int node) {
    try {
      return Optional.of(get(node).height());
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
    Await.until("nodes " + nodes + " at height " + target, wait, () -> {
      for (int n : nodes) {
        if (tryHeight(n).orElse(-1L) < target) return false;
      }
      return true;
    });
  }

  /**
   * {@code node}, (re)started, reaches the head of {@code others}; then all of them go two blocks
   * further on one chain.
   */
  void awaitCatchUp(int node, List<Integer> others) throws InterruptedException {
    awaitHeight(List.of(node), maxHeight(others));
    List<Integer> all = new java.util.ArrayList<>(others);
    all.add(node);
    awaitHeight(all, maxHeight(List.of(others.getFirst())) + 2);
    assertSameChain(all);
  }

  /** Copies each node's log of the testnet in {@code dir} into {@code target}, for a look after. */
  static void keepLogs(java.nio.file.Path dir, int nodes, java.nio.file.Path target)
      throws java.io.IOException {
    java.nio.file.Files.createDirectories(target);
    for (int i = 1; i <= nodes; i++) {
      java.nio.file.Path log = dir.resolve("node" + i).resolve("node.log");
      if (java.nio.file.Files.exists(log)) {
        java.nio.file.Files.copy(log, target.resolve("node" + i + ".log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The same block hash (so the same state root) at every height up to the lowest head. */
  void assertSameChain(List<Integer> nodes) {
    long top = Long.MAX_VALUE;
    for (int n : nodes) top = Math.min(top, height(n));
    for (long h = 1; h <= top; h++) {
      String expected = null;
      for (int n : nodes) {
        String hash = get(n).block(Long.toString(h), false).path("hash").asText();
        if (expected == null) expected = hash;
        assertEquals(expected, hash, "block " + h + " on node " + n);
      }
    }
  }
}
