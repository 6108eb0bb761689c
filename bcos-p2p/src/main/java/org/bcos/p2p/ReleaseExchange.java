package org.bcos.p2p;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Release artifacts spread between peers (docs/NETWORK.md "Release artifacts"). A node announces
 * the artifacts it serves ({@code RELEASE_HAVE: hash sha256 | u64 size}) to each peer on connect
 * and to all when it gets one; a fetching node asks for chunks ({@code RELEASE_REQUEST: hash |
 * u32 chunk}) from every peer that announced the artifact, a bounded number in flight per peer,
 * and writes each received chunk ({@code RELEASE_CHUNK: hash | u32 chunk | u32 chunks | bytes})
 * at its offset in a temporary file. The file is kept only if its SHA-256 is the wanted one
 * ({@link Releases#adopt}). Otherwise the fetch starts again, now from one peer at a time (the
 * chunks carry no hashes of their own, so a file assembled from several peers cannot tell which
 * of them lied): a peer whose artifact alone does not match is penalised ({@link
 * Penalty#BAD_RELEASE}) and not asked again, and once an attempt matches, the failed file is
 * compared with the verified one chunk by chunk and the sender of every chunk that differs is
 * penalised too. An honest peer is never blamed for another's chunks. A chunk whose length
 * contradicts the size its sender announced is blamed at once. Which
 * artifacts are served is the node's decision ({@link Releases#servedSize}: those of the chain's
 * scheduled, planned or applied upgrades that it has verified); this class is not a file server.
 *
 * <p>One fetch at a time. Thread-safe (one lock): the node calls it from its network worker, the
 * RPC from its own threads.
 */
public final class ReleaseExchange {
  /**
   * How often the served set is compared with what was announced: an artifact stored by another
   * writer (the CLI), or one a newly scheduled plan makes servable, is announced within this.
   */
  static final long ANNOUNCE_CHECK_MILLIS = 2_000;
  /** Bytes of a RELEASE_CHUNK message besides its data: type, hash, two u32, the length varint. */
  static final int CHUNK_OVERHEAD_BYTES = 64;

  /** What the node holds: verified artifacts, and where a fetch writes. */
  public interface Releases {
    /** The size of an artifact this node serves, or -1 when it does not serve that hash. */
    long servedSize(Hash release);

    /** The artifacts this node serves (announced to each new peer). */
    List<Hash> served();

    /** {@code length} bytes at {@code offset} of a served artifact. */
    byte[] read(Hash release, long offset, int length) throws IOException;

    /** A new empty temporary file for a fetch of {@code release}. */
    Path newTempFile(Hash release) throws IOException;

    /**
     * Keeps {@code temp} as {@code release} if its SHA-256 is that (true: it is moved into the
     * store); else leaves it where it is (false: the caller compares it, then deletes it).
     */
    boolean adopt(Path temp, Hash release) throws IOException;
  }

  /** Where the fetch is. */
  public enum State {
    /** No fetch was asked for. */
    IDLE,
    /** No connected peer announced the artifact yet. */
    WAITING_FOR_PEERS,
    FETCHING,
    /** The artifact is verified and stored. */
    STORED
  }

  /**
   * A fetch as the RPC reports it.
   *
   * @param problem the last thing that went wrong (a mismatch, a disk error), or empty
   */
  public record Status(Hash release, State state, long size, int chunksDone, int chunks,
      int peers, String problem) {}

  private final PeerManager peers;
  private final Releases releases;
  private final ReleaseLimits limits;
  private final boolean frameFits;
  /** Per peer: the releases it announced, with their sizes (bounded). */
  private final Map<Hash, Map<Hash, Long>> announced = new HashMap<>();
  /** Per peer: chunks served in the current second. */
  private final Map<Hash, long[]> served = new HashMap<>();
  private Fetch fetch;
  /** What every peer was told this node serves (announced again to all when it grows). */
  private Set<Hash> announcedServed = Set.of();
  /** 0: epoch millis are far past it, so the first tick checks. */
  private long lastAnnounceCheckMillis;

  public ReleaseExchange(PeerManager peers, Releases releases, ReleaseLimits limits) {
    this.peers = peers;
    this.releases = releases;
    this.limits = limits;
    this.frameFits = limits.fits(peers.config().maxFrameBytes());
  }

  // ---- messages ----

  /** Announces every served artifact to a new peer. */
  public synchronized void onPeerConnected(Peer peer) {
    if (!frameFits) return;
    for (Hash h : releases.served()) {
      long size = releases.servedSize(h);
      if (size > 0) peer.send(MessageType.RELEASE_HAVE, have(h, size));
    }
  }

  public synchronized void onPeerDisconnected(Peer peer) {
    announced.remove(peer.nodeId());
    served.remove(peer.nodeId());
    if (fetch != null) fetch.inFlight.values().removeIf(r -> r.peer.equals(peer.nodeId()));
  }

  /**
   * Handles a RELEASE_* message; returns false for other types.
   *
   * @throws CodecException for a body that does not decode strictly (the caller penalises)
   */
  public synchronized boolean onMessage(Peer peer, MessageType type, byte[] body, long nowMillis) {
    switch (type) {
      case RELEASE_HAVE -> onHave(peer, body, nowMillis);
      case RELEASE_REQUEST -> onRequest(peer, body, nowMillis);
      case RELEASE_CHUNK -> onChunk(peer, body, nowMillis);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void onHave(Peer peer, byte[] body, long nowMillis) {
    Decoder d = new Decoder(body);
    Hash release = d.hash();
    long size = d.u64();
    d.finish();
    if (size < 1 || size > limits.maxReleaseBytes()) return; // not an artifact we would take
    Map<Hash, Long> known = announced.computeIfAbsent(peer.nodeId(), k -> new LinkedHashMap<>());
    if (!known.containsKey(release) && known.size() >= limits.maxAnnouncedPerPeer()) return;
    known.put(release, size);
    if (fetch != null && fetch.release.equals(release)) request(nowMillis);
  }

  private void onRequest(Peer peer, byte[] body, long nowMillis) {
    Decoder d = new Decoder(body);
    Hash release = d.hash();
    long index = d.u32();
    d.finish();
    long size = frameFits ? releases.servedSize(release) : -1;
    if (size < 1) return; // not served here (the peer's view may be stale): no penalty
    int chunks = limits.chunks(size);
    if (index >= chunks) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "release chunk " + index
          + " of " + chunks);
    }
    if (!withinServeRate(peer.nodeId(), nowMillis)) return;
    int i = (int) index;
    try {
      byte[] data = releases.read(release, (long) i * limits.chunkBytes(),
          limits.chunkLength(size, i));
      peer.send(MessageType.RELEASE_CHUNK, new Encoder(data.length + CHUNK_OVERHEAD_BYTES)
          .hash(release).u32(i).u32(chunks).bytes(data).toByteArray());
    } catch (IOException e) {
      // our disk failed: the requester asks another peer after its timeout
    }
  }

  private boolean withinServeRate(Hash peer, long nowMillis) {
    long[] window = served.computeIfAbsent(peer, k -> new long[2]);
    long second = nowMillis / 1_000;
    if (window[0] != second) {
      window[0] = second;
      window[1] = 0;
    }
    return ++window[1] <= limits.maxServedChunksPerPeerPerSecond();
  }

  private void onChunk(Peer peer, byte[] body, long nowMillis) {
    Decoder d = new Decoder(body);
    Hash release = d.hash();
    long index = d.u32();
    long chunks = d.u32();
    byte[] data = d.bytes(limits.chunkBytes());
    d.finish();
    Fetch f = fetch;
    if (f == null || f.size == 0 || !f.release.equals(release) || index >= f.chunks) return;
    Requested r = f.inFlight.get((int) index);
    if (r == null || !r.peer.equals(peer.nodeId()) || f.excluded.contains(peer.nodeId())) {
      return; // late, unasked, or from a peer found lying: ignored
    }
    f.inFlight.remove((int) index);
    if (chunks != f.chunks || data.length != limits.chunkLength(f.size, (int) index)) {
      dropSource(peer, "release chunk " + index + " contradicts the announced size " + f.size);
      request(nowMillis);
      return;
    }
    try {
      write(f, (int) index, data);
    } catch (IOException e) {
      f.problem = "writing " + f.temp + ": " + e.getMessage();
      return;
    }
    f.contributors.add(peer.nodeId());
    f.senders[(int) index] = peer.nodeId();
    if (f.done.cardinality() == f.chunks) finish(f, nowMillis);
    else request(nowMillis);
  }

  private void dropSource(Peer peer, String why) {
    fetch.excluded.add(peer.nodeId());
    fetch.inFlight.values().removeIf(r -> r.peer.equals(peer.nodeId()));
    fetch.problem = "peer " + peer + ": " + why;
    peers.penalise(peer, Penalty.BAD_RELEASE, why);
  }

  // ---- fetching ----

  /**
   * Starts fetching {@code release} from peers (nothing if it is being fetched or stored already).
   *
   * @return the fetch's status; another release's fetch in progress is left alone and reported
   */
  public synchronized Status fetch(Hash release, long nowMillis) {
    if (fetch != null && !fetch.release.equals(release) && fetch.state() != State.STORED) {
      return status();
    }
    if (fetch == null || !fetch.release.equals(release)) fetch = new Fetch(release);
    long have = releases.servedSize(release);
    if (fetch.state() != State.STORED && have > 0) {
      fetch.discard(); // verified here already (e.g. by bcos upgrade fetch --from-file)
      fetch.stored = true;
      fetch.size = have;
      fetch.chunks = limits.chunks(have);
      fetch.done.set(0, fetch.chunks);
    }
    if (!frameFits) {
      fetch.problem = "maxFrameBytes " + peers.config().maxFrameBytes() + " cannot carry a "
          + limits.chunkBytes() + "-byte chunk";
    }
    request(nowMillis);
    return status();
  }

  /** Drops the fetch in progress (its temporary file too): the plan it served changed. */
  public synchronized void cancel() {
    if (fetch != null) {
      fetch.discard();
      fetch.dropFailed();
    }
    fetch = null;
  }

  /** The current (or last) fetch; IDLE when none was asked for. */
  public synchronized Status status() {
    if (fetch == null) return new Status(Hash.ZERO, State.IDLE, 0, 0, 0, 0, "");
    return new Status(fetch.release, fetch.state(), fetch.size, fetch.done.cardinality(),
        fetch.chunks, sources(fetch.release, fetch.size).size(), fetch.problem);
  }

  /** How many connected peers announced {@code release} (any size). */
  public synchronized int announcers(Hash release) {
    int n = 0;
    for (Peer p : peers.peers()) {
      if (announced.getOrDefault(p.nodeId(), Map.of()).containsKey(release)) n++;
    }
    return n;
  }

  /**
   * Called periodically: announces newly served artifacts to every peer, and asks again for
   * chunks that timed out, from any source.
   */
  public synchronized void tick(long nowMillis) {
    if (nowMillis - lastAnnounceCheckMillis >= ANNOUNCE_CHECK_MILLIS) {
      lastAnnounceCheckMillis = nowMillis;
      announceNew();
    }
    if (fetch == null || fetch.state() == State.STORED) return;
    fetch.inFlight.values().removeIf(r -> nowMillis - r.sentAtMillis >= limits
        .requestTimeoutMillis());
    request(nowMillis);
  }

  private void announceNew() {
    if (!frameFits) return;
    Set<Hash> now = new HashSet<>(releases.served());
    for (Hash h : now) {
      long size = releases.servedSize(h);
      if (!announcedServed.contains(h) && size > 0) {
        peers.broadcast(MessageType.RELEASE_HAVE, have(h, size), null);
      }
    }
    announcedServed = now;
  }

  /** Peers (connected, not excluded) that announced the release with this size (0: any). */
  private List<Peer> sources(Hash release, long size) {
    List<Peer> out = new ArrayList<>();
    for (Peer p : peers.peers()) {
      Long s = announced.getOrDefault(p.nodeId(), Map.of()).get(release);
      if (s == null || (fetch != null && fetch.excluded.contains(p.nodeId()))) continue;
      if (size == 0 || s == size) out.add(p);
    }
    return out;
  }

  /** Fills every source's in-flight budget with chunks neither done nor asked for. */
  private void request(long nowMillis) {
    Fetch f = fetch;
    if (f == null || f.state() == State.STORED || !frameFits) return;
    List<Peer> sources = sources(f.release, f.size);
    if (sources.isEmpty()) return;
    if (f.size == 0 && !f.begin(sizeOf(sources.get(0)))) return;
    sources = sources(f.release, f.size);
    if (f.oneAtATime && !sources.isEmpty()) sources = oneSource(f, sources);
    Map<Hash, Integer> busy = new HashMap<>();
    for (Requested r : f.inFlight.values()) busy.merge(r.peer, 1, Integer::sum);
    int next = 0;
    for (Peer p : sources) {
      int free = limits.maxChunksInFlightPerPeer() - busy.getOrDefault(p.nodeId(), 0);
      for (; free > 0; free--) {
        next = f.nextWanted(next);
        if (next < 0) return;
        f.inFlight.put(next, new Requested(p.nodeId(), nowMillis));
        p.send(MessageType.RELEASE_REQUEST, new Encoder(40).hash(f.release).u32(next)
            .toByteArray());
      }
    }
  }

  /** The peer already asked in this attempt, else the first source. */
  private static List<Peer> oneSource(Fetch f, List<Peer> sources) {
    for (Requested r : f.inFlight.values()) {
      for (Peer p : sources) if (p.nodeId().equals(r.peer)) return List.of(p);
    }
    for (Peer p : sources) if (f.contributors.contains(p.nodeId())) return List.of(p);
    return List.of(sources.get(0));
  }

  private long sizeOf(Peer source) {
    return announced.get(source.nodeId()).get(fetch.release);
  }

  private void finish(Fetch f, long nowMillis) {
    boolean kept;
    try {
      f.closeChannel();
      kept = releases.adopt(f.temp, f.release);
    } catch (IOException e) {
      f.problem = "verifying " + f.temp + ": " + e.getMessage();
      f.discard();
      f.restart();
      return;
    }
    if (kept) {
      f.stored = true;
      f.problem = "";
      blameDifferingChunks(f);
      long size = releases.servedSize(f.release);
      if (size > 0) peers.broadcast(MessageType.RELEASE_HAVE, have(f.release, size), null);
      return;
    }
    // a mixed attempt's file is kept to compare; a single source's is not needed: it was blamed
    if (blame(f)) f.keepFailed();
    f.restart();
    request(nowMillis);
  }

  /**
   * One contributor: it lied, for sure. Several: try again one peer at a time to find out.
   *
   * @return whether the blame is open (several contributors), so the file is worth comparing
   */
  private boolean blame(Fetch f) {
    if (f.contributors.size() == 1) {
      Hash liar = f.contributors.iterator().next();
      f.excluded.add(liar);
      f.problem = "RELEASE_HASH_MISMATCH: the artifact of peer " + liar.toHex().substring(0, 16)
          + " has another SHA-256; it is no longer asked";
      peers.peer(liar).ifPresent(p -> peers.penalise(p, Penalty.BAD_RELEASE, "release artifact "
          + f.release.toHex() + " from it has another SHA-256"));
      f.oneAtATime = true;
      return false;
    }
    f.problem = "RELEASE_HASH_MISMATCH: the artifact assembled from " + f.contributors.size()
        + " peers has another SHA-256; asking one peer at a time";
    f.oneAtATime = true;
    return true;
  }

  /**
   * The senders of the chunks in which the last failed file differs from the verified one, but
   * not those penalised already for an artifact of their own (one offence, one penalty).
   */
  private void blameDifferingChunks(Fetch f) {
    if (f.failed == null) return;
    Set<Hash> liars = new HashSet<>();
    try (FileChannel failed = FileChannel.open(f.failed.temp, StandardOpenOption.READ)) {
      boolean sameSize = failed.size() == f.size;
      for (int i = 0; i < f.failed.senders.length; i++) {
        Hash sender = f.failed.senders[i];
        if (sender == null || liars.contains(sender) || f.excluded.contains(sender)) continue;
        if (!sameSize || !sameChunk(failed, f, i)) liars.add(sender);
      }
    } catch (IOException e) {
      // the comparison is a bonus: without it only certain single-source blame is given
    } finally {
      f.dropFailed();
    }
    for (Hash id : liars) {
      peers.peer(id).ifPresent(p -> peers.penalise(p, Penalty.BAD_RELEASE, "it sent a chunk of "
          + "release " + f.release.toHex() + " that differs from the verified artifact"));
    }
  }

  private boolean sameChunk(FileChannel failed, Fetch f, int index) throws IOException {
    int length = limits.chunkLength(f.size, index);
    long offset = (long) index * limits.chunkBytes();
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining() && failed.read(buf, offset + buf.position()) > 0) { }
    return java.util.Arrays.equals(buf.array(), releases.read(f.release, offset, length));
  }

  private static void write(Fetch f, int index, byte[] data) throws IOException {
    if (f.channel == null) {
      f.channel = FileChannel.open(f.temp, StandardOpenOption.WRITE);
    }
    ByteBuffer buf = ByteBuffer.wrap(data);
    long offset = (long) index * f.chunkBytes;
    while (buf.hasRemaining()) offset += f.channel.write(buf, offset);
    f.done.set(index);
  }

  static byte[] have(Hash release, long size) {
    return new Encoder(40).hash(release).u64(size).toByteArray();
  }

  private record Requested(Hash peer, long sentAtMillis) {}

  private record Failed(Path temp, Hash[] senders) {}

  /** One fetch: the release, its size once a source announced it, and what arrived. */
  private final class Fetch {
    final Hash release;
    final int chunkBytes = limits.chunkBytes();
    final Set<Hash> excluded = new HashSet<>();
    final Set<Hash> contributors = new HashSet<>();
    final TreeMap<Integer, Requested> inFlight = new TreeMap<>();
    BitSet done = new BitSet();
    /** Who sent each chunk of this attempt. */
    Hash[] senders = new Hash[0];
    /** The last attempt whose file did not match, kept to find who sent what differs. */
    Failed failed;
    long size;
    int chunks;
    Path temp;
    FileChannel channel;
    boolean stored;
    /** After a mismatch: each attempt from one peer, so a mismatch names its sender. */
    boolean oneAtATime;
    String problem = "";

    Fetch(Hash release) {
      this.release = release;
    }

    State state() {
      if (stored) return State.STORED;
      return size == 0 ? State.WAITING_FOR_PEERS : State.FETCHING;
    }

    /** Takes the size the first source announced and opens the temporary file. */
    boolean begin(long announcedSize) {
      try {
        temp = releases.newTempFile(release);
      } catch (IOException e) {
        problem = "cannot create a temporary file: " + e.getMessage();
        return false;
      }
      size = announcedSize;
      chunks = limits.chunks(size);
      senders = new Hash[chunks];
      return true;
    }

    /** The first chunk at or after {@code from} neither done nor in flight, or -1. */
    int nextWanted(int from) {
      for (int i = done.nextClearBit(from); i < chunks; i = done.nextClearBit(i + 1)) {
        if (!inFlight.containsKey(i)) return i;
      }
      return -1;
    }

    /** Keeps this attempt's file and senders (instead of deleting the file). */
    void keepFailed() {
      dropFailed();
      failed = new Failed(temp, senders);
      temp = null;
    }

    void dropFailed() {
      if (failed == null) return;
      try {
        Files.deleteIfExists(failed.temp);
      } catch (IOException e) {
        // a leftover temporary file is removed when the node starts again
      }
      failed = null;
    }

    /** Forgets what arrived; the next source's announced size starts it again. */
    void restart() {
      discard();
      done = new BitSet();
      contributors.clear();
      inFlight.clear();
      size = 0;
      chunks = 0;
    }

    void closeChannel() throws IOException {
      if (channel != null) {
        channel.force(true);
        channel.close();
        channel = null;
      }
    }

    void discard() {
      try {
        if (channel != null) channel.close();
        channel = null;
        if (temp != null && !stored) Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a leftover temporary file is removed when the node starts again
      }
      temp = null;
    }
  }
}
