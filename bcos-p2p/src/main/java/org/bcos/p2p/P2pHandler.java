package org.bcos.p2p;

/**
 * What the node plugs into the P2P layer: every application message (all types but PING, PONG and
 * PEERS, which the layer answers itself). Called on a Netty event loop: return quickly and hand
 * heavy work (signature checks, block execution) to another executor. A {@link
 * org.bcos.types.codec.CodecException} thrown here scores the peer down as {@link
 * Penalty#UNDECODABLE_MESSAGE}.
 */
public interface P2pHandler {
  void onMessage(Peer peer, MessageType type, byte[] body);

  default void onPeerConnected(Peer peer) {}

  default void onPeerDisconnected(Peer peer) {}
}
