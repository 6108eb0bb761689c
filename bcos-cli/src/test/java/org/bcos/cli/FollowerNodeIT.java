package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bcos.client.BcosClient;
import org.bcos.consensus.CommitCertificate;
import org.bcos.consensus.Proposal;
import org.bcos.consensus.Signer;
import org.bcos.consensus.Vote;
import org.bcos.consensus.VoteType;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.node.NetworkService;
import org.bcos.node.Node;
import org.bcos.node.config.NodeConfig;
import org.bcos.p2p.MessageType;
import org.bcos.p2p.NodeIdentity;
import org.bcos.p2p.P2pHandler;
import org.bcos.p2p.Peer;
import org.bcos.p2p.PeerManager;
import org.bcos.p2p.Penalty;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator node and a follower node in this JVM, connected over loopback P2P: the follower
 * syncs by re-executing every block, relays transactions to the validator, catches up after a
 * restart, and scores down a peer serving invalid blocks.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FollowerNodeIT {
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir Path root;
  private InProcessNode validator;
  private Node follower;
  private PeerManager rogue;

  @BeforeEach
  void startValidator() throws Exception {
    validator = InProcessNode.start(root.resolve("validator"),
        c -> c.withP2p(p2p(root.resolve("validator-node.key"), List.of())));
    assertTrue(validator.node().isValidator());
  }

  @AfterEach
  void stopAll() {
    if (follower != null) follower.close();
    if (rogue != null) rogue.close();
    if (validator != null) validator.close();
  }

  private static NodeConfig.P2p p2p(Path keyFile, List<String> seeds) {
    return new NodeConfig.P2p("127.0.0.1", 0, seeds, keyFile);
  }

  private String validatorSeed() {
    return "127.0.0.1:" + validator.node().network().orElseThrow().listenAddress().getPort();
  }

  private Node startFollower(List<String> seeds) throws Exception {
    NodeConfig config = NodeConfig.dev(root.resolve("follower"), 0)
        .withBlockInterval(InProcessNode.BLOCK_INTERVAL_MILLIS)
        .withP2p(p2p(root.resolve("follower-node.key"), seeds));
    Node node = Node.start(config, validator.genesis, null);
    assertFalse(node.isValidator());
    return node;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(what, WAIT, condition);
  }

  private void awaitSynced(Node node) throws InterruptedException {
    long target = validator.height();
    await("follower at height " + target, () -> node.ledger().head().height() >= target);
  }

  /** Same block hash and state root at every height up to the follower's head. */
  private void assertSameChain(Ledger follower) {
    Ledger main = validator.node().ledger();
    long head = follower.head().height();
    assertTrue(head <= main.head().height());
    for (long h = 0; h <= head; h++) {
      Block a = main.block(h).orElseThrow();
      Block b = follower.block(h).orElseThrow();
      assertEquals(a.hash(), b.hash(), "block hash at height " + h);
      assertEquals(a.header().stateRoot(), b.header().stateRoot(), "state root at height " + h);
    }
  }

  @Test
  void followerSyncsFromGenesisWithTheSameHashesAndStateRoots() throws Exception {
    Address to = InProcessNode.freshKey().address();
    validator.fund(to, 5_000_000);
    await("a few blocks", () -> validator.height() >= 5);
    follower = startFollower(List.of(validatorSeed()));
    awaitSynced(follower);
    assertSameChain(follower.ledger());
    assertEquals(5_000_000, follower.ledger().account(to).orElseThrow().balanceUnits());
    assertTrue(follower.ledger().head().height() >= 5);
  }

  @Test
  void transferSentToTheFollowerBecomesFinalOnBothNodesOnce() throws Exception {
    follower = startFollower(List.of(validatorSeed()));
    awaitSynced(follower);
    BcosClient followerClient =
        new BcosClient("http://127.0.0.1:" + follower.rpcAddress().getPort());
    Address to = InProcessNode.freshKey().address();
    Transaction tx = validator.transfer(validator.dev,
        validator.pendingNonce(validator.dev.address()), to, 1_234_567);
    Hash hash = followerClient.send(tx);
    assertEquals("final",
        followerClient.awaitFinal(hash, InProcessNode.FINAL_TIMEOUT).path("status").asText());
    validator.awaitFinal(hash);
    long height = validator.node().ledger().txLocation(hash).orElseThrow().height();
    assertEquals(height, follower.ledger().txLocation(hash).orElseThrow().height());
    int occurrences = 0;
    Ledger main = validator.node().ledger();
    for (long h = 1; h <= main.head().height(); h++) {
      for (Transaction t : main.block(h).orElseThrow().transactions()) {
        if (t.hash().equals(hash)) occurrences++;
      }
    }
    assertEquals(1, occurrences);
    assertEquals(1_234_567, follower.ledger().account(to).orElseThrow().balanceUnits());
    assertFalse(follower.mempool().contains(hash));
    assertFalse(validator.node().mempool().contains(hash));
    awaitSynced(follower);
    assertSameChain(follower.ledger());
  }

  @Test
  void stoppedFollowerCatchesUpAfterRestart() throws Exception {
    follower = startFollower(List.of(validatorSeed()));
    awaitSynced(follower);
    long stoppedAt = follower.ledger().head().height();
    follower.close();
    follower = null;
    Address to = InProcessNode.freshKey().address();
    validator.fund(to, 777);
    await("blocks missed by the follower", () -> validator.height() >= stoppedAt + 10);
    follower = startFollower(List.of(validatorSeed()));
    assertTrue(follower.ledger().head().height() <= stoppedAt);
    awaitSynced(follower);
    assertSameChain(follower.ledger());
    assertEquals(777, follower.ledger().account(to).orElseThrow().balanceUnits());
  }

  @Test
  void peerServingInvalidBlocksIsPenalisedAndTheFollowerKeepsTheRightChain() throws Exception {
    Ledger main = validator.node().ledger();
    AtomicInteger forged = new AtomicInteger();
    NodeIdentity rogueId =
        NodeIdentity.generate(new SecureRandom(), main.params().nodeIdPowBits());
    rogue = new PeerManager(NetworkService.p2pConfig(p2p(root.resolve("unused"), List.of()), main),
        rogueId, new SecureRandom());
    // Answers every block request with a block that links to the right parent, signed and
    // certified by a key that is not a validator.
    P2pHandler forger = new P2pHandler() {
      @Override
      public void onMessage(Peer peer, MessageType type, byte[] body) {
        if (type != MessageType.BLOCK_REQUEST) return;
        long h = new Decoder(body).u64();
        Block parent = main.block(h - 1).orElse(null);
        if (parent == null) return;
        BlockHeader header = new BlockHeader(parent.header().chainId(), h,
            parent.header().timeMillis(), parent.hash(), parent.header().txRoot(),
            parent.header().stateRoot(), validator.validator(), 0);
        var key = InProcessNode.freshKey();
        byte[] block = new Block(header, key.sign(header.hash().toBytes()), List.of()).encode();
        Vote precommit = Vote.sign(main.params().chainId(), VoteType.PRECOMMIT, h, 0,
            Proposal.valueId(block), Signer.of(key));
        byte[] cert = CommitCertificate.of(h, 0, precommit.valueId(), List.of(precommit)).encode();
        peer.send(MessageType.BLOCK,
            new Encoder(block.length + 200).bytes(block).bytes(cert).u64(h).toByteArray());
        forged.incrementAndGet();
      }
    };
    int roguePort = rogue.start(forger).getPort();
    follower = startFollower(List.of("127.0.0.1:" + roguePort, validatorSeed()));
    var followerPeers = follower.network().orElseThrow().peerManager();
    await("a penalty for the forged block",
        () -> followerPeers.metrics().penaltyCount(Penalty.INVALID_BLOCK) >= 1);
    assertTrue(forged.get() >= 1);
    awaitSynced(follower);
    assertSameChain(follower.ledger());
    long before = follower.ledger().head().height();
    await("the follower keeps following", () -> follower.ledger().head().height() >= before + 3);
    assertSameChain(follower.ledger());
    List<Long> scores = new ArrayList<>();
    followerPeers.peer(rogueId.nodeId()).ifPresent(p -> scores.add((long) followerPeers.score(p)));
    assertTrue(followerPeers.isBanned(rogueId.nodeId()) || scores.stream().allMatch(s -> s < 0),
        "the rogue peer is scored down or banned");
  }
}
