package org.bcos.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.bcos.types.Hash;

/**
 * One connection's protocol on its event loop: the Noise XX handshake (three frames, identity
 * binding checked in messages 2 and 3), then encrypted frames both ways. Outbound {@link
 * Peer.Outbound} messages are encrypted here, in write order, so nonces match the wire order.
 */
final class PeerSession extends ChannelDuplexHandler
    implements FrameDecoder.OversizedFrameListener {
  /** Largest handshake frame: e, encrypted s, encrypted payload, with slack. */
  static final int MAX_HANDSHAKE_FRAME_BYTES = 1024;

  private static final byte[] EMPTY = new byte[0];

  private final PeerManager manager;
  private final boolean initiator;
  private final PeerAddress dialed;
  private final NoiseHandshake handshake;
  private final byte[] localNoiseStatic;
  private FrameDecoder decoder;
  private NoiseHandshake.Transport transport;
  private HandshakePayload remotePayload;
  private Peer peer;
  /** The remote node id once its handshake payload proved it (PoW and binding signature). */
  private Hash authenticatedId;
  /** The IP whose handshake slot this inbound session holds until it authenticates or closes. */
  private String handshakeSlotIp;
  private ScheduledFuture<?> timeout;
  private boolean failed;

  PeerSession(PeerManager manager, boolean initiator, PeerAddress dialed) {
    this.manager = manager;
    this.initiator = initiator;
    this.dialed = dialed;
    X25519.KeyPair noiseStatic = manager.noiseStatic();
    this.localNoiseStatic = noiseStatic.publicKey();
    this.handshake = new NoiseHandshake(initiator, noiseStatic, PeerManager.PROLOGUE, manager.random());
  }

  void decoder(FrameDecoder value) {
    decoder = value;
  }

  boolean isInitiator() {
    return initiator;
  }

  PeerAddress dialed() {
    return dialed;
  }

  Peer peer() {
    return peer;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    timeout =
        ctx.executor()
            .schedule(
                () -> fail(ctx, Penalty.HANDSHAKE_TIMEOUT, "handshake not finished in time"),
                manager.config().handshakeTimeoutMillis(),
                TimeUnit.MILLISECONDS);
    if (initiator) writeFrame(ctx, handshake.writeMessage(EMPTY), ctx.newPromise(), true);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (timeout != null) timeout.cancel(false);
    releaseHandshakeSlot();
    manager.onSessionClosed(this);
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (failed || !(msg instanceof byte[] frame)) return;
    manager.metrics().framesIn.increment();
    manager.metrics().bytesIn.add(frame.length + FrameDecoder.HEADER_BYTES);
    if (transport == null) {
      onHandshakeFrame(ctx, frame);
      return;
    }
    byte[] plaintext;
    try {
      plaintext = transport.receive().decryptWithAd(EMPTY, frame);
    } catch (NoiseException e) {
      fail(ctx, Penalty.DECRYPT_FAILED, e.getMessage());
      return;
    }
    peer.touch();
    manager.onMessage(peer, plaintext);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (!(msg instanceof Peer.Outbound out)) {
      super.write(ctx, msg, promise);
      return;
    }
    if (transport == null) {
      promise.setFailure(new IllegalStateException("handshake not complete"));
      return;
    }
    byte[] ciphertext;
    try {
      ciphertext = transport.send().encryptWithAd(EMPTY, P2pMessages.envelope(out.type(), out.body()));
    } catch (NoiseException e) {
      promise.setFailure(e);
      ctx.close();
      return;
    }
    writeFrame(ctx, ciphertext, promise, false);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  @Override
  public void onOversizedFrame(ChannelHandlerContext ctx, long length) {
    fail(ctx, Penalty.OVERSIZED_FRAME, "frame header announced " + length + " bytes");
  }

  private void onHandshakeFrame(ChannelHandlerContext ctx, byte[] frame) {
    try {
      byte[] payload = handshake.readMessage(frame);
      if (!initiator && !handshake.isComplete()) {
        if (payload.length != 0) throw new NoiseException("message 1 must carry no payload");
        writeFrame(ctx, handshake.writeMessage(ourPayload()), ctx.newPromise(), true);
        return;
      }
      remotePayload = HandshakePayload.decode(payload);
      remotePayload.verifyIdentity(handshake.remoteStatic(), manager.config().powBits());
      authenticatedId = NodeIdentity.nodeIdOf(remotePayload.nodePublicKey());
      remotePayload.verifyChain(manager.config().networkId());
      if (initiator) writeFrame(ctx, handshake.writeMessage(ourPayload()), ctx.newPromise(), true);
      complete(ctx);
    } catch (NoiseException e) {
      fail(ctx, Penalty.HANDSHAKE_FAILED, e.getMessage());
    } catch (PeerRefusedException e) {
      fail(ctx, e.reason(), e.getMessage());
    }
  }

  private byte[] ourPayload() {
    return HandshakePayload.create(
            manager.identity(), localNoiseStatic, manager.config().networkId(), manager.listenPort())
        .encode();
  }

  private void complete(ChannelHandlerContext ctx) {
    timeout.cancel(false);
    releaseHandshakeSlot();
    transport = handshake.split();
    decoder.maxFrameBytes(manager.config().maxCiphertextFrameBytes());
    manager.metrics().handshakesCompleted.increment();
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    peer = manager.register(this, ctx.channel(), remote, remotePayload);
    if (peer == null) ctx.close();
  }

  private void fail(ChannelHandlerContext ctx, Penalty penalty, String why) {
    if (failed || !ctx.channel().isOpen()) return;
    failed = true;
    if (transport == null) manager.metrics().handshakesFailed.increment();
    manager.penalise(offenderKey(ctx), penalty, why);
    ctx.close();
  }

  /**
   * Who is blamed: the node id once the peer proved it (a ban then leaves other nodes behind the
   * same IP alone), else the remote IP (garbage or a failed handshake proves no identity).
   */
  String offenderKey(ChannelHandlerContext ctx) {
    if (authenticatedId != null) return PeerManager.nodeKey(authenticatedId);
    return PeerManager.ipKey((InetSocketAddress) ctx.channel().remoteAddress());
  }

  /** Marks this inbound session as holding one of {@code ip}'s handshake slots. */
  void holdHandshakeSlot(String ip) {
    handshakeSlotIp = ip;
  }

  /** Gives the handshake slot back (once): on authentication or on close. Event loop only. */
  void releaseHandshakeSlot() {
    if (handshakeSlotIp == null) return;
    manager.releaseHandshakeSlot(handshakeSlotIp);
    handshakeSlotIp = null;
  }

  private void writeFrame(
      ChannelHandlerContext ctx, byte[] body, ChannelPromise promise, boolean flush) {
    ByteBuf buf = ctx.alloc().buffer(FrameDecoder.HEADER_BYTES + body.length);
    buf.writeInt(body.length);
    buf.writeBytes(body);
    manager.metrics().framesOut.increment();
    manager.metrics().bytesOut.add(buf.readableBytes());
    if (flush) {
      ctx.writeAndFlush(buf, promise);
    } else {
      ctx.write(buf, promise);
    }
  }
}
