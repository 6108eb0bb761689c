package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PeerManagerTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void twoNodesConnectHandshakeAndExchangeMessagesBothWays() throws Exception {
    try (TestNode a = TestNode.start(TestNode.config().build());
        TestNode b = TestNode.start(TestNode.config().seeds(List.of()).build())) {
      b.manager.addAddress(a.hostPort());
      TestNode.await("a and b connected", 5_000, () -> a.connectedTo(b) && b.connectedTo(a));
      assertEquals(Peer.Direction.OUTBOUND, b.peerOf(a).direction());
      assertEquals(Peer.Direction.INBOUND, a.peerOf(b).direction());
      assertTrue(b.peerOf(a).send(MessageType.CONSENSUS, bytes("vote from b")));
      assertTrue(a.peerOf(b).send(MessageType.BLOCK, bytes("block from a")));
      TestNode.Received atA = a.expect(MessageType.CONSENSUS, 5_000);
      TestNode.Received atB = b.expect(MessageType.BLOCK, 5_000);
      assertArrayEquals(bytes("vote from b"), atA.body());
      assertEquals(b.id(), atA.from());
      assertArrayEquals(bytes("block from a"), atB.body());
      assertEquals(0, a.manager.score(a.peerOf(b)));
    }
  }

  @Test
  void txIsAnnouncedRequestedAndFetchedAcrossThreeNodes() throws Exception {
    try (TestNode a = TestNode.start(TestNode.config().build());
        TestNode b = TestNode.start(TestNode.config(a.hostPort()).build());
        TestNode c = TestNode.start(TestNode.config(b.hostPort()).build())) {
      // both ends of both links: an announcement goes only to the peers a node has registered
      // then (and is never repeated), so a's side of a-b must be up before a announces
      TestNode.await("a-b and b-c, both ends", 5_000, () -> b.connectedTo(a) && a.connectedTo(b)
          && c.connectedTo(b) && b.connectedTo(c));
      byte[] tx = bytes("transfer 5 DDC");
      Hash h = Digests.sha256(tx);
      a.pool.put(h, tx);
      a.gossip.announce(List.of(h), null);
      TestNode.await("b fetched the body", 5_000, () -> b.pool.containsKey(h));
      assertArrayEquals(tx, b.pool.get(h));
      // b relays as the node would after accepting: announce, c requests from b.
      b.gossip.announce(List.of(h), a.id());
      TestNode.await("c fetched the body", 5_000, () -> c.pool.containsKey(h));
    }
  }

  @Test
  void consensusBroadcastReachesEveryPeer() throws Exception {
    try (TestNode hub = TestNode.start(TestNode.config().build());
        TestNode x = TestNode.start(TestNode.config(hub.hostPort()).build());
        TestNode y = TestNode.start(TestNode.config(hub.hostPort()).build())) {
      TestNode.await("two peers at hub", 5_000, () -> hub.connectedTo(x) && hub.connectedTo(y));
      ConsensusGossip gossip = new ConsensusGossip(hub.manager, 100);
      assertEquals(2, gossip.broadcast(bytes("proposal h=1 r=0")));
      assertArrayEquals(bytes("proposal h=1 r=0"), x.expect(MessageType.CONSENSUS, 5_000).body());
      assertArrayEquals(bytes("proposal h=1 r=0"), y.expect(MessageType.CONSENSUS, 5_000).body());
      assertTrue(gossip.seen(bytes("proposal h=1 r=0")));
      assertTrue(!gossip.seen(bytes("proposal h=1 r=1")));
      gossip.markSeen(bytes("proposal h=1 r=1"));
      assertTrue(gossip.seen(bytes("proposal h=1 r=1")));
    }
  }

  @Test
  void peerExchangeTeachesAThirdNode() throws Exception {
    try (TestNode b = TestNode.start(TestNode.config().build());
        TestNode a = TestNode.start(TestNode.config(b.hostPort()).build())) {
      TestNode.await("a-b", 5_000, () -> a.connectedTo(b) && b.connectedTo(a));
      try (TestNode c = TestNode.start(TestNode.config(b.hostPort()).build())) {
        TestNode.await("c learns a through b", 10_000, () -> c.connectedTo(a) && a.connectedTo(c));
        assertEquals(2, c.manager.peers().size());
      }
    }
  }

  @Test
  void reconnectsWithBackoffAfterThePeerRestarts() throws Exception {
    NodeIdentity aId = TestNode.newIdentity();
    TestNode a = TestNode.start(TestNode.config().build(), aId);
    int port = a.address.getPort();
    try (TestNode b = TestNode.start(TestNode.config(a.hostPort()).build())) {
      TestNode.await("b-a", 5_000, () -> b.connectedTo(a));
      a.close();
      TestNode.await("b notices a left", 5_000, () -> b.manager.peers().isEmpty());
      Thread.sleep(300); // let a few dial attempts fail and the backoff grow
      try (TestNode again = TestNode.start(TestNode.config().listen("127.0.0.1", port).build(), aId)) {
        TestNode.await("b reconnects to restarted a", 10_000, () -> b.connectedTo(again));
        assertTrue(b.peerOf(again).send(MessageType.PING, P2pMessages.ping(1)));
      }
    }
  }

  @Test
  void wrongChainIdIsRefusedWithANamedReason() throws Exception {
    P2pConfig other =
        P2pConfig.builder("other-chain").listen("127.0.0.1", 0).powBits(TestNode.POW_BITS).ioThreads(1).build();
    try (TestNode evil = TestNode.start(other);
        TestNode a = TestNode.start(TestNode.config(evil.hostPort()).build())) {
      TestNode.await("a refuses the other chain", 5_000,
          () -> a.manager.metrics().penaltyCount(Penalty.WRONG_CHAIN_ID) >= 1);
      assertTrue(a.manager.peers().isEmpty());
      assertTrue(evil.manager.peers().isEmpty());
    }
  }

  @Test
  void ownIdentityBelowDifficultyIsRejectedAtConstruction() {
    NodeIdentity weak = weakIdentity(TestNode.POW_BITS);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> new PeerManager(TestNode.config().build(), weak, TestNode.RANDOM));
  }

  static NodeIdentity weakIdentity(int bits) {
    org.bcos.crypto.Ed25519KeyPair keys = org.bcos.crypto.Ed25519KeyPair.generate(TestNode.RANDOM);
    for (long n = 0; n < 1_000; n++) {
      if (!NodeIdentity.isAdmissible(keys.publicKey(), n, bits)) return new NodeIdentity(keys, n);
    }
    throw new AssertionError("no weak nonce in 1000 tries");
  }
}
