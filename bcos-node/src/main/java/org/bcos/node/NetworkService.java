package org.bcos.node;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.consensus.ChainConsensus;
import org.bcos.node.mempool.Mempool;
import org.bcos.p2p.ConsensusGossip;
import org.bcos.p2p.MessageType;
import org.bcos.p2p.NodeIdentity;
import org.bcos.p2p.P2pConfig;
import org.bcos.p2p.P2pHandler;
import org.bcos.p2p.Peer;
import org.bcos.p2p.PeerManager;
import org.bcos.p2p.Penalty;
import org.bcos.p2p.ReleaseExchange;
import org.bcos.p2p.ReleaseLimits;
import org.bcos.p2p.TxGossip;
import org.bcos.types.ChainId;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;

/**
 * Connects a node to its peers: validators and followers.
 *
 * <ul>
 *   <li>Consensus: proposals and votes (CONSENSUS) go to the {@link ConsensusService}, which
 *       checks height, signer and signature; accepted ones are relayed once to the other peers,
 *       bad ones score the sender down (undecodable, replayed old, not from a validator, bad
 *       signature).
 *   <li>Pull sync: every {@value #SYNC_INTERVAL_MILLIS} ms and on connect, a peer is asked for the
 *       blocks after our head (BLOCK_REQUEST: u64 height, u32 count ≤ {@value #SYNC_BATCH}); it
 *       answers one BLOCK per block it has (bytes block, bytes commit certificate, u64 its head).
 *       A block at head + 1 must carry a certificate of 2/3+ of its height's validators and is
 *       committed through {@link Ledger#commitBlock} (proposer, tx root, re-execution, state
 *       root). An invalid block or certificate scores the sender down. While more than a few
 *       blocks behind, a progress line (height, blocks/s, ETA) is logged every 5 s.
 *   <li>Push: validators broadcast every block they commit, with its certificate.
 *   <li>Transactions admitted by {@link Ingress} are announced (hashes), fetched on request
 *       (bodies) and admitted on receipt through the same {@link Ingress} checks.
 * </ul>
 *
 * Handlers run on the Netty event loop and only hand work to one worker thread (bounded queue),
 * which does all ledger, mempool and ingress work of the network.
 */
public final class NetworkService implements AutoCloseable, P2pHandler {
  private static final org.slf4j.Logger P2P_LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.p2p");
  private static final org.slf4j.Logger SYNC_LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.sync");
  public static final long SYNC_INTERVAL_MILLIS = 300;
  /** Blocks asked for in one request. */
  static final int SYNC_BATCH = 64;
  static final long PROGRESS_INTERVAL_MILLIS = 5_000;
  static final long PEER_HEAD_TTL_MILLIS = 5_000;
  static final int MAX_QUEUED_TASKS = 10_000;
  static final int SEEN_CACHE = 100_000;

  private final Ledger ledger;
  private final Mempool mempool;
  private final Ingress ingress;
  private final ChainEvents events;
  private final NodeMetrics metrics;
  private final PeerManager peers;
  private final TxGossip gossip;
  private final ConsensusGossip consensusGossip;
  private final ConsensusService consensus;
  private final CommittedBlocks committed;
  private final StateSnapshots snapshots;
  private final StateSync stateSync; // null unless this fresh node starts from a snapshot
  private volatile Runnable onStateSynced = () -> { };
  private final SignatureVerifier verifier;
  private final SyncProgress progress = new SyncProgress(PROGRESS_INTERVAL_MILLIS);
  private long requestedUpTo; // worker thread only
  private volatile long bestPeerHead;
  private volatile long bestPeerHeadAt;
  private volatile long lastSyncedBlockAt;
  private final ScheduledThreadPoolExecutor worker;
  private final AtomicInteger queued = new AtomicInteger();
  private final int maxBlockMessageBytes;
  private Runnable unsubscribe = () -> {};
  private volatile InetSocketAddress listenAddress;
  private volatile boolean closed;

  private final StorageFailures storageFailures;
  private final ReleaseExchange releaseExchange; // null without a release store

