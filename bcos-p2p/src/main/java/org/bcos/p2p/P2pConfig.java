package org.bcos.p2p;

import java.util.List;
import org.bcos.types.ChainId;

/**
 * Every limit of the P2P layer, named and checked. Build with {@link #builder(String)}; the
 * defaults suit a small public network. {@code powBits} comes from genesis.
 *
 * @param networkId the network this node belongs to: its chain id, alone or tagged with its
 *     genesis ({@link ChainId#networkId}); peers with another id are refused
 * @param listenHost interface to bind
 * @param listenPort TCP port to bind, 0 for an ephemeral port
 * @param seeds {@code host:port} addresses dialled at start
 * @param maxInboundPeers inbound connections, including ones still handshaking
 * @param maxInboundPeersPerIp inbound connections from one IP (several nodes may share one)
 * @param maxHandshakesPerIp inbound connections from one IP still in the handshake; authenticated
 *     peers do not count, so a flood from an IP never locks out the node ids already behind it
 * @param bannedIpHandshakes handshakes allowed at a time from an IP banned for pre-handshake abuse
 *     (not 0: another node behind the same IP can still authenticate and is judged by node id)
 * @param maxOutboundPeers outbound connections, including ones still dialling
 * @param maxFrameBytes largest plaintext message envelope
 * @param sendQueueLength messages queued to one peer before new ones are dropped
 * @param handshakeTimeoutMillis time allowed for the whole Noise handshake
 * @param pingIntervalMillis how often each peer is pinged
 * @param peerIdleTimeoutMillis a peer silent this long is disconnected
 * @param banBaseMillis how long a first ban lasts (a node id, or an IP for pre-handshake abuse)
 * @param banMaxMillis cap of the ban duration, which doubles with each repeat offence
 * @param banForgetMillis a key not banned again for this long starts over at the base duration
 * @param banScoreThreshold score at or below which a peer is banned (scores start at 0)
 * @param powBits identity puzzle difficulty (leading zero bits)
 * @param reconnectBaseMillis first retry delay after a failed or lost outbound connection
 * @param reconnectMaxMillis cap of the doubling retry delay
 * @param maxPeersPerMessage addresses in one PEERS message
 * @param maxKnownAddresses addresses remembered for dialling
 * @param maxHashesPerMessage hashes in one TX_ANNOUNCE / TX_REQUEST, bodies in one TX_BODIES
 * @param maxTrackedOffenders scored peers/addresses remembered
 * @param maintenanceIntervalMillis period of the dial / ping / peer-exchange task
 * @param ioThreads Netty event loop threads
 */
