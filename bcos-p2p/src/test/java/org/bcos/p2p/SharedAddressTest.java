package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several nodes share one IP (127.0.0.1, as on a local testnet or behind a NAT): an offence is
 * blamed on the node id that committed it when that id was proven, and the IP-level limits never
 * lock out the other node ids behind the same address.
 */
@Timeout(30)
class SharedAddressTest {
  private final List<AutoCloseable> open = new ArrayList<>();

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) c.close();
  }

  private TestNode node(P2pConfig.Builder config) throws InterruptedException {
    return keep(TestNode.start(config.build()));
  }

  private RawPeer raw(TestNode to) throws Exception {
    return keep(new RawPeer(to.address.getPort(), 0));
  }

  private static void assertConnects(TestNode node, TestNode other) throws InterruptedException {
    TestNode.await("peer on the same IP connected", 5_000,
        () -> node.connectedTo(other) && other.connectedTo(node));
  }

  @Test
  void junkConnectionFromAnAddressDoesNotLockOutTheLegitimateNodesOnIt() throws Exception {
    TestNode node = node(TestNode.config());
    RawPeer junk = raw(node);
    junk.sendRaw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // -100: the IP is banned
    assertTrue(junk.closedByRemote(5_000));
    assertEquals(1, node.manager.metrics().bans());
    TestNode honest = node(TestNode.config(node.hostPort()));
    assertConnects(node, honest);
  }

  @Test
  void peerThatMisbehavesAfterItsHandshakeIsBannedByNodeIdAndItsNeighbourStillConnects()
      throws Exception {
    TestNode node = node(TestNode.config());
    NodeIdentity bad = TestNode.newIdentity();
    RawPeer raw = raw(node);
    raw.handshake(bad, TestNode.CHAIN);
    TestNode.await("bad peer registered", 5_000, () -> node.manager.peer(bad.nodeId()).isPresent());
    raw.sendFrame(new byte[40]); // fails decryption: -100, a ban
    assertTrue(raw.closedByRemote(5_000));
    assertTrue(node.manager.isBanned(bad.nodeId()));
    TestNode honest = node(TestNode.config(node.hostPort()));
    assertConnects(node, honest);
    RawPeer again = raw(node);
    again.handshake(bad, TestNode.CHAIN);
    assertTrue(again.closedByRemote(5_000), "the banned node id is refused after its handshake");
  }

  @Test
  void authenticatedPeerOfAnotherChainIsBlamedByNodeIdNotByAddress() throws Exception {
    TestNode node = node(TestNode.config());
    NodeIdentity stale = TestNode.newIdentity();
    RawPeer raw = raw(node);
    raw.handshake(stale, "old-genesis");
    assertTrue(raw.closedByRemote(5_000));
    assertEquals(1, node.manager.metrics().penaltyCount(Penalty.WRONG_CHAIN_ID));
    assertTrue(node.manager.isBanned(stale.nodeId()));
    RawPeer a = raw(node);
    RawPeer b = raw(node);
    assertFalse(a.closedByRemote(300), "the address is not banned: two handshakes at once");
    assertFalse(b.closedByRemote(300));
  }

  @Test
  void handshakeFloodFromOneAddressIsCappedAndTheSlotsComeBack() throws Exception {
    TestNode node = node(TestNode.config().perIpLimits(16, 2, 1));
    RawPeer first = raw(node);
    RawPeer second = raw(node);
    RawPeer third = raw(node);
    assertTrue(third.closedByRemote(2_000), "a third handshake from the IP is refused");
    assertFalse(first.closedByRemote(200));
    first.close();
    second.close();
    TestNode honest = node(TestNode.config(node.hostPort()));
    assertConnects(node, honest);
  }

  @Test
  void authenticatedPeersDoNotUseTheAddressHandshakeSlots() throws Exception {
    TestNode node = node(TestNode.config().perIpLimits(16, 1, 1));
    for (int i = 0; i < 3; i++) assertConnects(node, node(TestNode.config(node.hostPort())));
    assertEquals(3, node.manager.peers().size());
  }

  @Test
  void oneAddressCannotFillEveryInboundSlot() throws Exception {
    TestNode node = node(TestNode.config().maxPeers(10, 10).perIpLimits(2, 2, 1));
    raw(node).handshake(TestNode.newIdentity(), TestNode.CHAIN);
    raw(node).handshake(TestNode.newIdentity(), TestNode.CHAIN);
    TestNode.await("two raw peers registered", 5_000, () -> node.manager.peers().size() == 2);
    RawPeer third = raw(node);
    assertTrue(third.closedByRemote(2_000), "a third connection from the IP is refused");
  }

  @Test
  void bannedAddressKeepsOneHandshakeAtATime() throws Exception {
    TestNode node = node(TestNode.config());
    RawPeer junk = raw(node);
    junk.sendRaw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    assertTrue(junk.closedByRemote(5_000));
    RawPeer silent = raw(node);
    RawPeer refused = raw(node);
    assertTrue(refused.closedByRemote(2_000), "a banned IP gets one handshake at a time");
    assertFalse(silent.closedByRemote(200));
    assertTrue(node.manager.metrics().snapshot().get("p2p_connections_refused_total") >= 1);
  }
}
