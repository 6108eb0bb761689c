package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.bcos.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Network-level bad input against a node that also has a good peer: each case is penalised with
 * its named reason, the offender is dropped, and the node keeps serving the good peer.
 */
@Timeout(30)
class BadInputTest {
  private TestNode node;
  private TestNode good;

  @BeforeEach
  void startNodeWithAGoodPeer() throws Exception {
    node = TestNode.start(TestNode.config().sendQueueLength(8).build());
    good = TestNode.start(TestNode.config(node.hostPort()).build());
    TestNode.await("good peer connected", 5_000, () -> node.connectedTo(good) && good.connectedTo(node));
  }

  @AfterEach
  void stop() {
    good.close();
    node.close();
  }

  private long count(Penalty p) {
    return node.manager.metrics().penaltyCount(p);
  }

  private void assertStillServesGoodPeer() throws Exception {
    byte[] msg = ("still alive " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    assertTrue(good.peerOf(node).send(MessageType.CONSENSUS, msg));
    assertArrayEquals(msg, node.expect(MessageType.CONSENSUS, 5_000).body());
    assertTrue(node.peerOf(good).send(MessageType.CONSENSUS, msg));
    assertArrayEquals(msg, good.expect(MessageType.CONSENSUS, 5_000).body());
  }

  private RawPeer connect() throws Exception {
    return new RawPeer(node.address.getPort(), 0);
  }

  @Test
  void garbageInsteadOfAHandshakeIsPenalisedAndDropped() throws Exception {
    try (RawPeer raw = connect()) {
      byte[] garbage = new byte[100];
      TestNode.RANDOM.nextBytes(garbage);
      raw.sendFrame(garbage);
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.HANDSHAKE_FAILED));
    assertStillServesGoodPeer();
  }

