package org.bcos.p2p;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;

/**
 * The P2P service: listens, dials seeds and learned addresses with bounded exponential backoff,
 * authenticates every connection (Noise XX bound to node identities), keeps inbound and outbound
 * peer counts within limits, answers PING and PEERS itself, scores misbehaving peers down and bans
 * them, and hands every other message to the node's {@link P2pHandler}.
 */
public final class PeerManager implements AutoCloseable {
  static final byte[] PROLOGUE = "BCOS/p2p/v1".getBytes(StandardCharsets.US_ASCII);
  // one logger per component ("bcos.p2p"): `bcos node --log-level p2p=debug` shows penalties
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("bcos.p2p");

  /** Dialling state of one remembered address. */
  private static final class DialState {
    PeerAddress address;
    final boolean seed;
    boolean connecting;
    int failures;
    long nextAttemptNanos;

    DialState(PeerAddress address, boolean seed) {
      this.address = address;
      this.seed = seed;
    }
  }

  private final P2pConfig config;
  private final NodeIdentity identity;
  private final Hash selfId;
  private final SecureRandom random;
  private final X25519.KeyPair noiseStatic;
  private final P2pMetrics metrics = new P2pMetrics();
  private final PeerScores scores;
  private final Map<Hash, Peer> peers = new ConcurrentHashMap<>();
  private final Map<String, DialState> known = new LinkedHashMap<>();
  private final AtomicInteger inboundChannels = new AtomicInteger();
  /** Per IP: open inbound connections, and those of them still in the handshake. */
  private final Map<String, Integer> inboundByIp = new HashMap<>();
  private final Map<String, Integer> handshakingByIp = new HashMap<>();
  private final AtomicInteger outboundChannels = new AtomicInteger();
  private EventLoopGroup group;
  private Channel serverChannel;
  private ScheduledFuture<?> maintenance;
  private volatile P2pHandler handler;
  private volatile int listenPort;
  private long lastPingNanos;
  private boolean closed;

  public PeerManager(P2pConfig config, NodeIdentity identity, SecureRandom random) {
    if (!identity.isAdmissible(config.powBits())) {
      throw new IllegalArgumentException("our own identity is below " + config.powBits() + " PoW bits");
    }
    this.config = config;
    this.identity = identity;
    this.selfId = identity.nodeId();
    this.random = random;
    this.noiseStatic = X25519.generate(random);
    this.scores =
        new PeerScores(
            config.banScoreThreshold(), PeerScores.BanPolicy.of(config),
            config.maxTrackedOffenders(), System::nanoTime);
  }

