package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.node.Node;
import org.bcos.node.config.NodeConfig;
import org.bcos.types.Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release artifact spreads over P2P between two nodes in this JVM: the operator puts it on the
 * validator with {@code bcos upgrade fetch --from-file}, the follower gets it with {@code bcos
 * upgrade fetch} (from peers), verified against the hash its genesis plans, in 1 MiB chunks.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ReleaseFetchIT {
  @TempDir Path root;
  private InProcessNode validator;
  private Node follower;

  @AfterEach
  void stopAll() {
    if (follower != null) follower.close();
    if (validator != null) validator.close();
  }

  private static InProcessCli.Run cli(String... args) {
    return InProcessCli.run(args);
  }

  @Test
  void anArtifactPutOnOneNodeIsFetchedByAnotherFromItsPeers() throws Exception {
    // a release of a version above any this software ships, with 3 MiB that gzip cannot shrink:
    // four 1 MiB chunks
    int next = org.bcos.ledger.Modules.VERSIONS.latest().version() + 1;
    String name = "v" + next;
    List<Integer> versions = java.util.stream.IntStream.rangeClosed(1, next).boxed().toList();
    byte[] payload = new byte[3 * (1 << 20) + 17];
    new java.util.Random(5).nextBytes(payload);
    byte[] artifact = TestReleases.release(versions, "#!/bin/sh\nexit 0\n",
        org.bcos.node.release.ReleaseArchive.FileEntry.of("lib/payload.jar", payload, false));
    Hash release = Hash.wrap(MessageDigest.getInstance("SHA-256").digest(artifact));
    Path file = Files.write(root.resolve("bcos-" + next + ".tar.gz"), artifact);
    UpgradePlan plan = new UpgradePlan(name, next, release, 1_000_000, 0);
    validator = InProcessNode.start(root.resolve("validator"),
        c -> c.withP2p(new NodeConfig.P2p("127.0.0.1", 0, List.of(),
            root.resolve("validator-node.key"))), g -> g.withUpgrades(List.of(plan)));
    String seed = "127.0.0.1:"
        + validator.node().network().orElseThrow().listenAddress().getPort();
    follower = Node.start(NodeConfig.dev(root.resolve("follower"), 0)
        .withBlockInterval(InProcessNode.BLOCK_INTERVAL_MILLIS)
        .withP2p(new NodeConfig.P2p("127.0.0.1", 0, List.of(seed),
            root.resolve("follower-node.key"))), validator.genesis, null);
    String followerRpc = "http://127.0.0.1:" + follower.rpcAddress().getPort();
    String validatorRpc = "http://127.0.0.1:" + validator.node().rpcAddress().getPort();

    InProcessCli.Run before = cli("upgrade", "status", "--rpc", followerRpc);
    assertTrue(before.out().contains("\"" + name + "\" -> version " + next)
        && before.out().contains(
        "release artifact not on the node's disk (bcos upgrade fetch)"), before.out());
    InProcessCli.Run put = cli("upgrade", "fetch", "--rpc", validatorRpc, "--data",
        validator.dataDir.toString(), "--from-file", file.toString());
    assertEquals(0, put.exit(), put.err());

    InProcessCli.Run fetched = cli("upgrade", "fetch", "--rpc", followerRpc, "--timeout-seconds", "90");
    assertEquals(0, fetched.exit(), fetched.err());
    assertTrue(fetched.out().startsWith("the node stored the verified release artifact of "
        + "upgrade \"" + name + "\" -> version " + next + ": " + artifact.length + " bytes"),
        fetched.out());
    Path stored = root.resolve("follower").resolve("releases").resolve(release.toHex());
    assertArrayEquals(artifact, Files.readAllBytes(stored));
    InProcessCli.Run after = cli("upgrade", "status", "--rpc", followerRpc);
    assertTrue(after.out().contains("release artifact verified on the node's disk"),
        after.out());
  }
}
