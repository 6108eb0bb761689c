package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.Genesis;
import org.bcos.node.Node;
import org.bcos.node.NodeSupervisor;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.NodeConfig;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8's half-alive node: a double-sign guard that cannot write must stop signing (not sign
 * unrecorded votes), and a full disk must make the node say so, refuse transactions by name and
 * come back by itself when space returns. Disk-full cases run on a small tmpfs (root only; skipped
 * elsewhere).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeFaultsIT {
  private static final long BLOCK_MILLIS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;

  /** A dev chain prepared in {@code root}: genesis, validator key, the unlocked dev key. */
  private record Chain(Genesis genesis, Ed25519KeyPair validator, Ed25519KeyPair dev) {}

  private Chain prepare(Path dataDir) throws IOException {
    Path keys = root.resolve("keys");
    DevChain.Prepared prepared = DevChain.prepare(dataDir, new Keystore(keys),
        DevChain.DevAccounts.NONE);
    return new Chain(prepared.genesis(), prepared.validatorKey(),
        new Keystore(keys).load(DevChain.DEV_KEY_NAME, new char[0]));
  }

  private static NodeConfig config(Path dataDir, NodeConfig.Disk disk) {
    return NodeConfig.dev(dataDir, 0).withBlockInterval(BLOCK_MILLIS).withDisk(disk);
  }

  // ------------------------------------------------------------------ the double-sign guard

  @Test
  void aGuardThatCannotWriteStopsSigningAndSigningResumesWhenItCan() throws Exception {
    Path data = root.resolve("data");
    Chain chain = prepare(data);
    Path guardDir = Files.createDirectories(root.resolve("guard"));
    try (Node node = Node.start(config(data, NodeConfig.Disk.DEFAULT), chain.genesis(),
        chain.validator(), guardDir.resolve(Node.GUARD_FILE))) {
      await(() -> node.ledger().head().height() >= 3, "first blocks");
      breakDirectory(guardDir);
      await(() -> fault(node, "SIGNING_GUARD_UNAVAILABLE"), "the guard's failure in /health");
      long stalled = node.ledger().head().height();
      Thread.sleep(10 * BLOCK_MILLIS);
      // before the fix the validator went on signing unrecorded votes: a block every 200 ms
      assertTrue(node.ledger().head().height() <= stalled + 1,
          "blocks committed although their votes could not be recorded: "
              + stalled + " -> " + node.ledger().head().height());
      assertEquals(503, health(node).statusCode());
      RpcError refused = assertThrows(RpcError.class, () -> client(node).send(transfer(node,
          chain)));
      assertEquals("NODE_UNHEALTHY", refused.reason());

      repairDirectory(guardDir);
      long resumed = node.ledger().head().height();
      await(() -> node.ledger().head().height() >= resumed + 3, "signing to resume");
      await(() -> !fault(node, "SIGNING_GUARD_UNAVAILABLE"), "the fault to clear");
      Hash sent = client(node).send(transfer(node, chain));
      assertEquals("final", client(node).awaitFinal(sent, Duration.ofSeconds(30))
          .path("status").asText());
    }
  }

  // ------------------------------------------------------------------ the disk

  @Test
  void lowDiskSpaceStopsAdmissionWhileBlocksGoOn() throws Exception {
    Path data = root.resolve("data");
    Chain chain = prepare(data);
    long huge = 1L << 49; // more than any disk here has free: the critical level is crossed
    NodeConfig.Disk levels = new NodeConfig.Disk(huge, huge, 200);
    try (Node node = Node.start(config(data, levels), chain.genesis(), chain.validator(),
        root.resolve(Node.GUARD_FILE))) {
      await(() -> fault(node, "DISK_SPACE_CRITICAL"), "the critical disk level");
      assertEquals(503, health(node).statusCode());
      RpcError refused = assertThrows(RpcError.class, () -> client(node).send(transfer(node,
          chain)));
      assertEquals("NODE_UNHEALTHY", refused.reason());
      assertTrue(refused.getMessage().contains("DISK_SPACE_CRITICAL"), refused.getMessage());
      long h = node.ledger().head().height();
      await(() -> node.ledger().head().height() >= h + 2, "blocks to go on");
    }
  }

  @Test
  void aFullDiskMakesTheNodeUnhealthyAndItResumesWhenSpaceReturns() throws Exception {
    Path disk = mountSmallTmpfs();
    try {
      Path data = disk.resolve("data");
      Chain chain = prepare(data);
      NodeConfig config = config(data, new NodeConfig.Disk(0, 0, 200));
      Path guard = root.resolve(Node.GUARD_FILE); // beside the key, off the full disk
      try (NodeSupervisor supervisor = NodeSupervisor.start(
          () -> Node.start(config, chain.genesis(), chain.validator(), guard), config)) {
        await(() -> supervisor.node().ledger().head().height() >= 2, "first blocks");
        Path ballast = fill(disk);
        await(() -> health(supervisor.node()).statusCode() == 503, "/health to say unhealthy");
        JsonNode body = JSON.readTree(health(supervisor.node()).body());
        String faults = body.path("faults").toString();
        assertTrue(faults.contains("STORAGE_WRITE_FAILED")
            || faults.contains("CONSENSUS_LOG_FAILED"), faults);
        RpcError refused = assertThrows(RpcError.class,
            () -> client(supervisor.node()).send(transfer(supervisor.node(), chain)));
        assertEquals("NODE_UNHEALTHY", refused.reason());
        long stopped = supervisor.node().ledger().head().height();
        Thread.sleep(5 * BLOCK_MILLIS);
        assertTrue(supervisor.node().ledger().head().height() <= stopped + 1);

        Files.delete(ballast);
        await(() -> supervisor.node().ledger().head().height() >= stopped + 3, "blocks again");
        await(() -> health(supervisor.node()).statusCode() == 200, "/health to recover");
        Hash sent = client(supervisor.node()).send(transfer(supervisor.node(), chain));
        assertEquals("final", client(supervisor.node()).awaitFinal(sent, Duration.ofSeconds(30))
            .path("status").asText());
      }
    } finally {
      unmount(disk);
    }
  }

  @Test
  void aStoreThatRefusesABlockHaltsTheNodeAndTheSupervisorRestartsIt() throws Exception {
    Path disk = mountSmallTmpfs();
    try {
      Path data = Files.createDirectories(root.resolve("data"));
      // only RocksDB is on the small disk: its write fails first, not the consensus log's
      Files.createSymbolicLink(data.resolve("db"), Files.createDirectories(disk.resolve("db")));
      Chain chain = prepare(data);
      NodeConfig config = config(data, new NodeConfig.Disk(0, 0, 200));
      Path guard = root.resolve(Node.GUARD_FILE);
      try (NodeSupervisor supervisor = NodeSupervisor.start(
          () -> Node.start(config, chain.genesis(), chain.validator(), guard), config)) {
        Node first = supervisor.node();
        await(() -> first.ledger().head().height() >= 2, "first blocks");
        Path ballast = fill(disk);
        await(() -> first.halted().isDone(), "the node to halt on the failed write");
        assertTrue(fault(first, "STORAGE_WRITE_FAILED"));
        assertEquals(503, health(first).statusCode());
        long stopped = first.ledger().head().height();
        assertEquals(0, supervisor.restarts());

        Files.delete(ballast);
        await(() -> supervisor.restarts() == 1, "the supervisor's restart");
        Node second = supervisor.node();
        assertFalse(second == first);
        assertTrue(second.ledger().head().height() >= stopped, "no committed block lost");
        await(() -> second.ledger().head().height() >= stopped + 3, "blocks after the restart");
        assertEquals(200, health(second).statusCode());
      }
    } finally {
      unmount(disk);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static boolean fault(Node node, String name) {
    try {
      return JSON.readTree(health(node).body()).path("faults").toString().contains(name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> health(Node node) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + node.rpcAddress().getPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static BcosClient client(Node node) {
    return new BcosClient("http://127.0.0.1:" + node.rpcAddress().getPort());
  }

  private static Transaction transfer(Node node, Chain chain) {
    long nonce = node.ledger().account(chain.dev().address()).orElseThrow().nonce();
    long next = node.mempool().pendingNonce(chain.dev().address(), nonce);
    return Transactions.transfer(chain.genesis().params().chainId(), chain.dev(), next,
        chain.genesis().params().minFeeUnits(), node.ledger().head().height() + 1_000,
        InProcessNode.freshKey().address(), 1, "");
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(50);
    }
  }

  /** Makes every write under {@code dir} fail (as a full disk would): a file takes its place. */
  private static void breakDirectory(Path dir) throws IOException {
    Files.move(dir, dir.resolveSibling(dir.getFileName() + ".aside"));
    Files.write(dir, new byte[0]);
  }

  private static void repairDirectory(Path dir) throws IOException {
    Files.delete(dir);
    Files.move(dir.resolveSibling(dir.getFileName() + ".aside"), dir);
  }

  /**
   * A 12 MiB tmpfs: smaller than RocksDB's log preallocation, so once it is full the next write
   * fails at once (on a large disk the preallocated log would absorb megabytes first).
   */
  private Path mountSmallTmpfs() throws IOException, InterruptedException {
    Path mount = Files.createDirectories(root.resolve("disk"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs",
        mount.toString()).redirectErrorStream(true).start();
    boolean mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    assumeTrue(mounted, "cannot mount a tmpfs here (needs root): "
        + new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    return mount;
  }

  private static void unmount(Path mount) throws IOException, InterruptedException {
    new ProcessBuilder("umount", "-l", mount.toString()).redirectErrorStream(true).start()
        .waitFor(10, TimeUnit.SECONDS);
  }

  /** Writes a ballast file until the disk is full; returns it (delete it to free the space). */
  private static Path fill(Path disk) throws IOException {
    Path ballast = disk.resolve("ballast");
    byte[] random = new byte[64 * 1024];
    new java.util.Random(8).nextBytes(random);
    try (var out = java.nio.channels.FileChannel.open(ballast,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      for (int chunk = random.length; chunk >= 1; chunk /= 4) {
        try {
          while (true) out.write(java.nio.ByteBuffer.wrap(random, 0, chunk));
        } catch (IOException full) {
          // no space for a chunk this big: go on with smaller ones, down to single bytes
        }
      }
    }
    return ballast;
  }
}
