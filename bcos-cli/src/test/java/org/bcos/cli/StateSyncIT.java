package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bcos.ledger.Ledger;
import org.bcos.node.Node;
import org.bcos.node.config.NodeConfig;
import org.bcos.p2p.Penalty;
import org.bcos.types.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * State sync: a validator keeps a state snapshot every 10 blocks; a fresh follower given a trusted
 * height and block hash restores that state from it (without replaying the blocks below), checks
 * it against the block's state root, then syncs blocks from there to the same chain. A wrong
 * trusted hash restores nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StateSyncIT {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path root;
  private InProcessNode validator;
  private Node follower;

  @BeforeEach
  void startValidator() throws Exception {
    validator = InProcessNode.start(root.resolve("validator"), c -> c.withP2p(
        new NodeConfig.P2p("127.0.0.1", 0, List.of(), root.resolve("v.key"), 10, 0, "")));
  }

  @AfterEach
  void stop() {
    if (follower != null) follower.close();
    if (validator != null) validator.close();
  }

  private Node startFollower(long trustHeight, String trustHash) throws Exception {
    String seed = "127.0.0.1:"
        + validator.node().network().orElseThrow().listenAddress().getPort();
    NodeConfig config = NodeConfig.dev(root.resolve("follower"), 0)
        .withBlockInterval(InProcessNode.BLOCK_INTERVAL_MILLIS)
        .withP2p(new NodeConfig.P2p("127.0.0.1", 0, List.of(seed), root.resolve("f.key"),
            10, trustHeight, trustHash));
    return Node.start(config, validator.genesis, null);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(what, WAIT, condition);
  }

  @Test
  void freshFollowerStartsFromTheTrustedSnapshotAndFollowsTheChain() throws Exception {
    Address funded = InProcessNode.freshKey().address();
    validator.fund(funded, 7_654_321);
    Path snapshots = validator.dataDir.resolve("snapshots");
    await("a snapshot at height 20", () -> Files.isDirectory(snapshots.resolve("20")));
    Ledger main = validator.node().ledger();
    String trusted = main.block(20).orElseThrow().hash().toHex();
    follower = startFollower(20, trusted);
    Ledger f = follower.ledger();
    await("the follower restored height 20", () -> f.head().height() >= 20);
    assertTrue(f.block(5).isEmpty(), "blocks below the snapshot are not replayed");
    assertEquals(7_654_321, f.account(funded).orElseThrow().balanceUnits());
    long target = validator.height() + 3;
    await("the follower follows on", () -> f.head().height() >= target);
    for (long h = 20; h <= f.head().height(); h++) {
      assertEquals(main.block(h).orElseThrow().hash(), f.block(h).orElseThrow().hash());
      assertEquals(main.block(h).orElseThrow().header().stateRoot(),
          f.block(h).orElseThrow().header().stateRoot());
    }
    assertEquals(main.validatorSetAt(target), f.validatorSetAt(target));
  }

  @Test
  void wrongTrustedHashRestoresNothingAndBlamesNoOne() throws Exception {
    Path snapshots = validator.dataDir.resolve("snapshots");
    await("a snapshot at height 10", () -> Files.isDirectory(snapshots.resolve("10")));
    follower = startFollower(10, "ab".repeat(32));
    Thread.sleep(3_000);
    assertEquals(0, follower.ledger().head().height(), "nothing restored, no block replayed");
    assertTrue(follower.network().orElseThrow().isStateSyncing());
    var metrics = follower.network().orElseThrow().peerManager().metrics();
    assertEquals(0, metrics.penaltyCount(Penalty.INVALID_BLOCK));
  }
}
