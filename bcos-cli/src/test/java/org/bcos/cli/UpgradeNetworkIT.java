package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.GenesisFile;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11 on real nodes: a 4-validator testnet (real processes on loopback) whose genesis plans
 * the upgrade from protocol version 2 to 3 (staking) at height {@link #H}. Every node switches at
 * H without a missed block (a bond is refused {@code STAKING_NOT_ACTIVE} before, final from H,
 * headers carry version 3 from H); node 4, started as a release without version 3 ({@code
 * --max-protocol-version 2}), stops before H with the line and exit status 3, and rejoins once
 * started without the cap; a node wiped after the upgrade syncs across H to the same chain. The
 * steps share one network and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class UpgradeNetworkIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int NODES = 4;
  /** The activation height (400 ms blocks from when the third validator is up). */
  private static final long H = 10;
  private static final Hash RELEASE = Hash.fromHex("5a".repeat(32));
  private static final long BOND_UNITS = 10 * Amount.UNITS_PER_DDC;
  private static final long FEE_UNITS = 10_000;

  @TempDir static Path root;
  private Path dir;
  private Path home;
  private TestnetDriver nodes;
  private CliProcess.Pending oldSoftware;
  private Ed25519KeyPair dev;
  private long devNonce;

  @BeforeAll
  void init() throws Exception {
    nodes = new TestnetDriver(root, NODES);
    dir = nodes.dir;
    home = nodes.home;
    // a chain at version 2 (before staking) planning staking at H
    nodes.init(400, "--protocol-version", "2", "--upgrade", "staking:"
        + StakeModule.STAKING_VERSION + ":" + H + ":" + RELEASE.toHex());
    assertEquals(List.of(new UpgradePlan("staking", StakeModule.STAKING_VERSION, RELEASE, H, 0)),
        GenesisFile.read(dir.resolve("genesis.json")).upgrades());
    dev = new Keystore(home.resolve("keys")).load(DevChain.DEV_KEY_NAME, new char[0]);
    // two of four validators make no block yet: the first step runs before any block
    start(1);
    start(2);
  }

  @AfterAll
  void stopAll() throws Exception {
    if (oldSoftware != null && oldSoftware.process().isAlive()) {
      oldSoftware.process().destroy();
      oldSoftware.process().waitFor(30, TimeUnit.SECONDS);
    }
    if (nodes != null) nodes.stopAll("upgrade-it-logs");
  }

  // ---------------------------------------------------------------- steps

  @Test
  @Order(1)
  void beforeTheHeightAStakingMessageIsRefusedByName() throws Exception {
    BcosClient via = nodes.get(1);
    long head = via.height();
    assertTrue(head < H - 1, "the test needs the head below " + (H - 1) + ", it is " + head);
    RpcError e = assertThrows(RpcError.class, () -> via.send(bond(via)));
    assertEquals("STAKING_NOT_ACTIVE", e.reason(), e.getMessage());
    JsonNode status = via.call("upgrade_status");
    assertEquals("staking", status.path("scheduled").path("name").asText(), status.toString());
    // node 4 runs as a release without version 3, in the foreground so its exit status is seen;
    // with node 3 the chain starts (whether node 4 stops from consensus or from sync, it stops)
    oldSoftware = new CliProcess(home, root).start("node", "--config",
        nodeDir(4).resolve("node.json").toString(), "--max-protocol-version", "2");
    start(3);
  }

  @Test
  @Order(2)
  void theOldSoftwareStopsBeforeTheHeightWithTheLineAndExitStatus3() throws Exception {
    UpgradeSteps.assertStoppedBeforeTheHeight(nodes, 4, oldSoftware.finish(),
        new UpgradeSteps.Plan(H, StakeModule.STAKING_VERSION, "staking", RELEASE), 2);
  }

  @Test
  @Order(3)
  void theOthersSwitchRulesAtTheHeightWithoutAMissedBlockAndAcceptAStakingMessage()
      throws Exception {
    nodes.awaitHeight(List.of(1, 2, 3), H + 1);
    BcosClient c = nodes.get(2);
    assertFalse(c.block(Long.toString(H - 1), false).has("protocolVersion"), "genesis version");
    for (long h = H; h <= H + 1; h++) {
      assertEquals(3, c.block(Long.toString(h), false).path("protocolVersion").asInt(), "" + h);
    }
    Transaction tx = bond(c);
    long height = c.awaitFinal(c.send(tx), WAIT).path("height").asLong();
    assertTrue(height >= H, "final at " + height);
    devNonce++;
    JsonNode status = c.call("upgrade_status");
    assertEquals(3, status.path("applied").get(status.path("applied").size() - 1)
        .path("version").asInt(), status.toString());
    nodes.assertSameChain(List.of(1, 2, 3));
  }

  @Test
  @Order(4)
  void theStoppedNodeRejoinsOnceStartedWithoutTheCap() throws Exception {
    UpgradeSteps.assertRejoinsWithoutTheCap(nodes, 4, List.of(1, 2, 3));
  }

  @Test
  @Order(5)
  void aNodeWipedAfterTheUpgradeSyncsAcrossTheHeightToTheSameStateRoot() throws Exception {
    UpgradeSteps.assertWipedNodeSyncsAcrossTheHeight(nodes, 3, List.of(1, 2, 4));
  }

  // ---------------------------------------------------------------- helpers

  /** A bond of 10 DDC from the dev key to node 1's validator, with the next nonce. */
  private Transaction bond(BcosClient via) {
    Address validator = Address.parse(nodes.get(1).status().path("validators").get(0)
        .path("address").asText());
    return Transactions.build(via.chainId(), dev, devNonce, FEE_UNITS, via.height() + 100,
        new StakeBond(validator, BOND_UNITS));
  }

  private Path nodeDir(int node) {
    return nodes.nodeDir(node);
  }

  private void start(int node) throws Exception {
    nodes.start(node);
  }

}