public record P2pConfig(
    String networkId,
    String listenHost,
    int listenPort,
    List<String> seeds,
    int maxInboundPeers,
    int maxInboundPeersPerIp,
    int maxHandshakesPerIp,
    int bannedIpHandshakes,
    int maxOutboundPeers,
    int maxFrameBytes,
    int sendQueueLength,
    long handshakeTimeoutMillis,
    long pingIntervalMillis,
    long peerIdleTimeoutMillis,
    long banBaseMillis,
    long banMaxMillis,
    long banForgetMillis,
    int banScoreThreshold,
    int powBits,
    long reconnectBaseMillis,
    long reconnectMaxMillis,
    int maxPeersPerMessage,
    int maxKnownAddresses,
    int maxHashesPerMessage,
    int maxTrackedOffenders,
    long maintenanceIntervalMillis,
    int ioThreads) {
  public static final int MAX_SEEDS = 256;
  public static final int DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;
  public static final int DEFAULT_POW_BITS = 16;

  public P2pConfig {
    ChainId.checkNetworkId(networkId);
    if (listenHost == null || listenHost.isEmpty()) throw new IllegalArgumentException("listenHost");
    require(listenPort >= 0 && listenPort <= 65535, "listenPort", listenPort);
    seeds = List.copyOf(seeds);
    require(seeds.size() <= MAX_SEEDS, "seeds", seeds.size());
    for (String seed : seeds) PeerAddress.parse(seed);
    require(maxInboundPeers >= 0 && maxInboundPeers <= 10_000, "maxInboundPeers", maxInboundPeers);
    require(within(maxInboundPeersPerIp, 1, 10_000), "maxInboundPeersPerIp", maxInboundPeersPerIp);
    require(within(maxHandshakesPerIp, 1, 10_000), "maxHandshakesPerIp", maxHandshakesPerIp);
    require(within(bannedIpHandshakes, 0, maxHandshakesPerIp), "bannedIpHandshakes", bannedIpHandshakes);
    require(maxOutboundPeers >= 0 && maxOutboundPeers <= 1_000, "maxOutboundPeers", maxOutboundPeers);
    require(maxFrameBytes >= 1024 && maxFrameBytes <= 64 << 20, "maxFrameBytes", maxFrameBytes);
    require(sendQueueLength >= 1 && sendQueueLength <= 1_000_000, "sendQueueLength", sendQueueLength);
    require(within(handshakeTimeoutMillis, 50, 120_000), "handshakeTimeoutMillis", handshakeTimeoutMillis);
    require(within(pingIntervalMillis, 50, 3_600_000), "pingIntervalMillis", pingIntervalMillis);
    require(peerIdleTimeoutMillis > pingIntervalMillis, "peerIdleTimeoutMillis", peerIdleTimeoutMillis);
    require(within(banBaseMillis, 0, 30L * 86_400_000), "banBaseMillis", banBaseMillis);
    require(within(banMaxMillis, banBaseMillis, 30L * 86_400_000), "banMaxMillis", banMaxMillis);
    require(within(banForgetMillis, 0, 365L * 86_400_000), "banForgetMillis", banForgetMillis);
    require(banScoreThreshold < 0 && banScoreThreshold >= -100_000, "banScoreThreshold", banScoreThreshold);
    require(powBits >= 0 && powBits <= NodeIdentity.MAX_POW_BITS, "powBits", powBits);
    require(within(reconnectBaseMillis, 10, 3_600_000), "reconnectBaseMillis", reconnectBaseMillis);
    require(within(reconnectMaxMillis, reconnectBaseMillis, 86_400_000), "reconnectMaxMillis", reconnectMaxMillis);
    require(maxPeersPerMessage >= 1 && maxPeersPerMessage <= 1_000, "maxPeersPerMessage", maxPeersPerMessage);
    require(maxKnownAddresses >= 1 && maxKnownAddresses <= 100_000, "maxKnownAddresses", maxKnownAddresses);
    require(maxHashesPerMessage >= 1 && maxHashesPerMessage <= 100_000, "maxHashesPerMessage", maxHashesPerMessage);
    require(maxTrackedOffenders >= 16 && maxTrackedOffenders <= 1_000_000, "maxTrackedOffenders", maxTrackedOffenders);
    require(within(maintenanceIntervalMillis, 10, 60_000), "maintenanceIntervalMillis", maintenanceIntervalMillis);
    require(ioThreads >= 1 && ioThreads <= 64, "ioThreads", ioThreads);
  }

  private static boolean within(long value, long min, long max) {
    return value >= min && value <= max;
  }

  private static void require(boolean ok, String name, long value) {
    if (!ok) throw new IllegalArgumentException("P2P config " + name + " out of range: " + value);
  }

  /** The largest encrypted frame body accepted after the handshake. */
  public int maxCiphertextFrameBytes() {
    return maxFrameBytes + NoiseCipherState.TAG_BYTES;
  }

  public static Builder builder(String networkId) {
    return new Builder(networkId);
  }

  /** A copy of this config as a builder. */
  public Builder toBuilder() {
    Builder b = new Builder(networkId);
    b.listenHost = listenHost;
    b.listenPort = listenPort;
    b.seeds = seeds;
    b.maxInboundPeers = maxInboundPeers;
    b.maxInboundPeersPerIp = maxInboundPeersPerIp;
    b.maxHandshakesPerIp = maxHandshakesPerIp;
    b.bannedIpHandshakes = bannedIpHandshakes;
    b.maxOutboundPeers = maxOutboundPeers;
    b.maxFrameBytes = maxFrameBytes;
    b.sendQueueLength = sendQueueLength;
    b.handshakeTimeoutMillis = handshakeTimeoutMillis;
    b.pingIntervalMillis = pingIntervalMillis;
    b.peerIdleTimeoutMillis = peerIdleTimeoutMillis;
    b.banBaseMillis = banBaseMillis;
    b.banMaxMillis = banMaxMillis;
    b.banForgetMillis = banForgetMillis;
    b.banScoreThreshold = banScoreThreshold;
    b.powBits = powBits;
    b.reconnectBaseMillis = reconnectBaseMillis;
    b.reconnectMaxMillis = reconnectMaxMillis;
    b.maxPeersPerMessage = maxPeersPerMessage;
    b.maxKnownAddresses = maxKnownAddresses;
    b.maxHashesPerMessage = maxHashesPerMessage;
    b.maxTrackedOffenders = maxTrackedOffenders;
    b.maintenanceIntervalMillis = maintenanceIntervalMillis;
    b.ioThreads = ioThreads;
    return b;
  }

  /** Fluent builder holding the defaults. */
  public static final class Builder {
    private final String networkId;
    private String listenHost = "0.0.0.0";
    private int listenPort = 26656;
    private List<String> seeds = List.of();
    private int maxInboundPeers = 40;
    private int maxInboundPeersPerIp = 16;
    private int maxHandshakesPerIp = 8;
    private int bannedIpHandshakes = 1;
    private int maxOutboundPeers = 10;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private int sendQueueLength = 1024;
    private long handshakeTimeoutMillis = 5_000;
    private long pingIntervalMillis = 15_000;
    private long peerIdleTimeoutMillis = 60_000;
    private long banBaseMillis = 60_000;
    private long banMaxMillis = 3_600_000;
    private long banForgetMillis = 86_400_000;
    private int banScoreThreshold = -100;
    private int powBits = DEFAULT_POW_BITS;
    private long reconnectBaseMillis = 500;
    private long reconnectMaxMillis = 60_000;
    private int maxPeersPerMessage = 64;
    private int maxKnownAddresses = 1_000;
    private int maxHashesPerMessage = 1_000;
    private int maxTrackedOffenders = 10_000;
    private long maintenanceIntervalMillis = 500;
    private int ioThreads = 2;

    private Builder(String networkId) {
      this.networkId = networkId;
    }

    public Builder listen(String host, int port) {
      listenHost = host;
      listenPort = port;
      return this;
    }

    public Builder seeds(List<String> value) {
      seeds = value;
      return this;
    }

    public Builder maxPeers(int inbound, int outbound) {
      maxInboundPeers = inbound;
      maxOutboundPeers = outbound;
      return this;
    }

    public Builder maxFrameBytes(int value) {
      maxFrameBytes = value;
      return this;
    }

    public Builder sendQueueLength(int value) {
      sendQueueLength = value;
      return this;
    }

    public Builder handshakeTimeoutMillis(long value) {
      handshakeTimeoutMillis = value;
      return this;
    }

    public Builder ping(long intervalMillis, long idleTimeoutMillis) {
      pingIntervalMillis = intervalMillis;
      peerIdleTimeoutMillis = idleTimeoutMillis;
      return this;
    }

    /** The first ban's duration and the score at which a key is banned. */
    public Builder ban(long baseMillis, int scoreThreshold) {
      banBaseMillis = baseMillis;
      banScoreThreshold = scoreThreshold;
      return this;
    }

    /** Cap of the doubling ban duration and the quiet time after which offences are forgotten. */
    public Builder banEscalation(long maxMillis, long forgetMillis) {
      banMaxMillis = maxMillis;
      banForgetMillis = forgetMillis;
      return this;
    }

    /** Per-IP inbound limits: connections, handshakes in progress, handshakes while banned. */
    public Builder perIpLimits(int inboundPeers, int handshakes, int bannedHandshakes) {
      maxInboundPeersPerIp = inboundPeers;
      maxHandshakesPerIp = handshakes;
      bannedIpHandshakes = bannedHandshakes;
      return this;
    }

    public Builder powBits(int value) {
      powBits = value;
      return this;
    }

    public Builder reconnect(long baseMillis, long maxMillis) {
      reconnectBaseMillis = baseMillis;
      reconnectMaxMillis = maxMillis;
      return this;
    }

    public Builder limits(int peersPerMessage, int knownAddresses, int hashesPerMessage) {
      maxPeersPerMessage = peersPerMessage;
      maxKnownAddresses = knownAddresses;
      maxHashesPerMessage = hashesPerMessage;
      return this;
    }

    public Builder maxTrackedOffenders(int value) {
      maxTrackedOffenders = value;
      return this;
    }

    public Builder maintenanceIntervalMillis(long value) {
      maintenanceIntervalMillis = value;
      return this;
    }

    public Builder ioThreads(int value) {
      ioThreads = value;
      return this;
    }

    public P2pConfig build() {
      return new P2pConfig(
          networkId, listenHost, listenPort, seeds, maxInboundPeers, maxInboundPeersPerIp,
          maxHandshakesPerIp, bannedIpHandshakes, maxOutboundPeers, maxFrameBytes,
          sendQueueLength, handshakeTimeoutMillis, pingIntervalMillis, peerIdleTimeoutMillis,
          banBaseMillis, banMaxMillis, banForgetMillis, banScoreThreshold, powBits,
          reconnectBaseMillis, reconnectMaxMillis, maxPeersPerMessage, maxKnownAddresses,
          maxHashesPerMessage, maxTrackedOffenders, maintenanceIntervalMillis, ioThreads);
    }
  }
}