  @Test
  void oversizedFrameHeaderIsRefusedBeforeItsBody() throws Exception {
    try (RawPeer raw = connect()) {
      raw.sendRaw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.OVERSIZED_FRAME));
    assertStillServesGoodPeer();
  }

  @Test
  void oversizedFrameAfterTheHandshakeIsRefused() throws Exception {
    try (RawPeer raw = connect()) {
      raw.handshake(TestNode.newIdentity(), TestNode.CHAIN);
      int tooBig = node.manager.config().maxCiphertextFrameBytes() + 1;
      raw.sendRaw(new byte[] {(byte) (tooBig >>> 24), (byte) (tooBig >>> 16), (byte) (tooBig >>> 8), (byte) tooBig});
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.OVERSIZED_FRAME));
    assertStillServesGoodPeer();
  }

  @Test
  void frameThatFailsDecryptionIsPenalisedAndDropped() throws Exception {
    try (RawPeer raw = connect()) {
      raw.handshake(TestNode.newIdentity(), TestNode.CHAIN);
      TestNode.await("raw peer registered", 5_000, () -> node.manager.peers().size() == 2);
      byte[] forged = new byte[40];
      TestNode.RANDOM.nextBytes(forged);
      raw.sendFrame(forged);
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.DECRYPT_FAILED));
    assertStillServesGoodPeer();
  }

  @Test
  void replayedFrameFailsDecryption() throws Exception {
    try (RawPeer raw = connect()) {
      raw.handshake(TestNode.newIdentity(), TestNode.CHAIN);
      byte[] frame = raw.transport.send().encryptWithAd(new byte[0], P2pMessages.envelope(MessageType.PING, P2pMessages.ping(7)));
      raw.sendFrame(frame);
      raw.sendFrame(frame);
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.DECRYPT_FAILED));
    assertStillServesGoodPeer();
  }

  @Test
  void wrongChainIdInTheHandshakeIsRefusedWithItsReason() throws Exception {
    try (RawPeer raw = connect()) {
      raw.handshake(TestNode.newIdentity(), "another-chain");
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.WRONG_CHAIN_ID));
    assertEquals(1, node.manager.peers().size());
    assertStillServesGoodPeer();
  }

  @Test
  void identityBelowThePowDifficultyIsRefused() throws Exception {
    NodeIdentity weak = PeerManagerTest.weakIdentity(TestNode.POW_BITS);
    try (RawPeer raw = connect()) {
      raw.handshake(weak, TestNode.CHAIN);
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.POW_TOO_LOW));
    assertStillServesGoodPeer();
  }

  @Test
  void signatureOverAnotherNoiseKeyIsRefused() throws Exception {
    NodeIdentity victim = TestNode.newIdentity();
    byte[] otherStatic = X25519.generate(TestNode.RANDOM).publicKey();
    try (RawPeer raw = connect()) {
      // A valid signature, but over another Noise static key (e.g. replayed from a victim's session).
      raw.handshake(key -> HandshakePayload.create(victim, otherStatic, TestNode.CHAIN, 0));
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.BAD_IDENTITY_SIGNATURE));
    assertFalse(node.manager.peer(victim.nodeId()).isPresent());
    assertStillServesGoodPeer();
  }

  @Test
  void victimKeySignedByAnotherKeyIsRefused() throws Exception {
    NodeIdentity victim = TestNode.newIdentity();
    Ed25519KeyPair attacker = Ed25519KeyPair.generate(TestNode.RANDOM);
    try (RawPeer raw = connect()) {
      raw.handshake(
          key ->
              new HandshakePayload(
                  victim.keyPair().publicKey(), victim.powNonce(), TestNode.CHAIN, 0,
                  attacker.sign(HandshakePayload.bindingDigest(key, TestNode.CHAIN, 0))));
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.BAD_IDENTITY_SIGNATURE));
    assertFalse(node.manager.peer(victim.nodeId()).isPresent());
    assertStillServesGoodPeer();
  }

  @Test
  void identityBelowThePowIsBlamedOnTheAddressWhichThenGetsOneHandshakeAtATime() throws Exception {
    try (RawPeer raw = connect()) {
      raw.handshake(PeerManagerTest.weakIdentity(TestNode.POW_BITS), TestNode.CHAIN);
      assertTrue(raw.closedByRemote(5_000));
    }
    // POW_TOO_LOW proves no node id: the IP is banned (-100), which narrows it to one handshake
    long refusedBefore = node.manager.metrics().snapshot().get("p2p_connections_refused_total");
    try (RawPeer silent = connect(); RawPeer second = connect()) {
      assertTrue(second.closedByRemote(5_000));
      assertFalse(silent.closedByRemote(200));
    }
    TestNode.await("refusal counted", 2_000,
        () -> node.manager.metrics().snapshot().get("p2p_connections_refused_total") > refusedBefore);
    assertStillServesGoodPeer();
  }

  @Test
  void undecodableMessagesAfterTheHandshakeArePenalisedUntilBanned() throws Exception {
    NodeIdentity id = TestNode.newIdentity();
    try (RawPeer raw = connect()) {
      raw.handshake(id, TestNode.CHAIN);
      TestNode.await("raw peer registered", 5_000, () -> node.manager.peer(id.nodeId()).isPresent());
      raw.sendEncrypted(new byte[] {(byte) 0xEE, 1, 2}); // unknown type
      raw.sendEncrypted(new byte[] {(byte) MessageType.PING.code(), 1}); // truncated ping
      raw.sendEncrypted(new byte[] {(byte) MessageType.TX_ANNOUNCE.code(), 5}); // 5 hashes, none sent
      raw.sendEncrypted(new byte[0]); // empty envelope
      assertTrue(raw.closedByRemote(5_000)); // 4 x -25 reaches the -100 threshold
    }
    assertEquals(4, count(Penalty.UNDECODABLE_MESSAGE));
    assertTrue(node.manager.isBanned(id.nodeId()));
    assertEquals(1, node.manager.metrics().bans());
    assertStillServesGoodPeer();
  }

  @Test
  void floodThatFillsTheSendQueueDropsMessagesAndTheReaderThatNeverReadsIsCutOff()
      throws Exception {
    NodeIdentity id = TestNode.newIdentity();
    try (RawPeer raw = new RawPeer(node.address.getPort(), 4096)) {
      raw.handshake(id, TestNode.CHAIN);
      TestNode.await("raw peer registered", 5_000, () -> node.manager.peer(id.nodeId()).isPresent());
      Peer slow = node.manager.peer(id.nodeId()).orElseThrow();
      byte[] big = new byte[256 * 1024];
      int refused = 0;
      // a reader that never reads: penalised at most once a second while its queue stays full
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (slow.isOpen() && System.nanoTime() < deadline) {
        if (!slow.send(MessageType.BLOCK, big)) refused++;
        if (refused > 0) Thread.sleep(5);
      }
      assertTrue(refused >= 10, "refused " + refused);
      TestNode.await("slow reader dropped", 5_000, () -> !slow.isOpen());
    }
    // cut off by the idle timeout or a ban, whichever comes first; penalised, but at most once a
    // second however many messages were dropped (a busy honest peer is not banned for a burst)
    assertTrue(count(Penalty.SEND_QUEUE_FULL) >= 1);
    assertTrue(node.manager.metrics().messagesDropped() >= 10 * count(Penalty.SEND_QUEUE_FULL),
        "drops are penalised at most once a second");
    assertStillServesGoodPeer();
  }

  @Test
  void silentConnectionTimesOutInTheHandshake() throws Exception {
    node.close();
    node = TestNode.start(TestNode.config().handshakeTimeoutMillis(500).build());
    try (RawPeer raw = connect()) {
      assertTrue(raw.closedByRemote(5_000));
    }
    assertEquals(1, count(Penalty.HANDSHAKE_TIMEOUT));
  }
}
