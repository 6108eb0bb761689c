package org.bcos.p2p;

/**
 * Why a peer was scored down. Each carries its score change and whether the connection is closed
 * at once (framing and crypto failures leave the stream unusable). A peer whose score falls to the
 * configured threshold is disconnected and banned (escalating, see {@link P2pConfig#banBaseMillis()}).
 */
public enum Penalty {
  /** A frame header announced more than the frame limit; closed before reading the body. */
  OVERSIZED_FRAME(-100, true),
  /** The handshake bytes were not a valid Noise XX message or payload. */
  HANDSHAKE_FAILED(-50, true),
  /** The handshake did not finish within the handshake timeout. */
  HANDSHAKE_TIMEOUT(-20, true),
  /** The peer belongs to another chain. */
  WRONG_CHAIN_ID(-100, true),
  /** The peer's identity does not meet the proof-of-work difficulty. */
  POW_TOO_LOW(-100, true),
  /** The node key's signature over the Noise static key did not verify. */
  BAD_IDENTITY_SIGNATURE(-100, true),
  /** An encrypted frame failed authentication (tampered, replayed or reordered). */
  DECRYPT_FAILED(-100, true),
  /** A decrypted message had an unknown type or a body that does not decode strictly. */
  UNDECODABLE_MESSAGE(-25, false),
  /** Our send queue to the peer was full (it does not read); the message was dropped. */
  SEND_QUEUE_FULL(-10, false),
  /** A consensus message for a height long past (a replayed old vote or proposal). */
  STALE_MESSAGE(-10, false),
  /** A consensus message signed by a key that is not a validator of its height. */
  NOT_A_VALIDATOR(-50, false),
  /** A consensus message whose signature does not verify (forged, or for another chain). */
  BAD_SIGNATURE(-50, false),
  /** A block that is invalid or lacks a valid commit certificate. */
  INVALID_BLOCK(-50, false),
  /**
   * A release artifact assembled from the peer's chunks (among others') whose SHA-256 is not the
   * voted one, or a chunk that contradicts the size the peer announced.
   */
  BAD_RELEASE(-50, false);

  private final int scoreDelta;
  private final boolean disconnects;

  Penalty(int scoreDelta, boolean disconnects) {
    this.scoreDelta = scoreDelta;
    this.disconnects = disconnects;
  }

  public int scoreDelta() {
    return scoreDelta;
  }

  public boolean disconnects() {
    return disconnects;
  }
}
