package org.bcos.p2p;

import org.bcos.types.Digests;
import org.bcos.types.Hash;

/**
 * Broadcast of opaque consensus messages (proposals, votes, evidence) with a bounded seen-cache,
 * so a message is relayed at most once per node. Validation is the consensus layer's job: it calls
 * {@link #relay} only for messages it accepted.
 */
public final class ConsensusGossip {
  private final PeerManager peers;
  private final SeenCache seen;

  public ConsensusGossip(PeerManager peers, int seenCacheSize) {
    this.peers = peers;
    this.seen = new SeenCache(seenCacheSize);
  }

  /** Sends our own consensus message to all peers. */
  public int broadcast(byte[] message) {
    seen.add(digest(message));
    return peers.broadcast(MessageType.CONSENSUS, message, null);
  }

  /** True the first time a message is seen (the caller should then validate and maybe relay). */
  public boolean firstSeen(byte[] message) {
    return seen.add(digest(message));
  }

  /** Forwards an accepted message to every peer but the one it came from. */
  public int relay(Peer from, byte[] message) {
    return peers.broadcast(MessageType.CONSENSUS, message, from == null ? null : from.nodeId());
  }

  private static Hash digest(byte[] message) {
    return Digests.domain("BCOS/p2p-consensus-seen/v1", message);
  }
}
