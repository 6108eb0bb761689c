package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bcos.client.BcosClient;
import org.bcos.consensus.Signer;
import org.bcos.consensus.Vote;
import org.bcos.consensus.VoteType;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.node.NetworkService;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.GenesisFile;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.consensus.ConsensusWire;
import org.bcos.p2p.MessageType;
import org.bcos.p2p.NodeIdentity;
import org.bcos.p2p.P2pHandler;
import org.bcos.p2p.Peer;
import org.bcos.p2p.PeerManager;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
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
 * A 4-validator testnet of real node processes on loopback, driven through {@code bcos testnet}:
 * finality with one node killed, a safe halt with two killed and recovery when one returns, a
 * killed node catching up, a rebuild of three wiped nodes from the single survivor, and slashing
 * of a validator whose conflicting votes a peer relays. The steps share one network and run in
 * order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class ValidatorNetworkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int NODES = 4;

  @TempDir static Path root;
  private Path dir;
  private Path home;
  private TestnetDriver nodes;
  private List<BcosClient> clients;
  private PeerManager rogue;

  @BeforeAll
  void init() throws Exception {
    nodes = new TestnetDriver(root, NODES);
    dir = nodes.dir;
    home = nodes.home;
    nodes.init(500);
    clients = nodes.all();
    nodes.startAll();
  }

  @AfterAll
  void stopAll() throws Exception {
    if (rogue != null) rogue.close();
    if (nodes != null) nodes.stopAll("testnet-it-logs");
  }

  // ---------------------------------------------------------------- steps

  @Test
  @Order(1)
  void allFourFinaliseTheSameChainAndATransferSentToOneIsFinalOnAllOnce() throws Exception {
    nodes.awaitHeight(List.of(1, 2, 3, 4), 3);
    JsonNode status = clients.getFirst().status();
    assertEquals(4, status.path("validators").size(), status.toString());
    assertTrue(status.path("lastCommit").path("signers").asInt() >= 3, status.toString());
    Ed25519KeyPair dev = new Keystore(home.resolve("keys")).load(DevChain.DEV_KEY_NAME,
        new char[0]);
    BcosClient via = clients.get(2);
    Address to = Ed25519KeyPair.generate(new SecureRandom()).address();
    Transaction tx = org.bcos.client.Transactions.transfer(via.chainId(), dev, 0, 10_000,
        via.height() + 100, to, 4_200_000_000L, "");
    Hash hash = via.send(tx);
    long height = via.awaitFinal(hash, WAIT).path("height").asLong();
    nodes.awaitHeight(List.of(1, 2, 3, 4), height);
    for (BcosClient c : clients) {
      assertEquals("final", c.transaction(hash).path("status").asText());
      assertEquals(height, c.transaction(hash).path("height").asLong());
      assertEquals("4200000000", c.account(to, false).path("balanceUnits").asText());
    }
    nodes.assertSameChain(List.of(1, 2, 3, 4));
  }

  @Test
  @Order(2)
  void oneNodeKilledTheOthersKeepFinalising() throws Exception {
    kill(4);
    long h = nodes.maxHeight(List.of(1, 2, 3));
    nodes.awaitHeight(List.of(1, 2, 3), h + 5);
    nodes.assertSameChain(List.of(1, 2, 3));
  }

  @Test
  @Order(3)
  void twoNodesKilledFinalityStopsWithoutAForkAndResumesWhenOneReturns() throws Exception {
    kill(3);
    Thread.sleep(2_000); // let a block in flight land
    long stalled = nodes.maxHeight(List.of(1, 2));
    Thread.sleep(6_000);
    assertTrue(nodes.maxHeight(List.of(1, 2)) <= stalled + 1,
        "half the stake must not finalise: " + stalled + " -> " + nodes.maxHeight(List.of(1, 2)));
    nodes.assertSameChain(List.of(1, 2));
    start(3);
    nodes.awaitHeight(List.of(1, 2, 3), stalled + 3);
    nodes.assertSameChain(List.of(1, 2, 3));
  }

  @Test
  @Order(4)
  void aKilledNodeRestartsAndCatchesUp() throws Exception {
    start(4);
    nodes.awaitCatchUp(4, List.of(1, 2, 3));
  }

  @Test
  @Order(5)
  void threeWipedNodesRebuildFromTheSingleSurvivorAndTheNetworkResumes() throws Exception {
    kill(2);
    kill(3);
    kill(4);
    long survivorHeight = nodes.height(1);
    for (int i = 2; i <= 4; i++) {
      CliProcess.Run reset = cli("testnet", "reset", "--dir", dir.toString(), "--node",
          Integer.toString(i));
      assertEquals(0, reset.exitCode(), reset.stderr());
      assertTrue(Files.notExists(dir.resolve("node" + i).resolve("data")), "data of node " + i);
    }
    Thread.sleep(1_500);
    assertTrue(nodes.height(1) <= survivorHeight + 1, "one node of four cannot finalise alone");
    for (int i = 2; i <= 4; i++) start(i);
    nodes.awaitHeight(List.of(1, 2, 3, 4), survivorHeight + 3);
    nodes.assertSameChain(List.of(1, 2, 3, 4));
    // every kill and restart so far replayed its consensus log without double-signing
    for (BcosClient c : clients) assertEquals(4, c.status().path("validators").size());
  }

  @Test
  @Order(6)
  void aValidatorWhoseConflictingVotesAreRelayedIsSlashedAndRemoved() throws Exception {
    Ed25519KeyPair offender = DevChain.loadOrCreateValidatorKey(
        dir.resolve("node4").resolve("validator.key"));
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    Ledger scratch = Ledger.open(new InMemoryStore(), genesis, SignatureCheck.withBestVerifier());
    int node1P2p = JSON.readTree(dir.resolve("node1").resolve("node.json").toFile())
        .path("p2pListenPort").asInt();
    rogue = new PeerManager(NetworkService.p2pConfig(new NodeConfig.P2p("127.0.0.1", 0,
        List.of("127.0.0.1:" + node1P2p), root.resolve("rogue.key")), scratch),
        NodeIdentity.generate(new SecureRandom(), genesis.params().nodeIdPowBits()),
        new SecureRandom());
    rogue.start(new P2pHandler() {
      @Override
      public void onMessage(Peer peer, MessageType type, byte[] body) {}
    });
    await("the rogue peer connected", () -> !rogue.peers().isEmpty());
    long h = clients.getFirst().status().path("consensus").path("height").asLong() + 1;
    String chain = genesis.params().chainId();
    for (int b = 1; b <= 2; b++) {
      byte[] value = new byte[32];
      value[0] = (byte) b;
      Vote v = Vote.sign(chain, VoteType.PREVOTE, h, 0, Hash.wrap(value), Signer.of(offender));
      rogue.peers().getFirst().send(MessageType.CONSENSUS, ConsensusWire.encode(v));
    }
    await("the offender removed from the validator set", () -> {
      JsonNode vs = clients.getFirst().status().path("validators");
      if (vs.size() != 3) return false;
      for (JsonNode v : vs) {
        if (v.path("address").asText().equals(offender.address().toString())) return false;
      }
      return true;
    });
    nodes.awaitHeight(List.of(1, 2, 3, 4), nodes.maxHeight(List.of(1)) + 3);
    nodes.assertSameChain(List.of(1, 2, 3, 4));
    for (BcosClient c : clients) assertEquals(3, c.status().path("validators").size());
  }

  // ---------------------------------------------------------------- helpers

  private void kill(int node) throws Exception {
    nodes.kill(node);
  }

  private void start(int node) throws Exception {
    nodes.start(node);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(what, WAIT, condition);
  }

  private CliProcess.Run cli(String... args) throws Exception {
    return nodes.cli(args);
  }
}
