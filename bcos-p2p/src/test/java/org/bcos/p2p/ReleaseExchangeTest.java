package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release artifacts spread between real PeerManagers on loopback: chunks from several peers,
 * accepted only on the voted hash, liars found and penalised, limits kept. Chunks of 1 KiB (the
 * protocol's 1 MiB scaled down; both sides agree) so an artifact has several.
 */
class ReleaseExchangeTest {
  private static final int CHUNK = 1024;
  private static final ReleaseLimits LIMITS = new ReleaseLimits(1 << 20, CHUNK, 4, 1_000, 1_000, 16);
  private static final byte[] ARTIFACT = artifact(10 * CHUNK + 123, 7);
  private static final Hash RELEASE = Digests.sha256(ARTIFACT);

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  static byte[] artifact(int size, int seed) {
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) out[i] = (byte) (i * 31 + seed);
    return out;
  }

  /** A node's release files: what it serves by hash (bytes may lie), temporary files in a dir. */
  final class Files1 implements ReleaseExchange.Releases {
    final Map<Hash, byte[]> serves = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    final Path tmp;

    Files1(String name) throws IOException {
      tmp = Files.createDirectories(dir.resolve(name));
    }

    @Override
    public long servedSize(Hash release) {
      byte[] b = serves.get(release);
      return b == null ? -1 : b.length;
    }

    @Override
    public List<Hash> served() {
      return List.copyOf(serves.keySet());
    }

    @Override
    public byte[] read(Hash release, long offset, int length) {
      reads.incrementAndGet();
      return Arrays.copyOfRange(serves.get(release), (int) offset, (int) offset + length);
    }

    @Override
    public Path newTempFile(Hash release) throws IOException {
      return Files.createTempFile(tmp, release.toHex(), ".part");
    }

    @Override
    public boolean adopt(Path temp, Hash release) throws IOException {
      byte[] bytes = Files.readAllBytes(temp);
      if (!Digests.sha256(bytes).equals(release)) return false;
      Files.delete(temp);
      serves.put(release, bytes);
      return true;
    }
  }

  /** A PeerManager on loopback running a ReleaseExchange (or a raw handler). */
  final class Node {
    final PeerManager manager;
    final Files1 files;
    final ReleaseExchange exchange;
    final String hostPort;

    Node(String name, P2pHandler raw, String... seeds) throws Exception {
      manager = new PeerManager(TestNode.config(seeds).build(), TestNode.newIdentity(),
          TestNode.RANDOM);
      files = new Files1(name);
      exchange = new ReleaseExchange(manager, files, LIMITS);
      P2pHandler handler = raw != null ? raw : new P2pHandler() {
        @Override
        public void onMessage(Peer peer, MessageType type, byte[] body) {
          exchange.onMessage(peer, type, body, System.currentTimeMillis());
        }

        @Override
        public void onPeerConnected(Peer peer) {
          exchange.onPeerConnected(peer);
        }

        @Override
        public void onPeerDisconnected(Peer peer) {
          exchange.onPeerDisconnected(peer);
        }
      };
      hostPort = "127.0.0.1:" + manager.start(handler).getPort();
      open.add(manager::close);
    }

    /** Fetches, ticking as the node's worker would, until stored or the time is up. */
    ReleaseExchange.Status fetch(Hash release, long millis) throws InterruptedException {
      long end = System.currentTimeMillis() + millis;
      ReleaseExchange.Status s = exchange.fetch(release, System.currentTimeMillis());
      while (s.state() != ReleaseExchange.State.STORED && System.currentTimeMillis() < end) {
        Thread.sleep(20);
        exchange.tick(System.currentTimeMillis());
        s = exchange.fetch(release, System.currentTimeMillis());
      }
      return s;
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) c.close();
  }

  /** A new node fetching RELEASE from {@code a} and {@code b} serving these bytes under it. */
  private Node fetchedFrom(Node a, byte[] aBytes, Node b, byte[] bBytes) throws Exception {
    a.files.serves.put(RELEASE, aBytes);
    b.files.serves.put(RELEASE, bBytes);
    Node c = new Node("c", null, a.hostPort, b.hostPort);
    announced(c, 2);
    ReleaseExchange.Status s = c.fetch(RELEASE, 15_000);
    assertEquals(ReleaseExchange.State.STORED, s.state(), s.toString());
    assertArrayEquals(ARTIFACT, c.files.serves.get(RELEASE));
    return c;
  }

  private static void announced(Node n, int peers) throws InterruptedException {
    TestNode.await(peers + " announcements", 5_000,
        () -> n.exchange.announcers(RELEASE) >= peers);
  }

  private static void connected(PeerManager m, int peers) throws InterruptedException {
    TestNode.await(peers + " peers", 5_000, () -> m.peers().size() >= peers);
  }

  @Test
  void anArtifactIsFetchedInChunksFromEveryPeerThatHasItAndThenSpreadFurther() throws Exception {
    Node a = new Node("a", null);
    Node b = new Node("b", null);
    Node c = fetchedFrom(a, ARTIFACT, b, ARTIFACT);
    assertTrue(a.files.reads.get() + b.files.reads.get() >= 11);
    assertTrue(a.files.reads.get() > 0 && b.files.reads.get() > 0,
        "both peers served chunks: " + a.files.reads + ", " + b.files.reads);
    Node d = new Node("d", null, c.hostPort);
    announced(d, 1);
    assertEquals(ReleaseExchange.State.STORED, d.fetch(RELEASE, 10_000).state());
    assertArrayEquals(ARTIFACT, d.files.serves.get(RELEASE));
  }

  @Test
  void anArtifactStoredAfterPeersConnectedIsAnnouncedAtTheNextTick() throws Exception {
    Node a = new Node("a", null);
    Node c = new Node("c", null, a.hostPort);
    connected(c.manager, 1);
    connected(a.manager, 1);
    a.exchange.tick(System.currentTimeMillis()); // nothing served yet: nothing announced
    a.files.serves.put(RELEASE, ARTIFACT); // stored by another writer (the CLI)
    Thread.sleep(200);
    assertEquals(0, c.exchange.announcers(RELEASE));
    a.exchange.tick(System.currentTimeMillis() + ReleaseExchange.ANNOUNCE_CHECK_MILLIS);
    announced(c, 1);
    assertEquals(ReleaseExchange.State.STORED, c.fetch(RELEASE, 10_000).state());
    assertArrayEquals(ARTIFACT, c.files.serves.get(RELEASE));
  }

  @RepeatedTest(value = 8, name = RepeatedTest.LONG_DISPLAY_NAME) // which peer goes first varies
  void aPeerServingOtherBytesIsFoundPenalisedAndTheFetchFinishesFromAnHonestOne()
      throws Exception {
    Node honest = new Node("honest", null);
    Node liar = new Node("liar", null);
    Node c = fetchedFrom(honest, ARTIFACT, liar, forged(1));
    assertPenalisedOnce(c, liar);
    assertNeverBlamed(c, honest);
  }

  /**
   * The first attempt mixes chunks of all three; the one-at-a-time attempts then find whichever
   * liar they try before the honest peer, and the mixed file, compared with the verified one,
   * names the other. Either way each liar is penalised exactly once.
   */
  @RepeatedTest(value = 8, name = RepeatedTest.LONG_DISPLAY_NAME)
  void twoLiarsAmongThreePeersAreEachPenalisedOnce() throws Exception {
    Node honest = new Node("honest", null);
    Node liar1 = new Node("liar1", null);
    Node liar2 = new Node("liar2", null);
    honest.files.serves.put(RELEASE, ARTIFACT);
    liar1.files.serves.put(RELEASE, forged(1));
    liar2.files.serves.put(RELEASE, forged(2));
    Node c = new Node("c", null, honest.hostPort, liar1.hostPort, liar2.hostPort);
    announced(c, 3);
    ReleaseExchange.Status s = c.fetch(RELEASE, 15_000);
    assertEquals(ReleaseExchange.State.STORED, s.state(), s.toString());
    assertArrayEquals(ARTIFACT, c.files.serves.get(RELEASE));
    assertPenalisedOnce(c, liar1);
    assertPenalisedOnce(c, liar2);
    assertNeverBlamed(c, honest);
  }

  /** ARTIFACT with a byte of every chunk changed by {@code flip}. */
  private static byte[] forged(int flip) {
    byte[] forged = ARTIFACT.clone();
    for (int i = 0; i < forged.length; i += CHUNK) forged[i] ^= (byte) flip;
    return forged;
  }

  /**
   * One BAD_RELEASE, not two: a second for the same artifact would reach the ban threshold (-100),
   * which resets the score to 0.
   */
  private static void assertPenalisedOnce(Node c, Node liar) {
    assertFalse(c.manager.isBanned(liar.manager.nodeId()), "one offence, one penalty");
    Peer liarPeer = c.manager.peer(liar.manager.nodeId()).orElseThrow();
    int score = c.manager.score(liarPeer); // recovers 1 a second after the penalty
    assertTrue(score >= Penalty.BAD_RELEASE.scoreDelta() && score < 0,
        "the liar was penalised once: " + score);
  }

  private static void assertNeverBlamed(Node c, Node honest) throws IOException {
    Peer honestPeer = c.manager.peer(honest.manager.nodeId()).orElseThrow();
    assertEquals(0, c.manager.score(honestPeer), "the honest peer was never blamed");
    try (var left = Files.list(c.files.tmp)) {
      assertEquals(0, left.count(), "no temporary file is left");
    }
  }

  @Test
  void aNodeServesOnlyWhatItsReleasesSayAndFetchesOnlyWhatWasAnnounced() throws Exception {
    Node a = new Node("a", null);
    a.files.serves.put(RELEASE, ARTIFACT);
    Node c = new Node("c", null, a.hostPort);
    connected(c.manager, 1);
    Hash other = Digests.sha256(new byte[] {1});
    ReleaseExchange.Status s = c.fetch(other, 600);
    assertEquals(ReleaseExchange.State.WAITING_FOR_PEERS, s.state());
    assertEquals(0, s.peers());
    assertEquals(0, a.files.reads.get());
    // asked directly for a hash it does not serve, a node answers nothing and blames nobody
    List<MessageType> got = new CopyOnWriteArrayList<>();
    Node raw = new Node("raw", (peer, type, body) -> got.add(type), a.hostPort);
    connected(raw.manager, 1);
    Peer toA = raw.manager.peers().get(0);
    toA.send(MessageType.RELEASE_REQUEST, new Encoder(40).hash(other).u32(0).toByteArray());
    Thread.sleep(300);
    assertTrue(got.stream().noneMatch(t -> t == MessageType.RELEASE_CHUNK), got.toString());
    assertEquals(0, a.files.reads.get());
  }

  @Test
  void chunksInFlightPerPeerAreBoundedAndTimedOutOnesAreAskedAgain() throws Exception {
    List<Integer> asked = new CopyOnWriteArrayList<>();
    Node silent = new Node("silent", new P2pHandler() {
      @Override
      public void onMessage(Peer peer, MessageType type, byte[] body) {
        if (type == MessageType.RELEASE_REQUEST) {
          Decoder d = new Decoder(body);
          d.hash();
          asked.add((int) d.u32());
        }
      }

      @Override
      public void onPeerConnected(Peer peer) {
        peer.send(MessageType.RELEASE_HAVE, ReleaseExchange.have(RELEASE, ARTIFACT.length));
      }
    });
    Node c = new Node("c", null, silent.hostPort);
    connected(c.manager, 1);
    TestNode.await("the announcement", 5_000, () -> c.exchange.fetch(RELEASE,
        System.currentTimeMillis()).state() == ReleaseExchange.State.FETCHING);
    TestNode.await("4 requests", 5_000, () -> asked.size() == 4);
    Thread.sleep(100);
    assertEquals(List.of(0, 1, 2, 3), asked, "at most 4 in flight to one peer");
    Thread.sleep(LIMITS.requestTimeoutMillis());
    c.exchange.tick(System.currentTimeMillis());
    TestNode.await("the timed-out requests again", 5_000, () -> asked.size() == 8);
    assertEquals(List.of(0, 1, 2, 3), asked.subList(4, 8));
  }

  @Test
  void aChunkContradictingTheAnnouncedSizeIsPenalisedAndAnArtifactOverTheLimitIsNotFetched()
      throws Exception {
    Node bad = new Node("bad", new P2pHandler() {
      @Override
      public void onMessage(Peer peer, MessageType type, byte[] body) {
        if (type != MessageType.RELEASE_REQUEST) return;
        Decoder d = new Decoder(body);
        d.hash();
        long index = d.u32();
        peer.send(MessageType.RELEASE_CHUNK, new Encoder().hash(RELEASE).u32(index).u32(11)
            .bytes(new byte[10]).toByteArray());
      }

      @Override
      public void onPeerConnected(Peer peer) {
        peer.send(MessageType.RELEASE_HAVE, ReleaseExchange.have(RELEASE, ARTIFACT.length));
        peer.send(MessageType.RELEASE_HAVE, ReleaseExchange.have(Hash.ZERO, (1 << 20) + 1));
      }
    });
    Node c = new Node("c", null, bad.hostPort);
    connected(c.manager, 1);
    Peer badPeer = c.manager.peers().get(0);
    TestNode.await("the penalty", 5_000, () -> {
      c.exchange.fetch(RELEASE, System.currentTimeMillis());
      return c.manager.score(badPeer) < 0;
    });
    ReleaseExchange.Status s = c.exchange.status();
    assertEquals(0, s.peers(), "the peer is no longer a source: " + s);
    assertTrue(s.problem().contains("contradicts the announced size"), s.problem());
    c.exchange.cancel();
    assertEquals(0, c.exchange.fetch(Hash.ZERO, System.currentTimeMillis()).peers(),
        "an announcement over maxReleaseBytes is not a source");
  }

  @Test
  void theLimitsAreChecked() {
    assertEquals(ReleaseLimits.CHUNK_BYTES, ReleaseLimits.DEFAULT.chunkBytes());
    assertEquals(512L << 20, ReleaseLimits.DEFAULT.maxReleaseBytes());
    for (Runnable bad : List.<Runnable>of(
        () -> new ReleaseLimits((512L << 20) + 1, CHUNK, 4, 8, 100, 16),
        () -> new ReleaseLimits(1 << 20, (1 << 20) + 1, 4, 8, 100, 16),
        () -> new ReleaseLimits(1 << 20, CHUNK, 0, 8, 100, 16),
        () -> new ReleaseLimits(1 << 20, CHUNK, 4, 0, 100, 16),
        () -> new ReleaseLimits(1 << 20, CHUNK, 4, 8, 1, 16),
        () -> new ReleaseLimits(1 << 20, CHUNK, 4, 8, 100, 0))) {
      try {
        bad.run();
        throw new AssertionError("accepted");
      } catch (IllegalArgumentException expected) {
        assertTrue(expected.getMessage().startsWith("release limit out of range"));
      }
    }
    assertEquals(11, LIMITS.chunks(ARTIFACT.length));
    assertEquals(123, LIMITS.chunkLength(ARTIFACT.length, 10));
  }
}
