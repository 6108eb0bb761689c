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

  /**
   * Whether a message was already handled: sent by us, or accepted (or refused) before. A message
   * the consensus layer could not use yet (for a later height) is not marked, so a re-sent copy
   * gets another chance.
   */
  public boolean seen(byte[] message) {
    return seen.contains(digest(message));
  }

  /** Records a handled message, so copies of it are dropped. */
  public void markSeen(byte[] message) {
    seen.add(digest(message));
  }

  /** Marks an accepted message seen and forwards it to every peer but the one it came from. */
  public int relay(Peer from, byte[] message) {
    markSeen(message);
    return peers.broadcast(MessageType.CONSENSUS, message, from == null ? null : from.nodeId());
  }

  private static Hash digest(byte[] message) {
    return Digests.domain("BCOS/p2p-consensus-seen/v1", message);
  }
}
