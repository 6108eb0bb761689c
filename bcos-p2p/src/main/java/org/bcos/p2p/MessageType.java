package org.bcos.p2p;

/** The u8 type of a message envelope; codes are never reused. */
public enum MessageType {
  PING(1),
  PONG(2),
  PEERS(3),
  TX_ANNOUNCE(4),
  TX_REQUEST(5),
  TX_BODIES(6),
  CONSENSUS(7),
  BLOCK_REQUEST(8),
  BLOCK(9),
  SNAPSHOT_REQUEST(10),
  SNAPSHOT_CHUNK(11),
  RELEASE_HAVE(12),
  RELEASE_REQUEST(13),
  RELEASE_CHUNK(14);

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType t : values()) BY_CODE[t.code] = t;
  }

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type for a code, or null when the code is unknown. */
  public static MessageType fromCode(int code) {
    return code >= 0 && code < 256 ? BY_CODE[code] : null;
  }
}