  /** Binds the listener, remembers the seeds and starts dialling; returns the bound address. */
  public synchronized InetSocketAddress start(P2pHandler messageHandler) throws InterruptedException {
    if (group != null) throw new IllegalStateException("already started");
    this.handler = messageHandler;
    group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
    ServerBootstrap server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    acceptInbound(ch);
                  }
                });
    serverChannel = server.bind(config.listenHost(), config.listenPort()).sync().channel();
    InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
    listenPort = bound.getPort();
    for (String seed : config.seeds()) remember(PeerAddress.parse(seed), true);
    maintenance =
        group.next()
            .scheduleWithFixedDelay(
                this::maintain, 0, config.maintenanceIntervalMillis(), TimeUnit.MILLISECONDS);
    return bound;
  }

  /** Stops listening, closes every connection and the event loops. Must not run on an event loop. */
  @Override
  public void close() {
    EventLoopGroup toStop;
    synchronized (this) {
      if (group == null || closed) return;
      closed = true;
      toStop = group;
      if (maintenance != null) maintenance.cancel(false);
    }
    // Without the lock: closing channels runs onSessionClosed on the event loops, which locks.
    if (serverChannel != null) serverChannel.close().awaitUninterruptibly(2_000);
    for (Peer p : peers.values()) p.disconnect();
    toStop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
  }

  public P2pConfig config() {
    return config;
  }

  public Hash nodeId() {
    return selfId;
  }

  public P2pMetrics metrics() {
    return metrics;
  }

  public int listenPort() {
    return listenPort;
  }

  /** The connected, authenticated peers (a snapshot). */
  public List<Peer> peers() {
    return List.copyOf(peers.values());
  }

  public Optional<Peer> peer(Hash nodeId) {
    return Optional.ofNullable(peers.get(nodeId));
  }

  /** Adds an address to dial (like a seed, but at run time). */
  public void addAddress(String hostPort) {
    remember(PeerAddress.parse(hostPort), true);
  }

  /** Sends to every peer except {@code except} (may be null); returns how many accepted it. */
  public int broadcast(MessageType type, byte[] body, Hash except) {
    int sent = 0;
    for (Peer p : peers.values()) {
      if (!p.nodeId().equals(except) && p.send(type, body)) sent++;
    }
    return sent;
  }

  /** Scores a peer down for bad application data (e.g. an invalid vote); may disconnect it. */
  public void penalise(Peer peer, Penalty penalty, String why) {
    penalise(nodeKey(peer.nodeId()), penalty, why);
    if (penalty.disconnects()) peer.disconnect();
  }

  public int score(Peer peer) {
    return scores.score(nodeKey(peer.nodeId()));
  }

  public boolean isBanned(Hash nodeId) {
    return scores.isBanned(nodeKey(nodeId));
  }

  // ---- package-private hooks used by sessions and peers ----

  NodeIdentity identity() {
    return identity;
  }

  X25519.KeyPair noiseStatic() {
    return noiseStatic;
  }

  SecureRandom random() {
    return random;
  }

  static String nodeKey(Hash nodeId) {
    return "node:" + nodeId.toHex();
  }

  static String ipKey(InetSocketAddress address) {
    return "ip:" + (address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress());
  }

  void penalise(String key, Penalty penalty, String why) {
    metrics.penalty(penalty);
    LOG.debug("penalty {} for {}: {}", penalty, key, why);
    if (scores.penalise(key, penalty)) {
      metrics.bans.increment();
      LOG.info("banned {} after {}", key, penalty);
      for (Peer p : peers.values()) {
        if (nodeKey(p.nodeId()).equals(key)) p.disconnect();
      }
    }
  }

  /**
   * A message to {@code peer} was dropped because its send queue is full. Penalised at most once
   * per {@value #QUEUE_PENALTY_INTERVAL_MILLIS} ms: a burst that outruns a busy peer costs little,
   * while a peer that stops reading is still scored down to a ban within seconds.
   */
  void onSendQueueFull(Peer peer) {
    metrics.messagesDropped.increment();
    if (peer.queuePenaltyDue(QUEUE_PENALTY_INTERVAL_MILLIS)) {
      penalise(nodeKey(peer.nodeId()), Penalty.SEND_QUEUE_FULL, "send queue full");
    }
  }

  static final long QUEUE_PENALTY_INTERVAL_MILLIS = 1_000;

  /** Registers an authenticated session as a peer, or returns null to refuse it. */
  synchronized Peer register(
      PeerSession session, Channel channel, InetSocketAddress remote, HandshakePayload payload) {
    Hash id = NodeIdentity.nodeIdOf(payload.nodePublicKey());
    if (id.equals(selfId)) {
      if (session.dialed() != null) known.remove(session.dialed().key());
      return null;
    }
    if (scores.isBanned(nodeKey(id))) {
      metrics.connectionsRefused.increment();
      return null;
    }
    Peer existing = peers.get(id);
    if (existing != null && !keepNewConnection(existing, session, id)) return null;
    PeerAddress listen =
        payload.listenPort() == 0
            ? null
            : new PeerAddress(remote.getAddress().getHostAddress(), payload.listenPort(), id);
    Peer.Direction direction = session.isInitiator() ? Peer.Direction.OUTBOUND : Peer.Direction.INBOUND;
    Peer peer = new Peer(id, direction, remote, listen, channel, this);
    if (existing != null) existing.disconnect();
    peers.put(id, peer);
    noteConnected(session.dialed(), listen, id);
    sendPeerList(peer);
    handler.onPeerConnected(peer);
    return peer;
  }

  /**
   * Two connections between the same pair: both sides must keep the same one. A reconnect by the
   * same initiator replaces the old connection; otherwise the one opened by the smaller id stays.
   */
  private boolean keepNewConnection(Peer existing, PeerSession session, Hash remoteId) {
    Hash newInitiator = session.isInitiator() ? selfId : remoteId;
    Hash oldInitiator = existing.direction() == Peer.Direction.OUTBOUND ? selfId : remoteId;
    if (newInitiator.equals(oldInitiator)) return true;
    Hash smaller = selfId.compareTo(remoteId) < 0 ? selfId : remoteId;
    return newInitiator.equals(smaller);
  }

  private void noteConnected(PeerAddress dialed, PeerAddress listen, Hash id) {
    for (PeerAddress a : Arrays.asList(dialed, listen)) {
      if (a == null) continue;
      DialState s = known.get(a.key());
      if (s != null) {
        s.address = s.address.withNodeId(id);
        s.failures = 0;
      }
    }
  }

  synchronized void onSessionClosed(PeerSession session) {
    Peer peer = session.peer();
    if (session.dialed() != null) {
      outboundChannels.decrementAndGet();
      DialState s = known.get(session.dialed().key());
      if (s != null) {
        s.connecting = false;
        s.failures = peer == null ? s.failures + 1 : 1;
        s.nextAttemptNanos = System.nanoTime() + backoffNanos(s.failures);
      }
    }
    if (peer != null && peers.remove(peer.nodeId(), peer)) handler.onPeerDisconnected(peer);
  }

  void onMessage(Peer peer, byte[] plaintext) {
    MessageType type = plaintext.length == 0 ? null : MessageType.fromCode(plaintext[0] & 0xff);
    if (type == null) {
      penalise(peer, Penalty.UNDECODABLE_MESSAGE, "empty message or unknown type");
      return;
    }
    byte[] body = Arrays.copyOfRange(plaintext, 1, plaintext.length);
    try {
      switch (type) {
        case PING -> peer.send(MessageType.PONG, P2pMessages.ping(P2pMessages.decodePing(body)));
        case PONG -> P2pMessages.decodePing(body);
        case PEERS -> learn(P2pMessages.decodePeers(body, config.maxPeersPerMessage()));
        default -> handler.onMessage(peer, type, body);
      }
    } catch (CodecException e) {
      penalise(peer, Penalty.UNDECODABLE_MESSAGE, type + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("handler failed on {} from {}", type, peer, e);
    }
  }

  // ---- connections ----

  /** Why an inbound connection was closed before its handshake started. */
  enum InboundRefusal {
    /** {@link P2pConfig#maxInboundPeers()} connections are open. */
    TOO_MANY_INBOUND,
    /** {@link P2pConfig#maxInboundPeersPerIp()} connections from this IP are open. */
    TOO_MANY_FROM_IP,
    /** {@link P2pConfig#maxHandshakesPerIp()} handshakes from this IP are in progress. */
    TOO_MANY_HANDSHAKES_FROM_IP,
    /** The IP is banned and already uses its {@link P2pConfig#bannedIpHandshakes()}. */
    IP_BANNED
  }

  private void acceptInbound(SocketChannel ch) {
    String ip = ipKey(ch.remoteAddress());
    InboundRefusal refusal = admitInbound(ip);
    if (refusal != null) {
      metrics.connectionsRefused.increment();
      LOG.debug("refused inbound from {}: {}", ip, refusal);
      ch.close();
      return;
    }
    PeerSession session = new PeerSession(this, false, null);
    session.holdHandshakeSlot(ip);
    ch.closeFuture().addListener(f -> releaseInbound(ip));
    initPipeline(ch, session);
  }

  /**
   * Takes an inbound slot and a handshake slot for {@code ip}, or names why not. An IP ban only
   * narrows the IP's handshake allowance: another node behind the same address (a NAT, or every
   * node of a local testnet) can still prove its node id and is judged by that.
   */
  private InboundRefusal admitInbound(String ip) {
    int handshakeAllowance =
        scores.isBanned(ip) ? config.bannedIpHandshakes() : config.maxHandshakesPerIp();
    synchronized (inboundByIp) {
      if (inboundChannels.get() >= config.maxInboundPeers()) return InboundRefusal.TOO_MANY_INBOUND;
      if (inboundByIp.getOrDefault(ip, 0) >= config.maxInboundPeersPerIp()) {
        return InboundRefusal.TOO_MANY_FROM_IP;
      }
      if (handshakingByIp.getOrDefault(ip, 0) >= handshakeAllowance) {
        return scores.isBanned(ip) ? InboundRefusal.IP_BANNED : InboundRefusal.TOO_MANY_HANDSHAKES_FROM_IP;
      }
      inboundChannels.incrementAndGet();
      inboundByIp.merge(ip, 1, Integer::sum);
      handshakingByIp.merge(ip, 1, Integer::sum);
      return null;
    }
  }

  private void releaseInbound(String ip) {
    synchronized (inboundByIp) {
      inboundChannels.decrementAndGet();
      inboundByIp.computeIfPresent(ip, (k, n) -> n > 1 ? n - 1 : null);
    }
  }

  /** An inbound session authenticated or closed: its IP may start another handshake. */
  void releaseHandshakeSlot(String ip) {
    synchronized (inboundByIp) {
      handshakingByIp.computeIfPresent(ip, (k, n) -> n > 1 ? n - 1 : null);
    }
  }

  private void initPipeline(Channel ch, PeerSession session) {
    FrameDecoder decoder = new FrameDecoder(session, PeerSession.MAX_HANDSHAKE_FRAME_BYTES);
    session.decoder(decoder);
    ch.pipeline().addLast(decoder, session);
  }

  private void dial(DialState state) {
    state.connecting = true;
    outboundChannels.incrementAndGet();
    PeerAddress address = state.address;
    PeerSession session = new PeerSession(this, true, address);
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.handshakeTimeoutMillis())
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    initPipeline(ch, session);
                  }
                });
    ChannelFuture f = b.connect(address.host(), address.port());
    f.addListener(
        done -> {
          if (!done.isSuccess()) onSessionClosed(session);
        });
  }

  private long backoffNanos(int failures) {
    long millis = config.reconnectBaseMillis() << Math.min(Math.max(failures - 1, 0), 30);
    return TimeUnit.MILLISECONDS.toNanos(Math.min(millis, config.reconnectMaxMillis()));
  }

  private synchronized void remember(PeerAddress address, boolean seed) {
    DialState s = known.get(address.key());
    if (s != null) {
      if (s.address.nodeId() == null && address.nodeId() != null) s.address = address;
      return;
    }
    if (known.size() >= config.maxKnownAddresses()) return;
    known.put(address.key(), new DialState(address, seed));
  }

  private void learn(List<PeerAddress> addresses) {
    for (PeerAddress a : addresses) {
      if (a.nodeId().equals(selfId) || peers.containsKey(a.nodeId())) continue;
      if (scores.isBanned(nodeKey(a.nodeId()))) continue;
      remember(a, false);
    }
  }

  private void sendPeerList(Peer to) {
    List<PeerAddress> list = new ArrayList<>();
    for (Peer p : peers.values()) {
      if (list.size() >= config.maxPeersPerMessage()) break;
      if (p != to && p.listenAddress() != null) list.add(p.listenAddress());
    }
    if (!list.isEmpty()) to.send(MessageType.PEERS, P2pMessages.peers(list));
  }

  private void maintain() {
    try {
      dialDue();
      long now = System.nanoTime();
      if (now - lastPingNanos >= TimeUnit.MILLISECONDS.toNanos(config.pingIntervalMillis())) {
        lastPingNanos = now;
        pingAndExchange(now);
      }
    } catch (RuntimeException e) {
      LOG.warn("p2p maintenance failed", e);
    }
  }

  private synchronized void dialDue() {
    long now = System.nanoTime();
    for (DialState s : known.values()) {
      if (outboundChannels.get() >= config.maxOutboundPeers()) return;
      if (s.connecting || s.nextAttemptNanos - now > 0) continue;
      Hash id = s.address.nodeId();
      if (id != null && (peers.containsKey(id) || scores.isBanned(nodeKey(id)))) continue;
      dial(s);
    }
  }

  private void pingAndExchange(long now) {
    long idle = TimeUnit.MILLISECONDS.toNanos(config.peerIdleTimeoutMillis());
    for (Peer p : peers.values()) {
      if (now - p.lastReceivedNanos() > idle) {
        p.disconnect();
        continue;
      }
      p.send(MessageType.PING, P2pMessages.ping(random.nextLong() & Long.MAX_VALUE));
      sendPeerList(p);
    }
  }
}
