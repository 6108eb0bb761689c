package org.bcos.p2p;

/**
 * The bounds of release exchange ({@link ReleaseExchange}), each checked.
 *
 * @param maxReleaseBytes largest artifact fetched or served (at most 512 MiB)
 * @param chunkBytes bytes per chunk, the protocol's 1 MiB; smaller only in tests (both sides must
 *     agree: offsets are {@code index * chunkBytes})
 * @param maxChunksInFlightPerPeer chunks requested from one peer and not yet received
 * @param maxServedChunksPerPeerPerSecond chunks served to one peer per second; requests beyond it
 *     are dropped (the requester asks again after its timeout)
 * @param requestTimeoutMillis how long a requested chunk may take before it is asked of another
 *     peer
 * @param maxAnnouncedPerPeer releases remembered per peer from its RELEASE_HAVE messages
 */
public record ReleaseLimits(long maxReleaseBytes, int chunkBytes, int maxChunksInFlightPerPeer,
    int maxServedChunksPerPeerPerSecond, long requestTimeoutMillis, int maxAnnouncedPerPeer) {
  /** The protocol's chunk size, and the most a RELEASE_CHUNK carries. */
  public static final int CHUNK_BYTES = 1 << 20;
  /** The most any node fetches or serves. */
  public static final long MAX_RELEASE_BYTES = 512L << 20;
  public static final ReleaseLimits DEFAULT =
      new ReleaseLimits(MAX_RELEASE_BYTES, CHUNK_BYTES, 4, 8, 10_000, 16);

  public ReleaseLimits {
    check(maxReleaseBytes >= 1 && maxReleaseBytes <= MAX_RELEASE_BYTES, "maxReleaseBytes");
    check(chunkBytes >= 1 && chunkBytes <= CHUNK_BYTES, "chunkBytes");
    check(maxChunksInFlightPerPeer >= 1 && maxChunksInFlightPerPeer <= 64,
        "maxChunksInFlightPerPeer (1..64)");
    check(maxServedChunksPerPeerPerSecond >= 1 && maxServedChunksPerPeerPerSecond <= 1_000,
        "maxServedChunksPerPeerPerSecond (1..1000)");
    check(requestTimeoutMillis >= 10 && requestTimeoutMillis <= 600_000,
        "requestTimeoutMillis (10..600000)");
    check(maxAnnouncedPerPeer >= 1 && maxAnnouncedPerPeer <= 256, "maxAnnouncedPerPeer (1..256)");
  }

  private static void check(boolean ok, String what) {
    if (!ok) throw new IllegalArgumentException("release limit out of range: " + what);
  }

  /** Chunks of an artifact of {@code size} bytes (at least one). */
  public int chunks(long size) {
    return (int) Math.max(1, (size + chunkBytes - 1) / chunkBytes);
  }

  /** Bytes of chunk {@code index} of an artifact of {@code size} bytes. */
  public int chunkLength(long size, int index) {
    return (int) Math.min(chunkBytes, size - (long) index * chunkBytes);
  }

  /** Whether a frame of {@code maxFrameBytes} carries a whole chunk message. */
  public boolean fits(int maxFrameBytes) {
    return maxFrameBytes >= chunkBytes + ReleaseExchange.CHUNK_OVERHEAD_BYTES;
  }
}
