package org.bcos.node.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bcos.node.config.NodeConfig;

/**
 * One API connection's guard: it times the connection through its phases (waiting for a request,
 * reading its head, reading its body, being answered), counts the body bytes it holds against the
 * per-request and server-wide limits, and checks each request head against the {@link
 * AccessPolicy} before any body byte is buffered. A refused request is answered with its HTTP
 * status and a JSON body naming the reason, and the connection is closed. All methods run on the
 * channel's event loop except the volatile reads the {@link ConnectionLimiter} makes.
 */
final class ConnectionGuard {
  /** Where a connection is in its request cycle. */
  enum Phase {
    /** Connected or answered; no byte of the next request yet. */
    IDLE,
    /** Bytes of a request head arrived; the head is not complete. */
    HEAD,
    /** The head was accepted; the body is arriving. */
    BODY,
    /** The request is complete and being answered; nothing more is read. */
    PROCESSING,
    /** Upgraded to a WebSocket: bounded by the WebSocket limits instead. */
    WEBSOCKET
  }

  private static final long REFUSAL_CLOSE_GRACE_MILLIS = 1_000;
  private final Channel channel;
  private final InetAddress remoteIp;
  private final NodeConfig.RpcLimits limits;
  private final AccessPolicy policy;
  private final RpcServerMetrics metrics;
  private volatile Phase phase = Phase.IDLE;
  private volatile long waitingSinceNanos = System.nanoTime();
  private ScheduledFuture<?> timer;
  private boolean firstRequest = true;
  private boolean refused;
  private long heldBytes;

  ConnectionGuard(Channel channel, InetAddress remoteIp, NodeConfig.RpcLimits limits,
      AccessPolicy policy, RpcServerMetrics metrics) {
    this.channel = channel;
    this.remoteIp = remoteIp;
    this.limits = limits;
    this.policy = policy;
    this.metrics = metrics;
  }

  Channel channel() {
    return channel;
  }

  InetAddress remoteIp() {
    return remoteIp;
  }

  /** Whether the connection holds no complete request (it may be closed to make room). */
  boolean isWaitingForRequest() {
    Phase p = phase;
    return p == Phase.IDLE || p == Phase.HEAD;
  }

  long waitingSinceNanos() {
    return waitingSinceNanos;
  }

  /** Goes before the HTTP codec: sees the first byte of each request head. */
  ChannelHandler bytesIn() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelActive(ChannelHandlerContext ctx) {
        arm(Phase.IDLE, limits.headerTimeoutMillis(), RpcRefusal.HEADER_TIMEOUT);
        ctx.fireChannelActive();
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.IDLE && msg instanceof ByteBuf b && b.isReadable()) {
          phase = Phase.HEAD;
          // the first request's head counts from the connection; later ones from their first byte
          if (!firstRequest) arm(Phase.HEAD, limits.headerTimeoutMillis(), RpcRefusal.HEADER_TIMEOUT);
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        releaseHeld();
        ctx.fireChannelInactive();
      }
    };
  }

  /** Goes after the HTTP codec, before the aggregator: checks heads and counts body bytes. */
  ChannelHandler requests() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
          ReferenceCountUtil.release(msg);
          return;
        }
        Optional<RpcRefusal> refusal = Optional.empty();
        if (msg instanceof HttpRequest head) refusal = onHead(head);
        if (refusal.isEmpty() && msg instanceof HttpContent body) refusal = onBody(body);
        if (refusal.isPresent()) {
          ReferenceCountUtil.release(msg);
          refuse(ctx, refusal.get());
          return;
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  private Optional<RpcRefusal> onHead(HttpRequest head) {
    if (phase == Phase.PROCESSING || phase == Phase.BODY) {
      return Optional.of(RpcRefusal.PIPELINED_REQUEST);
    }
    firstRequest = false;
    Optional<RpcRefusal> access = policy.check(head, RpcServer.path(head.uri()));
    if (access.isPresent()) return access;
    if (HttpUtil.getContentLength(head, -1L) > limits.maxBodyBytes()) {
      return Optional.of(RpcRefusal.BODY_TOO_LARGE);
    }
    arm(Phase.BODY, limits.bodyTimeoutMillis(), RpcRefusal.BODY_TIMEOUT);
    return Optional.empty();
  }

  private Optional<RpcRefusal> onBody(HttpContent body) {
    int n = body.content().readableBytes();
    heldBytes += n;
    long total = metrics.bufferedBytes.addAndGet(n);
    if (heldBytes > limits.maxBodyBytes()) return Optional.of(RpcRefusal.BODY_TOO_LARGE);
    if (total > limits.maxBufferedBytes()) return Optional.of(RpcRefusal.RPC_BUFFERS_FULL);
    if (body instanceof LastHttpContent) {
      // an answer comes within the request deadline; past it plus the idle time, the connection
      // is idle from the client's view (a handler that answered without finishing the cycle,
      // such as a refused WebSocket handshake, must not hold its connection for ever)
      arm(Phase.PROCESSING, limits.requestTimeoutMillis() + limits.idleTimeoutMillis(),
          RpcRefusal.IDLE_TIMEOUT);
    }
    return Optional.empty();
  }

  /**
   * The request was answered: its bytes are released and the connection waits for the next one
   * (at most the idle timeout). Runs on the event loop.
   */
  void requestDone() {
    releaseHeld();
    if (phase == Phase.WEBSOCKET || !channel.isActive()) return;
    waitingSinceNanos = System.nanoTime();
    arm(Phase.IDLE, limits.idleTimeoutMillis(), RpcRefusal.IDLE_TIMEOUT);
  }

  /** The connection became a WebSocket: HTTP timers and held bytes end here. */
  void upgraded() {
    cancelTimer();
    releaseHeld();
    phase = Phase.WEBSOCKET;
  }

  /** Answers {@code reason} with its status and JSON body, then closes. */
  void refuse(ChannelHandlerContext ctx, RpcRefusal reason) {
    refused = true;
    cancelTimer();
    releaseHeld();
    metrics.refused(reason);
    ctx.writeAndFlush(response(reason)).addListener(ChannelFutureListener.CLOSE);
    // a client that does not read its answer does not keep the connection either
    ctx.executor().schedule(() -> ctx.close(), REFUSAL_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** An HTTP response naming {@code reason}, closing the connection. */
  static FullHttpResponse response(RpcRefusal reason) {
    byte[] bytes = reason.json().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(reason.status()), Unpooled.wrappedBuffer(bytes));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    HttpUtil.setContentLength(res, bytes.length);
    return res;
  }

  private void arm(Phase next, long millis, RpcRefusal onExpiry) {
    cancelTimer();
    phase = next;
    timer = channel.eventLoop().schedule(() -> expire(next, onExpiry), millis,
        TimeUnit.MILLISECONDS);
  }

  private void expire(Phase armedIn, RpcRefusal reason) {
    // a timer armed in IDLE also covers the HEAD phase of the connection's first request
    boolean stillWaiting = phase == armedIn || (armedIn == Phase.IDLE && phase == Phase.HEAD);
    if (!stillWaiting || refused || !channel.isActive()) return;
    if (reason == RpcRefusal.BODY_TIMEOUT) {
      refuse(channel.pipeline().context(RpcServer.GUARD_REQUESTS), reason);
      return;
    }
    refused = true;
    metrics.refused(reason);
    channel.close();
  }

  private void cancelTimer() {
    if (timer != null) timer.cancel(false);
    timer = null;
  }

  private void releaseHeld() {
    if (heldBytes > 0) metrics.bufferedBytes.addAndGet(-heldBytes);
    heldBytes = 0;
  }
}
