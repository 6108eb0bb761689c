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
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.mempool.Mempool;
import org.bcos.p2p.MessageType;
import org.bcos.p2p.NodeIdentity;
import org.bcos.p2p.P2pConfig;
import org.bcos.p2p.P2pHandler;
import org.bcos.p2p.Peer;
import org.bcos.p2p.PeerManager;
import org.bcos.p2p.Penalty;
import org.bcos.p2p.TxGossip;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * Connects a node to its peers (single validator + followers; no BFT yet).
 *
 * <ul>
 *   <li>Pull sync: every {@value #SYNC_INTERVAL_MILLIS} ms and on connect, a peer is asked for the
 *       block after our head (BLOCK_REQUEST: u64 height); it answers BLOCK (the encoded block) if
 *       it has it, one block per request. A block at head + 1 is imported through {@link
 *       Ledger#importBlock} (validator signature, tx root, re-execution, state root) and the next
 *       one is asked for at once. An invalid or undecodable block scores the sender down.
 *   <li>Push: the validator broadcasts every block it commits.
 *   <li>Transactions admitted by {@link Ingress} are announced (hashes), fetched on request
 *       (bodies) and admitted on receipt through the same {@link Ingress} checks.
 * </ul>
 *
 * Handlers run on the Netty event loop and only hand work to one worker thread (bounded queue),
 * which does all ledger, mempool and ingress work of the network.
 */
public final class NetworkService implements AutoCloseable, P2pHandler {
  public static final long SYNC_INTERVAL_MILLIS = 300;
  static final int MAX_QUEUED_TASKS = 10_000;
  static final int SEEN_CACHE = 100_000;

  private final Ledger ledger;
  private final Mempool mempool;
  private final Ingress ingress;
  private final ChainEvents events;
  private final NodeMetrics metrics;
  private final PeerManager peers;
  private final TxGossip gossip;
  private final ScheduledThreadPoolExecutor worker;
  private final AtomicInteger queued = new AtomicInteger();
  private final int maxBlockMessageBytes;
  private Runnable unsubscribe = () -> {};
  private volatile InetSocketAddress listenAddress;
  private volatile boolean closed;

  private NetworkService(P2pConfig p2pConfig, NodeIdentity identity, Ledger ledger,
      Mempool mempool, Ingress ingress, ChainEvents events, NodeMetrics metrics) {
    this.ledger = ledger;
    this.mempool = mempool;
    this.ingress = ingress;
    this.events = events;
    this.metrics = metrics;
    this.peers = new PeerManager(p2pConfig, identity, new SecureRandom());
    this.gossip = new TxGossip(peers, new Pool(), SEEN_CACHE);
    this.maxBlockMessageBytes = p2pConfig.maxFrameBytes() - 1;
    this.worker = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "bcos-network");
      t.setDaemon(true);
      return t;
    });
    worker.setRemoveOnCancelPolicy(true);
  }

  /** The P2P limits for this chain: peers must share the chain id and genesis. */
  public static P2pConfig p2pConfig(NodeConfig.P2p p2p, Ledger ledger) {
    String chain = ledger.params().chainId() + "/" + ledger.genesisHash().toHex().substring(0, 16);
    long blockBytes = ledger.params().maxBlockBytes() + 16L * ledger.params().maxTxsPerBlock()
        + 64 * 1024;
    int frame = (int) Math.max(P2pConfig.DEFAULT_MAX_FRAME_BYTES, Math.min(blockBytes, 64 << 20));
    return P2pConfig.builder(chain).listen(p2p.listenHost(), p2p.listenPort()).seeds(p2p.seeds())
        .powBits(p2p.powBits()).maxFrameBytes(frame).reconnect(200, 10_000)
        .maintenanceIntervalMillis(200).build();
  }

  /**
   * Starts listening and dialling; {@code validator} nodes also push every block they commit.
   */
  static NetworkService start(NodeConfig.P2p p2p, NodeIdentity identity, boolean validator,
      Ledger ledger, Mempool mempool, Ingress ingress, ChainEvents events, NodeMetrics metrics)
      throws InterruptedException {
    NetworkService service = new NetworkService(p2pConfig(p2p, ledger), identity, ledger,
        mempool, ingress, events, metrics);
    if (validator) service.unsubscribe = events.onBlock(service::push);
    ingress.onAdmitted(hashes -> {
      if (!service.closed) service.gossip.announce(hashes, null);
    });
    try {
      service.listenAddress = service.peers.start(service);
    } catch (InterruptedException | RuntimeException e) {
      service.close();
      throw e;
    }
    service.worker.scheduleWithFixedDelay(() -> service.requestNext(null), SYNC_INTERVAL_MILLIS,
        SYNC_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    Log.info("p2p", "listening on " + service.listenAddress + " as "
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
    submit(() -> requestNext(peer));
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
        case BLOCK_REQUEST -> serveBlock(peer, body);
        case BLOCK -> receiveBlock(peer, body);
        default -> { } // CONSENSUS: not used by a single-validator chain
      }
    } catch (CodecException e) {
      peers.penalise(peer, Penalty.UNDECODABLE_MESSAGE, type + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (!closed) Log.warn("p2p", "handling " + type + " from " + peer + " failed: " + e);
    }
  }

  private void requestNext(Peer peer) {
    try {
      Peer to = peer;
      if (to == null) {
        List<Peer> connected = peers.peers();
        if (connected.isEmpty()) return;
        to = connected.get(ThreadLocalRandom.current().nextInt(connected.size()));
      }
      long next = ledger.head().height() + 1;
      to.send(MessageType.BLOCK_REQUEST, new Encoder(8).u64(next).toByteArray());
    } catch (RuntimeException e) {
      if (!closed) Log.warn("p2p", "block request failed: " + e);
    }
  }

  private void serveBlock(Peer peer, byte[] body) {
    Decoder d = new Decoder(body);
    long height = d.u64();
    d.finish();
    if (height < 1 || height > ledger.head().height()) return;
    Optional<Block> block = ledger.block(height);
    if (block.isEmpty()) return;
    byte[] encoded = block.get().encode();
    if (encoded.length > maxBlockMessageBytes) {
      Log.warn("p2p", "block " + height + " is too large to serve (" + encoded.length + " bytes)");
      return;
    }
    peer.send(MessageType.BLOCK, encoded);
  }

  private void receiveBlock(Peer peer, byte[] body) {
    if (body.length > maxBlockMessageBytes) {
      peers.penalise(peer, Penalty.OVERSIZED_FRAME, "block of " + body.length + " bytes");
      return;
    }
    Block block;
    try {
      block = Block.decode(body);
    } catch (IllegalArgumentException e) {
      peers.penalise(peer, Penalty.UNDECODABLE_MESSAGE, "undecodable block: " + e.getMessage());
      return;
    }
    if (block.height() != ledger.head().height() + 1) return; // known already, or not yet
    long started = System.nanoTime();
    try {
      ledger.importBlock(block);
    } catch (Ledger.InvalidBlockException e) {
      Log.warn("p2p", "invalid block " + block.height() + " from " + peer + ": " + e.getMessage());
      peers.penalise(peer, Penalty.UNDECODABLE_MESSAGE, "invalid block: " + e.getMessage());
      return;
    }
    mempool.removeFinal(block.transactions());
    metrics.blockCommitted(block, (System.nanoTime() - started) / 1000);
    Log.info("chain", "imported block " + block.height() + " txs=" + block.transactions().size()
        + " from " + peer);
    events.publish(block);
    requestNext(peer);
  }

  /** Validator only: pushes a block it just committed to every peer. */
  private void push(Block block) {
    if (closed) return;
    byte[] encoded = block.encode();
    if (encoded.length <= maxBlockMessageBytes) peers.broadcast(MessageType.BLOCK, encoded, null);
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
      if (why == Rejection.MALFORMED_ENCODING || why == Rejection.UNSUPPORTED_VERSION
          || why == Rejection.BAD_SIGNATURE || why == Rejection.OVERSIZED) {
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
        Log.warn("p2p", "network worker did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
