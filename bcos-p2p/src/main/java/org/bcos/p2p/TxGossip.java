package org.bcos.p2p;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.types.Hash;

/**
 * Transaction gossip: hashes are announced, bodies are fetched on request. A bounded seen-cache
 * stops re-requesting and re-announcing the same hash. The node routes TX_ANNOUNCE, TX_REQUEST and
 * TX_BODIES here from its {@link P2pHandler}. Two bounded caches: hashes we announced (never
 * announced twice) and hashes we requested (never requested twice, even from another peer).
 */
public final class TxGossip {
  /** The node's transaction pool as gossip sees it. */
  public interface TxPool {
    boolean contains(Hash txHash);

    Optional<byte[]> body(Hash txHash);

    /** A body arrived; the pool checks it (hash, signature) and adds or rejects it. */
    void onBody(Peer from, byte[] body);
  }

  private final PeerManager peers;
  private final TxPool pool;
  private final SeenCache announced;
  private final SeenCache requested;
  private final int maxHashes;
  private final int maxBodyBytes;

  public TxGossip(PeerManager peers, TxPool pool, int seenCacheSize) {
    this.peers = peers;
    this.pool = pool;
    this.announced = new SeenCache(seenCacheSize);
    this.requested = new SeenCache(seenCacheSize);
    this.maxHashes = peers.config().maxHashesPerMessage();
    this.maxBodyBytes = peers.config().maxFrameBytes();
  }

  /** Announces new transactions to all peers (except {@code from}, may be null). */
  public void announce(List<Hash> txHashes, Hash from) {
    List<Hash> fresh = new ArrayList<>();
    for (Hash h : txHashes) if (announced.add(h)) fresh.add(h);
    for (int i = 0; i < fresh.size(); i += maxHashes) {
      List<Hash> chunk = fresh.subList(i, Math.min(fresh.size(), i + maxHashes));
      peers.broadcast(MessageType.TX_ANNOUNCE, P2pMessages.hashes(chunk), from);
    }
  }

  /** Handles a TX_* message; returns false for other types. Bad bodies throw CodecException. */
  public boolean onMessage(Peer peer, MessageType type, byte[] body) {
    switch (type) {
      case TX_ANNOUNCE -> onAnnounce(peer, P2pMessages.decodeHashes(body, maxHashes));
      case TX_REQUEST -> onRequest(peer, P2pMessages.decodeHashes(body, maxHashes));
      case TX_BODIES -> {
        for (byte[] tx : P2pMessages.decodeBodies(body, maxHashes, maxBodyBytes)) pool.onBody(peer, tx);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void onAnnounce(Peer peer, List<Hash> hashes) {
    List<Hash> wanted = new ArrayList<>();
    for (Hash h : hashes) {
      if (!pool.contains(h) && requested.add(h)) wanted.add(h);
    }
    if (!wanted.isEmpty()) peer.send(MessageType.TX_REQUEST, P2pMessages.hashes(wanted));
  }

  private void onRequest(Peer peer, List<Hash> hashes) {
    List<byte[]> bodies = new ArrayList<>();
    int bytes = 8;
    for (Hash h : hashes) {
      Optional<byte[]> tx = pool.body(h);
      if (tx.isEmpty()) continue;
      if (bytes + tx.get().length + 8 > maxBodyBytes) break;
      bytes += tx.get().length + 8;
      bodies.add(tx.get());
    }
    if (!bodies.isEmpty()) peer.send(MessageType.TX_BODIES, P2pMessages.bodies(bodies));
  }
}
