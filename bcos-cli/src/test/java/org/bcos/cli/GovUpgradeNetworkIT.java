package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.gov.GovModule;
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
 * Issue #11's upgrade decided by stake vote on real nodes: a 4-validator testnet started at
 * protocol version 4 (gov) with short governance periods; {@code bcos gov propose upgrade} to
 * version 5 ("batch-payments", which brings {@code coin.multiSend}) at a height H, voted yes by
 * the four validators' operators with {@code bcos gov vote}, passes. Before H every node refuses a
 * multi-send by name ({@code MESSAGE_NOT_ACTIVE}); from H it is final, sent through each node, and
 * headers carry version 5, one chain without a missed height. Node 4 runs as a release without
 * version 5 ({@code --max-protocol-version 4}): it votes, then stops before H with the line and
 * exit status 3, and rejoins when started without the cap; a node wiped after H syncs across it.
 * The steps share one network and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GovUpgradeNetworkIT {
  private static final int NODES = 4;
  private static final long BLOCK_MILLIS = 400;
  /** 20 s of 400 ms blocks: a proposal and four ballots (CLI processes) land in it. */
  private static final long VOTING_BLOCKS = 50;
  private static final long LEAD_BLOCKS = 10;
  /**
   * Blocks past the earliest H the gov module accepts: the proposal lands a block or two after
   * H is chosen, and the refusals after the vote passes need some blocks before H.
   */
  private static final long MARGIN_BLOCKS = 20;
  private static final long DEPOSIT_DDC = 100;
  private static final int VERSION = CoinMultiSend.SINCE_VERSION;
  private static final String NAME = "batch-payments";
  private static final Hash RELEASE = Hash.fromHex("b5".repeat(32));
  private static final long FEE = ChainParams.DEFAULT_MIN_FEE_UNITS;

  @TempDir static Path root;
  private TestnetDriver net;
  private CliProcess.Pending oldSoftware;
  private long h;
  private long proposal;
  private final Address alice = fresh();
  private final Address bob = fresh();

  @BeforeAll
  void init() throws Exception {
    net = new TestnetDriver(root, NODES);
    net.init(BLOCK_MILLIS, "--protocol-version", Integer.toString(GovModule.GOV_VERSION),
        "--param", "govVotingPeriodBlocks=" + VOTING_BLOCKS, "--param",
        "govDepositPeriodBlocks=20", "--param", "govUpgradeMinLeadBlocks=" + LEAD_BLOCKS,
        "--param", "govMinDepositUnits=" + DEPOSIT_DDC * Amount.UNITS_PER_DDC);
    for (int i = 1; i <= 3; i++) net.start(i);
    // node 4 runs as a release without version 5, in the foreground so its exit status is seen
    oldSoftware = net.process().start("node", "--config",
        net.nodeDir(4).resolve("node.json").toString(), "--max-protocol-version",
        Integer.toString(GovModule.GOV_VERSION));
  }

  @AfterAll
  void stopAll() throws Exception {
    if (oldSoftware != null && oldSoftware.process().isAlive()) {
      oldSoftware.process().destroy();
      oldSoftware.process().waitFor(30, TimeUnit.SECONDS);
    }
    if (net != null) net.stopAll("gov-upgrade-it-logs");
  }

  // ---------------------------------------------------------------- steps

  @Test
  @Order(1)
  void anUpgradeProposalPassesByTheOperatorsVotes() throws Exception {
    net.awaitHeight(List.of(1, 2, 3, 4), 2);
    fundOperators();
    h = net.height(1) + VOTING_BLOCKS + LEAD_BLOCKS + MARGIN_BLOCKS;
    CliProcess.Run propose = net.cliVia(1, "gov", "propose", "upgrade", "--title",
        "Batch payments", "--name", NAME, "--protocol-version", Integer.toString(VERSION),
        "--release", RELEASE.toHex(), "--height", Long.toString(h), "--deposit",
        Long.toString(DEPOSIT_DDC), "--from", "dev", "--json");
    assertEquals(0, propose.exitCode(), propose.toString());
    proposal = net.get(1).call("gov_proposals", 10).path("proposals").get(0).path("id")
        .asLong();
    assertEquals("VOTING_PERIOD", proposal().path("status").asText());
    castYesByEveryOperator();
    System.out.println("[gov-upgrade-it] four ballots final at height " + net.height(1));
    // before the plan is scheduled: refused by name on every node, node 4 included, and by the
    // node behind bcos send-many
    assertMultiSendRefusedEverywhere(List.of(1, 2, 3, 4));
    CliProcess.Run cli = net.cliVia(2, "send-many", "--to", alice + "=1", "--to", bob + "=2",
        "--from", "dev");
    assertEquals(1, cli.exitCode(), cli.toString());
    assertTrue(cli.stderr().contains("MESSAGE_NOT_ACTIVE"), cli.stderr());
    JsonNode passed = awaitClosed();
    assertEquals("PASSED", passed.path("status").asText(), passed.toString());
    JsonNode status = net.get(4).call("upgrade_status");
    assertEquals(NAME, status.path("scheduled").path("name").asText(), status.toString());
    assertEquals(h, status.path("scheduled").path("height").asLong());
    assertFalse(status.path("scheduled").path("supported").asBoolean(), "node 4 lacks it");
    assertTrue(net.get(1).call("upgrade_status").path("scheduled").path("supported")
        .asBoolean());
    System.out.println("[gov-upgrade-it] proposal at height " + passed.path("submitHeight")
        .asLong() + ", passed at " + passed.path("closedHeight").asLong() + ", H = " + h);
  }

  @Test
  @Order(2)
  void afterThePassAndBeforeTheHeightEveryNodeStillRefusesAMultiSend() throws Exception {
    long head = net.maxHeight(List.of(1, 2, 3));
    assertTrue(head < h - 1, "the step needs the head below " + (h - 1) + ", it is " + head);
    assertMultiSendRefusedEverywhere(List.of(1, 2, 3));
  }

  @Test
  @Order(3)
  void theOldSoftwareStopsBeforeTheHeightWithTheLineAndExitStatus3() throws Exception {
    UpgradeSteps.assertStoppedBeforeTheHeight(net, 4, oldSoftware.finish(),
        new UpgradeSteps.Plan(h, VERSION, NAME, RELEASE), GovModule.GOV_VERSION);
  }

  @Test
  @Order(4)
  void fromTheHeightAMultiSendIsFinalThroughEveryNodeAndHeadersCarryVersion5()
      throws Exception {
    net.awaitHeight(List.of(1, 2, 3), h + 1);
    for (int i = 1; i <= 3; i++) {
      BcosClient c = net.get(i);
      // blocks of version 3 on carry their version (header format 3)
      assertEquals(GovModule.GOV_VERSION, c.block(Long.toString(h - 1), false)
          .path("protocolVersion").asInt(), "node " + i + " block " + (h - 1));
      for (long at = h; at <= h + 1; at++) {
        assertEquals(VERSION, c.block(Long.toString(at), false).path("protocolVersion").asInt(),
            "node " + i + " block " + at);
      }
    }
    CliProcess.Run sent = net.cliVia(2, "send-many", "--to", alice + "=1", "--to",
        bob + "=2.5", "--memo", "first batch", "--from", "dev", "--json");
    assertEquals(0, sent.exitCode(), sent.toString());
    JsonNode out = sent.json();
    assertTrue(out.path("height").asLong() >= h, out.toString());
    assertEquals("3.5", out.path("total").asText(), out.toString());
    String hash = out.path("hash").asText();
    for (int i = 1; i <= 3; i++) {
      sendMultiSendThrough(i);
      for (Address recipient : List.of(alice, bob)) {
        JsonNode history = net.get(i).call("bcos_getAccountTransactions", recipient.toString());
        assertTrue(history.toString().contains(hash), "node " + i + ": " + history);
      }
    }
    CliProcess.Run shown = net.cliVia(3, "history", bob.toString());
    assertTrue(shown.stdout().contains("coin.multiSend") && shown.stdout().contains("2.5 DDC"),
        shown.stdout());
    net.assertSameChain(List.of(1, 2, 3));
    JsonNode applied = net.get(1).call("upgrade_status").path("applied");
    assertEquals(VERSION, applied.get(applied.size() - 1).path("version").asInt());
  }

  @Test
  @Order(5)
  void theStoppedNodeRejoinsWithoutTheCapAndTakesMultiSends() throws Exception {
    UpgradeSteps.assertRejoinsWithoutTheCap(net, 4, List.of(1, 2, 3));
    sendMultiSendThrough(4);
  }

  @Test
  @Order(6)
  void aNodeWipedAfterTheHeightSyncsAcrossItToTheSameStateRoot() throws Exception {
    UpgradeSteps.assertWipedNodeSyncsAcrossTheHeight(net, 3, List.of(1, 2, 4));
    CliProcess.Run supply = net.cliVia(3, "supply", "--json");
    assertEquals(0, supply.exitCode(), supply.toString());
    assertTrue(supply.json().path("whole").asBoolean(), supply.stdout());
  }

  // ---------------------------------------------------------------- helpers

  private void castYesByEveryOperator() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      List<Future<CliProcess.Run>> runs = new ArrayList<>();
      for (int i = 1; i <= NODES; i++) {
        String[] vote = {"gov", "vote", "--proposal", Long.toString(proposal), "--choice", "yes",
            "--from", net.operatorKey(i)};
        int via = i == NODES ? 1 : i;
        runs.add(pool.submit(() -> net.cliVia(via, vote)));
      }
      for (Future<CliProcess.Run> f : runs) {
        CliProcess.Run r = f.get(120, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** 10 DDC to each operator (its ballot pays the fee), four transfers in one go. */
  private void fundOperators() throws Exception {
    Ed25519KeyPair dev = net.devKey();
    BcosClient via = net.get(1);
    long nonce = via.account(dev.address(), false).path("pendingNonce").asLong();
    Hash last = null;
    for (int i = 1; i <= NODES; i++) {
      Address operator = new org.bcos.crypto.Keystore(net.home.resolve("keys"))
          .find(net.operatorKey(i)).orElseThrow().address();
      last = via.send(Transactions.transfer(via.chainId(), dev, nonce + i - 1, FEE,
          via.height() + 100, operator, 10 * Amount.UNITS_PER_DDC, ""));
    }
    via.awaitFinal(last, TestnetDriver.WAIT);
  }

  private void assertMultiSendRefusedEverywhere(List<Integer> nodes) throws Exception {
    for (int i : nodes) {
      BcosClient c = net.get(i);
      // the node checks against the rules of its next block: H - 1 is the last head to refuse
      assertTrue(c.height() < h - 1, "node " + i + " is at " + c.height()
          + ", too close to H = " + h + " for the check");
      RpcError e = assertThrows(RpcError.class, () -> c.send(multiSend(c)), "node " + i);
      assertEquals("MESSAGE_NOT_ACTIVE", e.reason(), "node " + i + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("coin.multiSend"), e.getMessage());
    }
  }

  /** A multi-send of 0.5 and 0.25 DDC from dev through node {@code node}, final. */
  private void sendMultiSendThrough(int node) throws Exception {
    BcosClient c = net.get(node);
    long height = c.awaitFinal(c.send(multiSend(c)), TestnetDriver.WAIT).path("height")
        .asLong();
    assertTrue(height >= h, "node " + node + ": final at " + height);
  }

  private Transaction multiSend(BcosClient via) throws Exception {
    Ed25519KeyPair dev = net.devKey();
    CoinMultiSend send = new CoinMultiSend(List.of(
        new CoinMultiSend.Output(alice, Amount.UNITS_PER_DDC / 2),
        new CoinMultiSend.Output(bob, Amount.UNITS_PER_DDC / 4)), "");
    long nonce = via.account(dev.address(), false).path("pendingNonce").asLong();
    return Transactions.build(via.chainId(), dev, nonce, Modules.minFeeUnits(send, FEE),
        via.height() + 100, send);
  }

  private JsonNode proposal() {
    return net.get(1).call("gov_proposal", proposal);
  }

  /** The proposal once closed; waits at most the vote's length past its end. */
  private JsonNode awaitClosed() throws InterruptedException {
    long end = proposal().path("votingEndHeight").asLong();
    net.awaitHeight(List.of(1), end + 1);
    Await.until("proposal " + proposal + " closed", TestnetDriver.WAIT,
        () -> proposal().has("closedHeight"));
    return proposal();
  }

  private static Address fresh() {
    return Ed25519KeyPair.generate(new SecureRandom()).address();
  }
}
