package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bcos.types.Digests;
import org.bcos.types.Hash;

/** A real PeerManager on 127.0.0.1 with a recording handler and an in-memory tx pool. */
final class TestNode implements AutoCloseable {
  static final String CHAIN = "bcos-test";
  static final int POW_BITS = 8;
  static final SecureRandom RANDOM = new SecureRandom();

  record Received(Hash from, MessageType type, byte[] body) {}

  final NodeIdentity identity;
  final PeerManager manager;
  final TxGossip gossip;
  final Map<Hash, byte[]> pool = new ConcurrentHashMap<>();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>(10_000);
  final InetSocketAddress address;

  private TestNode(P2pConfig config, NodeIdentity identity) throws InterruptedException {
    this.identity = identity;
    this.manager = new PeerManager(config, identity, RANDOM);
    this.gossip =
        new TxGossip(
            manager,
            new TxGossip.TxPool() {
              @Override
              public boolean contains(Hash h) {
                return pool.containsKey(h);
              }

              @Override
              public Optional<byte[]> body(Hash h) {
                return Optional.ofNullable(pool.get(h));
              }

              @Override
              public void onBody(Peer from, byte[] body) {
                pool.put(Digests.sha256(body), body);
              }
            },
            1_000);
    this.address =
        manager.start(
            (peer, type, body) -> {
              if (!gossip.onMessage(peer, type, body)) received.offer(new Received(peer.nodeId(), type, body));
            });
  }

  static P2pConfig.Builder config(String... seeds) {
    return P2pConfig.builder(CHAIN)
        .listen("127.0.0.1", 0)
        .seeds(List.of(seeds))
        .powBits(POW_BITS)
        .maintenanceIntervalMillis(50)
        .reconnect(50, 400)
        .ping(200, 5_000)
        .handshakeTimeoutMillis(2_000)
        .ioThreads(1);
  }

  static NodeIdentity newIdentity() {
    return NodeIdentity.generate(RANDOM, POW_BITS);
  }

  static TestNode start(P2pConfig config) throws InterruptedException {
    return new TestNode(config, newIdentity());
  }

  static TestNode start(P2pConfig config, NodeIdentity identity) throws InterruptedException {
    return new TestNode(config, identity);
  }

  String hostPort() {
    return "127.0.0.1:" + address.getPort();
  }

  Hash id() {
    return manager.nodeId();
  }

  boolean connectedTo(TestNode other) {
    return manager.peer(other.id()).isPresent();
  }

  Peer peerOf(TestNode other) {
    return manager.peer(other.id()).orElseThrow();
  }

  /** Waits (bounded) for a message of {@code type}; fails the test on timeout. */
  Received expect(MessageType type, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      Received r = received.poll(50, TimeUnit.MILLISECONDS);
      if (r != null && r.type() == type) return r;
    }
    return fail("no " + type + " within " + millis + " ms");
  }

  @Override
  public void close() {
    manager.close();
  }

  /** Polls {@code condition} every 20 ms for at most {@code millis}; fails the test on timeout. */
  static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) fail("timed out after " + millis + " ms waiting for " + what);
      Thread.sleep(20);
    }
  }
}