  private NetworkService(P2pConfig p2pConfig, NodeIdentity identity, Ledger ledger,
      Mempool mempool, Ingress ingress, ChainEvents events, NodeMetrics metrics,
      ConsensusService consensus, SignatureVerifier verifier, CommittedBlocks committed,
      StateSnapshots snapshots, StateSync stateSync, StorageFailures storageFailures,
      ReleaseExchange.Releases releases) {
    this.storageFailures = storageFailures;
    this.consensus = consensus;
    this.verifier = verifier;
    this.committed = committed;
    this.snapshots = snapshots;
    this.stateSync = stateSync;
    this.ledger = ledger;
    this.mempool = mempool;
    this.ingress = ingress;
    this.events = events;
    this.metrics = metrics;
    this.peers = new PeerManager(p2pConfig, identity, new SecureRandom());
    this.gossip = new TxGossip(peers, new Pool(), SEEN_CACHE);
    this.consensusGossip = new ConsensusGossip(peers, SEEN_CACHE);
    this.releaseExchange = releases == null ? null
        : new ReleaseExchange(peers, releases, ReleaseLimits.DEFAULT);
    this.maxBlockMessageBytes = maxBlockMessageBytes(ledger);
    this.worker = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("bcos-network"));
    worker.setRemoveOnCancelPolicy(true);
  }

  /** Largest block (or proposal) message body on this chain's P2P frames. */
  static int maxBlockMessageBytes(Ledger ledger) {
    return frameBytes(ledger) - 1;
  }

  private static int frameBytes(Ledger ledger) {
    long blockBytes = ledger.params().maxBlockBytes() + 16L * ledger.params().maxTxsPerBlock()
        + 256 * 1024; // room for the commit certificate
    return (int) Math.max(P2pConfig.DEFAULT_MAX_FRAME_BYTES, Math.min(blockBytes, 64 << 20));
  }

  /** The P2P limits for this chain: peers must share the chain id and genesis. */
  public static P2pConfig p2pConfig(NodeConfig.P2p p2p, Ledger ledger) {
    String chain = ChainId.networkId(ledger.params().chainId(), ledger.genesisHash());
    int frame = frameBytes(ledger);
    return P2pConfig.builder(chain).listen(p2p.listenHost(), p2p.listenPort()).seeds(p2p.seeds())
        .powBits(ledger.params().nodeIdPowBits()).maxFrameBytes(frame).reconnect(200, 10_000)
        .maintenanceIntervalMillis(200).build();
  }

  /**
   * Starts listening and dialling. With {@code consensus} (a validator) it carries consensus
   * messages and pushes every block it commits; without, it is a follower that syncs.
   */
  static NetworkService start(NodeConfig.P2p p2p, NodeIdentity identity,
      ConsensusService consensus, Ledger ledger, Mempool mempool, Ingress ingress,
      ChainEvents events, NodeMetrics metrics, SignatureVerifier verifier,
      CommittedBlocks committed, StateSnapshots snapshots, StorageFailures storageFailures,
      ReleaseExchange.Releases releases) throws InterruptedException {
    boolean validator = consensus != null;
    StateSync stateSync = p2p.stateSyncHeight() > 0 && ledger.head().height() == 0
        ? new StateSync(ledger, p2p.stateSyncHeight(), Hash.fromHex(p2p.stateSyncHash()))
        : null;
    NetworkService service = new NetworkService(p2pConfig(p2p, ledger), identity, ledger,
        mempool, ingress, events, metrics, consensus, verifier, committed, snapshots, stateSync,
        storageFailures, releases);
    if (validator) {
      service.unsubscribe = events.onBlock(service::push);
      consensus.connect(service::broadcastConsensus, service::isBehind);
    }
    ingress.onAdmitted(hashes -> {
      if (!service.closed) service.gossip.announce(hashes, null);
    });
    try {
      service.listenAddress = service.peers.start(service);
    } catch (InterruptedException | RuntimeException e) {
      service.close();
      throw e;
    }
    service.worker.scheduleWithFixedDelay(service::syncTick, SYNC_INTERVAL_MILLIS,
        SYNC_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    if (stateSync != null) {
      SYNC_LOG.info("starting from the state snapshot at height " + stateSync.height()
          + " (trusted block " + p2p.stateSyncHash() + ")");
    }
    P2P_LOG.info("listening on " + service.listenAddress + " as "
        + identity.nodeId().toHex().substring(0, 16) + (validator ? " (validator)" : " (follower)")
        + ", seeds " + p2p.seeds());
    return service;
  }

  public PeerManager peerManager() {
    return peers;
  }

  public InetSocketAddress listenAddress() {
    return listenAddress;
  }

  public Hash nodeId() {
    return peers.nodeId();
  }

  // ---- P2pHandler (Netty event loop: hand off only) ----

  @Override
  public void onMessage(Peer peer, MessageType type, byte[] body) {
    submit(() -> handle(peer, type, body));
  }

  @Override
  public void onPeerConnected(Peer peer) {
    submit(() -> {
      if (stateSync == null || !stateSync.active()) requestNext(peer);
      if (releaseExchange != null) releaseExchange.onPeerConnected(peer);
    });
  }

  @Override
  public void onPeerDisconnected(Peer peer) {
    if (releaseExchange != null) submit(() -> releaseExchange.onPeerDisconnected(peer));
  }

  /** Release artifacts over P2P ({@code upgrade_fetch}); empty without a release store. */
  public Optional<ReleaseExchange> releaseExchange() {
    return Optional.ofNullable(releaseExchange);
  }

  /** Whether this node still waits for its starting state snapshot. */
  public boolean isStateSyncing() {
    return stateSync != null && stateSync.active();
  }

  /** Runs {@code action} once the starting snapshot is restored (at once if there is none). */
  void whenStateSynced(Runnable action) {
    onStateSynced = action;
    if (!isStateSyncing()) submit(action);
  }

  private void syncTick() {
    if (releaseExchange != null) releaseExchange.tick(System.currentTimeMillis());
    if (isStateSyncing()) {
      stateSync.tick(peers.peers(), System.currentTimeMillis()).ifPresent(this::requestChunk);
    } else {
      requestNext(null);
    }
  }

  private void requestChunk(StateSync.Request r) {
    r.to().send(MessageType.SNAPSHOT_REQUEST,
        new Encoder(12).u64(r.height()).u32(r.index()).toByteArray());
  }

  private void serveChunk(Peer peer, byte[] body) {
    Decoder d = new Decoder(body);
    long height = d.u64();
    int index = (int) d.u32();
    d.finish();
    StateSnapshots.Chunk chunk = snapshots == null ? null
        : snapshots.chunk(height, index).orElse(null);
    if (chunk == null) {
      chunk = new StateSnapshots.Chunk(height, index, 0, new byte[0], new byte[0], new byte[0]);
    }
    peer.send(MessageType.SNAPSHOT_CHUNK, chunk.encode());
  }

  private void receiveChunk(Peer peer, byte[] body) {
    if (!isStateSyncing()) return;
    StateSnapshots.Chunk chunk = StateSnapshots.Chunk.decode(body, maxBlockMessageBytes);
    List<StateSync.Request> next = new java.util.ArrayList<>(1);
    switch (stateSync.onChunk(peer, chunk, System.currentTimeMillis(), next)) {
      case IGNORED -> {
        if (chunk.chunks() == 0 || chunk.index() == 0) SYNC_LOG.info(stateSync.lastProblem());
      }
      case PROGRESS -> {
        if (chunk.index() % 16 == 0) {
          SYNC_LOG.info("snapshot chunk " + (chunk.index() + 1) + "/" + chunk.chunks()
              + " from " + peer + ", " + stateSync.entriesSoFar() + " entries");
        }
        next.forEach(this::requestChunk);
      }
      case BAD_SNAPSHOT -> {
        SYNC_LOG.warn(stateSync.lastProblem());
        peers.penalise(peer, Penalty.INVALID_BLOCK, "bad state snapshot");
      }
      case RESTORED -> {
        SYNC_LOG.info("restored the state of height " + ledger.head().height()
            + " from " + peer + "; syncing blocks from there");
        onStateSynced.run();
        requestNext(peer);
      }
    }
  }

  private void submit(Runnable task) {
    if (closed) return;
    if (queued.incrementAndGet() > MAX_QUEUED_TASKS) {
      queued.decrementAndGet();
      return;
    }
    try {
      worker.execute(() -> {
        try {
          if (!closed) task.run();
        } finally {
          queued.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      queued.decrementAndGet();
    }
  }

  // ---- worker thread ----

  /** Handles one message from a peer; package-private for tests. */
  void handle(Peer peer, MessageType type, byte[] body) {
    try {
      switch (type) {
        case TX_ANNOUNCE, TX_REQUEST, TX_BODIES -> gossip.onMessage(peer, type, body);
        case BLOCK_REQUEST -> serveBlocks(peer, body);
        case BLOCK -> receiveBlock(peer, body);
        case CONSENSUS -> receiveConsensus(peer, body);
        case SNAPSHOT_REQUEST -> serveChunk(peer, body);
        case SNAPSHOT_CHUNK -> receiveChunk(peer, body);
        case RELEASE_HAVE, RELEASE_REQUEST, RELEASE_CHUNK -> {
          if (releaseExchange != null) {
            releaseExchange.onMessage(peer, type, body, System.currentTimeMillis());
          }
        }
        default -> { } // PING, PONG, PEERS: handled by the peer manager
      }
    } catch (CodecException e) {
      peers.penalise(peer, Penalty.UNDECODABLE_MESSAGE, type + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (!closed) P2P_LOG.warn("handling " + type + " from " + peer + " failed: " + e);
    }
  }

  private void receiveConsensus(Peer peer, byte[] body) {
    if (consensus == null || consensusGossip.seen(body)) return;
    ConsensusService.Check check = consensus.offer(body);
    if (check == ConsensusService.Check.NOT_NOW) return; // a re-sent copy may be used later
    consensusGossip.markSeen(body);
    switch (check) {
      case ACCEPTED -> consensusGossip.relay(peer, body);
      case NOT_NOW -> { }
      case UNDECODABLE -> peers.penalise(peer, Penalty.UNDECODABLE_MESSAGE, "consensus message");
      case STALE -> peers.penalise(peer, Penalty.STALE_MESSAGE, "consensus message of an old height");
      case NOT_A_VALIDATOR -> peers.penalise(peer, Penalty.NOT_A_VALIDATOR, "consensus message");
      case BAD_SIGNATURE -> peers.penalise(peer, Penalty.BAD_SIGNATURE, "consensus message");
    }
  }

  /** Records a head a peer reported (claims expire after {@value #PEER_HEAD_TTL_MILLIS} ms). */
  private void notePeerHead(long peerHead) {
    long now = System.currentTimeMillis();
    if (peerHead >= bestPeerHead || now - bestPeerHeadAt > PEER_HEAD_TTL_MILLIS) {
      bestPeerHead = peerHead;
      bestPeerHeadAt = now;
    }
  }

  /**
   * Whether this node is catching up: a peer recently reported a head more than one block above
   * ours and certified blocks are arriving by sync (a claim alone is not enough, so a peer lying
   * about its head cannot silence a validator). A syncing validator must not send consensus
   * messages for heights its peers have long finished (they would score them as replays).
   */
  boolean isBehind() {
    long now = System.currentTimeMillis();
    return now - bestPeerHeadAt <= PEER_HEAD_TTL_MILLIS
        && now - lastSyncedBlockAt <= PEER_HEAD_TTL_MILLIS
        && bestPeerHead > ledger.head().height() + 1;
  }

  /** Sends this validator's own consensus message to every peer. */
  private void broadcastConsensus(byte[] wire) {
    if (!closed) consensusGossip.broadcast(wire);
  }

  private void requestNext(Peer peer) {
    if (ledger.upgradeRequired().isPresent()) return; // stopped before an upgrade this lacks
    try {
      Peer to = peer;
      if (to == null) {
        List<Peer> connected = peers.peers();
        if (connected.isEmpty()) return;
        to = connected.get(ThreadLocalRandom.current().nextInt(connected.size()));
      }
      long next = ledger.head().height() + 1;
      requestedUpTo = next + SYNC_BATCH - 1;
      to.send(MessageType.BLOCK_REQUEST, new Encoder(12).u64(next).u32(SYNC_BATCH).toByteArray());
    } catch (RuntimeException e) {
      if (!closed) P2P_LOG.warn("block request failed: " + e);
    }
  }

  private void serveBlocks(Peer peer, byte[] body) {
    Decoder d = new Decoder(body);
    long from = d.u64();
    long count = d.u32();
    d.finish();
    long head = ledger.head().height();
    if (from < 1 || count < 1 || count > SYNC_BATCH) {
      peers.penalise(peer, Penalty.UNDECODABLE_MESSAGE, "block request out of range");
      return;
    }
    if (from > head) { // nothing to send: tell the peer our head, so it knows it is not behind
      peer.send(MessageType.BLOCK, blockMessage(new byte[0], new byte[0], head));
      return;
    }
    for (long h = from; h <= head && h < from + count; h++) {
      Optional<Block> block = ledger.block(h);
      Optional<byte[]> cert = ledger.commitCertificate(h);
      if (block.isEmpty() || cert.isEmpty()) return;
      byte[] message = blockMessage(block.get().encode(), cert.get(), head);
      if (message.length > maxBlockMessageBytes) {
        P2P_LOG.warn("block " + h + " is too large to serve (" + message.length + " bytes)");
        return;
      }
      peer.send(MessageType.BLOCK, message);
    }
  }

  private static byte[] blockMessage(byte[] block, byte[] certificate, long head) {
    return new Encoder(block.length + certificate.length + 24).bytes(block).bytes(certificate)
        .u64(head).toByteArray();
  }

  private void receiveBlock(Peer peer, byte[] body) {
    if (body.length > maxBlockMessageBytes) {
      peers.penalise(peer, Penalty.OVERSIZED_FRAME, "block of " + body.length + " bytes");
      return;
    }
    Decoder d = new Decoder(body);
    byte[] encoded = d.bytes(maxBlockMessageBytes);
    byte[] certificate = d.bytes(maxBlockMessageBytes);
    long peerHead = d.u64();
    d.finish();
    notePeerHead(peerHead);
    if (encoded.length == 0 || isStateSyncing()) return; // just its head, or not yet
    // the next block runs under a version this software lacks: not the peer's fault, and its
    // messages may not even decode here; import nothing (consensus raised the health fault)
    if (ledger.upgradeRequired().isPresent()) return;
    Block block;
    try {
      block = Block.decode(encoded, ledger.modules());
    } catch (IllegalArgumentException e) {
      peers.penalise(peer, Penalty.UNDECODABLE_MESSAGE, "undecodable block: " + e.getMessage());
      return;
    }
    if (block.height() != ledger.head().height() + 1) return; // known already, or not yet
    long started = System.nanoTime();
    Optional<String> problem =
        ChainConsensus.certificateProblem(ledger, block, encoded, certificate, verifier);
    if (problem.isPresent()) {
      P2P_LOG.warn("block " + block.height() + " from " + peer + ": " + problem.get());
      peers.penalise(peer, Penalty.INVALID_BLOCK, problem.get());
      return;
    }
    try {
      ledger.commitBlock(block, certificate);
    } catch (Ledger.InvalidBlockException e) {
      if (ledger.head().height() >= block.height()) return; // consensus committed it meanwhile
      P2P_LOG.warn("invalid block " + block.height() + " from " + peer + ": " + e.getMessage());
      peers.penalise(peer, Penalty.INVALID_BLOCK, "invalid block: " + e.getMessage());
      return;
    } catch (org.bcos.storage.StorageException e) {
      storageFailures.failed(block.height(), e); // our disk, not the peer's fault
      return;
    }
    lastSyncedBlockAt = System.currentTimeMillis();
    committed.committed(block, started, "synced from " + peer);
    progress.imported(block.height(), peerHead, System.currentTimeMillis())
        .ifPresent(line -> SYNC_LOG.info(line));
    if (consensus != null) consensus.headAdvanced();
    if (block.height() < peerHead && block.height() >= requestedUpTo) requestNext(peer);
  }

  /** Validator only: pushes a block it just committed to every peer. */
  private void push(Block block) {
    if (closed) return;
    Optional<byte[]> cert = ledger.commitCertificate(block.height());
    if (cert.isEmpty()) return;
    byte[] message = blockMessage(block.encode(), cert.get(), block.height());
    if (message.length <= maxBlockMessageBytes) peers.broadcast(MessageType.BLOCK, message, null);
  }

  /** The mempool as transaction gossip sees it. */
  private final class Pool implements TxGossip.TxPool {
    @Override
    public boolean contains(Hash txHash) {
      return mempool.contains(txHash) || ledger.txLocation(txHash).isPresent();
    }

    @Override
    public Optional<byte[]> body(Hash txHash) {
      return mempool.get(txHash).map(Transaction::encoded);
    }

    @Override
    public void onBody(Peer from, byte[] body) {
      if (body.length > Transaction.MAX_ENCODED_BYTES) {
        peers.penalise(from, Penalty.UNDECODABLE_MESSAGE, "oversized transaction");
        return;
      }
      Ingress.Result r = ingress.submitHex(Hex.encode(body));
      Rejection why = r.verdict().rejection();
      if (why == TxRejection.MALFORMED_ENCODING || why == TxRejection.UNSUPPORTED_VERSION
          || why == TxRejection.BAD_SIGNATURE || why == TxRejection.OVERSIZED) {
        peers.penalise(from, Penalty.UNDECODABLE_MESSAGE, "bad transaction: " + why);
      }
    }
  }

  /** Stops the P2P service and the worker (after the block import in progress, if any). */
  @Override
  public void close() {
    closed = true;
    unsubscribe.run();
    ingress.onAdmitted(null);
    peers.close();
    worker.shutdownNow();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        P2P_LOG.warn("network worker did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
