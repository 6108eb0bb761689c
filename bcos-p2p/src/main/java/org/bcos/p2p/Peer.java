package org.bcos.p2p;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.bcos.types.Hash;

/**
 * A connected, authenticated peer. {@link #send} is thread-safe and never blocks: when the peer's
 * send queue is full the message is dropped and the peer scored down ({@link
 * Penalty#SEND_QUEUE_FULL}).
 */
public final class Peer {
  /** Who opened the connection. */
  public enum Direction {
    INBOUND,
    OUTBOUND
  }

  /** A message waiting for the session handler to encrypt and frame it. */
  record Outbound(MessageType type, byte[] body) {}

  private final Hash nodeId;
  private final Direction direction;
  private final InetSocketAddress remoteAddress;
  private final PeerAddress listenAddress;
  private final Channel channel;
  private final PeerManager manager;
  private final AtomicInteger queued = new AtomicInteger();
  private volatile long lastReceivedNanos = System.nanoTime();
  private long lastQueuePenaltyNanos; // guarded by this

  Peer(
      Hash nodeId,
      Direction direction,
      InetSocketAddress remoteAddress,
      PeerAddress listenAddress,
      Channel channel,
      PeerManager manager) {
    this.nodeId = nodeId;
    this.direction = direction;
    this.remoteAddress = remoteAddress;
    this.listenAddress = listenAddress;
    this.channel = channel;
    this.manager = manager;
  }

  public Hash nodeId() {
    return nodeId;
  }

  public Direction direction() {
    return direction;
  }

  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** Where the peer accepts connections (its observed IP and announced port), or null. */
  public PeerAddress listenAddress() {
    return listenAddress;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Messages queued to this peer and not yet written to the socket. */
  public int queuedMessages() {
    return queued.get();
  }

  /**
   * Queues one message. Returns false if the connection is closed or the queue is full (the
   * message is then dropped and the peer penalised).
   *
   * @throws IllegalArgumentException if the envelope would exceed the frame limit
   */
  public boolean send(MessageType type, byte[] body) {
    if (1 + body.length > manager.config().maxFrameBytes()) {
      throw new IllegalArgumentException(
          type + " body of " + body.length + " bytes exceeds the frame limit");
    }
    if (!channel.isActive()) return false;
    if (queued.incrementAndGet() > manager.config().sendQueueLength()) {
      queued.decrementAndGet();
      manager.onSendQueueFull(this);
      return false;
    }
    channel.writeAndFlush(new Outbound(type, body.clone())).addListener(f -> queued.decrementAndGet());
    return true;
  }

  /** Closes the connection (no penalty). */
  public void disconnect() {
    channel.close();
  }

  /** True at most once per {@code intervalMillis}: whether a full queue is penalised now. */
  synchronized boolean queuePenaltyDue(long intervalMillis) {
    long now = System.nanoTime();
    if (lastQueuePenaltyNanos != 0 && now - lastQueuePenaltyNanos < intervalMillis * 1_000_000L) {
      return false;
    }
    lastQueuePenaltyNanos = now;
    return true;
  }

  void touch() {
    lastReceivedNanos = System.nanoTime();
  }

  long lastReceivedNanos() {
    return lastReceivedNanos;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public String toString() {
    return "Peer[" + nodeId.toHex().substring(0, 12) + " " + direction + " " + remoteAddress + "]";
  }
}
