package org.bcos.node.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.config.NodeConfig;

/**
 * The API server (Netty): {@code POST /rpc} JSON-RPC 2.0, {@code /ws} JSON-RPC plus
 * subscriptions, {@code GET /openrpc.json} (the API's OpenRPC document), {@code GET /health},
 * {@code GET /metrics}, and unless {@code webEnabled} is off the web app's files at {@code GET /}
 * ({@link WebRoot}). Calls run on virtual threads, never on
 * the event loop, one request at a time per connection (nothing more is read from a connection
 * until its request is answered). Every connection is admitted by the {@link ConnectionLimiter},
 * timed and byte-counted by its {@link ConnectionGuard}, and every request head is checked by the
 * {@link AccessPolicy}; every request runs within a {@link WorkBudget}.
 */
public final class RpcServer implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.rpc");
  static final String GUARD_REQUESTS = "guard-requests";
  /**
   * WebSocket messages one connection may have waiting while one runs; past it the server stops
   * reading from that connection (their bytes also count in {@code rpcMaxBufferedBytes}).
   */
  static final int MAX_QUEUED_WS_MESSAGES = 8;
  /** Committed blocks waiting for their subscriber notifications. */
  static final int MAX_PENDING_BLOCKS = 256;
  /** The node's own read-only HTTP paths (GET or HEAD). */
  private static final java.util.Set<String> READ_ONLY_PATHS =
      java.util.Set.of("/openrpc.json", "/health", "/metrics");

  private final RpcMethodTable methods;
  private final JsonRpcDispatcher dispatcher;
  private final WebSocketHub hub;
  private final Supplier<String> metricsText;
  private final String metricsContentType;
  private final Supplier<HealthReport> health;
  /** JSON-RPC answers at least this long go gzip'd to clients that take gzip. */
  static final int RPC_GZIP_MIN_BYTES = 8 << 10;
  private final Optional<WebRoot> web;
  private final NodeConfig.RpcLimits limits;
  private final RpcServerMetrics serverMetrics;
  private volatile AccessPolicy policy;
  private final ConnectionLimiter limiter;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
      NioIoHandler.newFactory());
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final ExecutorService notifier = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
      TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(MAX_PENDING_BLOCKS),
      Thread.ofPlatform().daemon().name("bcos-rpc-notify").factory(),
      (task, pool) -> notificationDropped());
  private final java.util.concurrent.atomic.AtomicLong droppedNotifications =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<InetAddress, Integer> wsPerIp = new HashMap<>();
  private int wsConnections;
  private Channel serverChannel;

  /**
   * A server whose own metrics join {@code registry}; {@code GET /metrics} answers
   * {@code metrics} (the exposition text of every registry of the node, and its content type).
   */
  public RpcServer(RpcMethodTable methods, Ledger ledger, NodeConfig.RpcLimits limits,
      PrometheusRegistry registry, Exposition metrics, Supplier<HealthReport> health) {
    this(methods, ledger, limits, registry, metrics, health, FileDescriptors.ofProcess());
  }

  /** The metrics page: Prometheus exposition text and the content type it is written in. */
  public interface Exposition {
    String text();

    String contentType();
  }

  RpcServer(RpcMethodTable methods, Ledger ledger, NodeConfig.RpcLimits limits,
      PrometheusRegistry registry, Exposition metrics, Supplier<HealthReport> health,
      FileDescriptors descriptors) {
    this.serverMetrics = new RpcServerMetrics(registry);
    this.methods = methods;
    this.dispatcher = new JsonRpcDispatcher(limits.maxBatch(),
        reason -> serverMetrics.refused(RpcRefusal.valueOf(reason)));
    this.hub = new WebSocketHub(ledger, methods, limits.maxWsSubscriptions(), serverMetrics);
    this.metricsText = metrics::text;
    this.metricsContentType = metrics.contentType();
    this.health = health;
    this.limits = limits;
    this.web = limits.webEnabled() ? WebRoot.onClasspath(RpcServer.class.getClassLoader())
        : Optional.empty();
    if (limits.webEnabled() && web.isEmpty()) {
      LOG.warn("webEnabled, but the web app's files (bcos-web) are not on the classpath");
    }
    this.limiter = new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerIp(),
        limits.reservedFileDescriptors(), descriptors, serverMetrics);
    serverMetrics.watch(registry, limiter::openConnections, this::webSockets);
  }

  /**
   * Receives committed blocks for subscribers. Called on the commit path, so the notifications
   * (work that grows with the subscribers) are handed to the notifier thread and never delay a
   * commit; if {@link #MAX_PENDING_BLOCKS} wait there, the newest is not notified (logged).
   */
  public void onBlock(org.bcos.ledger.block.Block block) {
    notifier.execute(() -> hub.onBlock(block));
  }

  /** Logs the first block not notified, then every 1,000th (a stalled notifier logs little). */
  private void notificationDropped() {
    long n = droppedNotifications.incrementAndGet();
    if (n % 1_000 == 1) {
      LOG.warn("subscribers are " + MAX_PENDING_BLOCKS + " blocks behind; "
          + n + " block(s) not notified so far");
    }
  }

  /** The server's own refusal counters (tests). */
  RpcServerMetrics serverMetrics() {
    return serverMetrics;
  }

  /** Whether {@code GET /} serves the web app. */
  public boolean servesWeb() {
    return web.isPresent();
  }

  int openConnections() {
    return limiter.openConnections();
  }

  /**
   * Binds {@code host:port}. A specific bind address is also an allowed {@code Host} (an address
   * literal cannot be rebound by DNS; a page can only carry it if it came from the node itself).
   */
  public InetSocketAddress start(String host, int port) throws InterruptedException {
    List<String> hosts = new ArrayList<>(limits.allowedHosts());
    if (!host.equals("0.0.0.0") && !host.equals("::") && !host.equals("[::]")) hosts.add(host);
    policy = new AccessPolicy(hosts, limits.allowedOrigins());
    int queued = limits.wsMaxQueuedBytes();
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(queued / 2, queued))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            admit(ch);
          }
        });
    serverChannel = b.bind(host, port).sync().channel();
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Builds the pipeline of an admitted connection, or answers a refused one and closes it. */
  private void admit(SocketChannel ch) {
    InetAddress ip = ch.remoteAddress().getAddress();
    ConnectionGuard guard = new ConnectionGuard(ch, ip, limits, policy, serverMetrics);
    Optional<RpcRefusal> refusal = limiter.admit(guard, ip);
    if (refusal.isPresent()) {
      serverMetrics.refused(refusal.get());
      ch.pipeline().addLast(new HttpServerCodec(), new RefuseOnConnect(refusal.get()));
      return;
    }
    ch.closeFuture().addListener(f -> limiter.release(guard, ip));
    ch.pipeline()
        .addLast(guard.bytesIn())
        .addLast(new HttpServerCodec())
        .addLast(GUARD_REQUESTS, guard.requests())
        .addLast(new HttpObjectAggregator(limits.maxBodyBytes()))
        .addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/ws").checkStartsWith(true)
            .maxFramePayloadLength(limits.wsMaxFrameBytes()).build()))
        .addLast(new HttpHandler(guard))
        .addLast(new WsHandler(guard, ip));
  }

  /** Answers a refused connection with its reason (no request is read) and closes it. */
  private static final class RefuseOnConnect extends ChannelInboundHandlerAdapter {
    private final RpcRefusal reason;

    RefuseOnConnect(RpcRefusal reason) {
      this.reason = reason;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(ConnectionGuard.response(reason)).addListener(ChannelFutureListener.CLOSE);
      ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      io.netty.util.ReferenceCountUtil.release(msg);
    }
  }

  /** The path of a request URI (without the query). */
  static String path(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  private final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ConnectionGuard guard;

    HttpHandler(ConnectionGuard guard) {
      this.guard = guard;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      String path = path(req.uri());
      Map<String, String> cors = corsHeaders(req.headers());
      boolean read = req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD;
      if (req.method() == HttpMethod.OPTIONS) {
        respond(ctx, HttpResponseStatus.NO_CONTENT, "text/plain", "", keepAlive, cors);
      } else if (path.equals("/rpc")) {
        if (req.method() != HttpMethod.POST) {
          notAllowed(ctx, "POST", "/rpc takes POST with a JSON-RPC 2.0 request", keepAlive, cors);
          return;
        }
        String body = req.content().toString(StandardCharsets.UTF_8);
        boolean gzip = Gzip.accepted(req.headers().get(HttpHeaderNames.ACCEPT_ENCODING));
        // reading goes on while the call runs, so a client that hangs up is seen (and its work
        // stopped); a second request before the answer is refused by the guard (no pipelining)
        Channel ch = ctx.channel();
        workers.execute(() -> {
          String out = dispatcher.handle(body, methods::call, budget(ch));
          if (out == null && !ch.isActive()) return;
          answerRpc(ctx, out == null ? "" : out, gzip, keepAlive, cors);
        });
      } else if (READ_ONLY_PATHS.contains(path) && !read) {
        notAllowed(ctx, "GET, HEAD", path + " takes GET or HEAD", keepAlive, cors);
      } else if (path.equals("/openrpc.json")) {
        answerRead(ctx, req, HttpResponseStatus.OK, "application/json",
            methods.openRpcText().getBytes(StandardCharsets.UTF_8), keepAlive, cors);
      } else if (path.equals("/health")) {
        HealthReport report = health.get();
        answerRead(ctx, req, report.healthy() ? HttpResponseStatus.OK
            : HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json",
            report.json().getBytes(StandardCharsets.UTF_8), keepAlive, cors);
      } else if (path.equals("/metrics")) {
        answerRead(ctx, req, HttpResponseStatus.OK, metricsContentType,
            metricsText.get().getBytes(StandardCharsets.UTF_8), keepAlive, cors);
      } else if (web.isPresent() && read) {
        serveWeb(ctx, req, path, keepAlive);
      } else if (web.isPresent() && web.get().file(path).isPresent()) {
        notAllowed(ctx, "GET, HEAD", "the web app's files take GET or HEAD", keepAlive, cors);
      } else {
        respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain",
            "not found: use POST /rpc, GET /openrpc.json, GET /health, GET /metrics or /ws\n",
            keepAlive, cors);
      }
    }

    /**
     * A JSON-RPC answer; one of at least {@value #RPC_GZIP_MIN_BYTES} bytes goes gzip'd (fastest
     * level, on the call's worker thread) to a client that takes gzip. Smaller ones are sent as
     * they are: compressing them would save too little to pay for.
     */
    private void answerRpc(ChannelHandlerContext ctx, String out, boolean gzip, boolean keepAlive,
        Map<String, String> cors) {
      byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
      if (!gzip || bytes.length < RPC_GZIP_MIN_BYTES) {
        respond(ctx, HttpResponseStatus.OK, "application/json", bytes, keepAlive, cors);
        return;
      }
      Map<String, String> headers = new java.util.LinkedHashMap<>(cors);
      headers.put(HttpHeaderNames.CONTENT_ENCODING.toString(), "gzip");
      headers.merge(HttpHeaderNames.VARY.toString(), "Accept-Encoding", (a, b) -> a + ", " + b);
      respond(ctx, HttpResponseStatus.OK, "application/json",
          Gzip.compress(bytes, java.util.zip.Deflater.BEST_SPEED), keepAlive, headers);
    }

    /** 405 with the methods the path takes ({@code Allow}), named in the body too. */
    private void notAllowed(ChannelHandlerContext ctx, String allow, String sentence,
        boolean keepAlive, Map<String, String> cors) {
      Map<String, String> headers = new java.util.LinkedHashMap<>(cors);
      headers.put(HttpHeaderNames.ALLOW.toString(), allow);
      respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
          "method not allowed: " + sentence + "\n", keepAlive, headers);
    }

    /**
     * The answer to a GET, or to a HEAD for the same thing: the same status and headers (its
     * Content-Length too) without the body.
     */
    private void answerRead(ChannelHandlerContext ctx, FullHttpRequest req,
        HttpResponseStatus status, String contentType, byte[] bytes, boolean keepAlive,
        Map<String, String> headers) {
      if (req.method() != HttpMethod.HEAD) {
        respond(ctx, status, contentType, bytes, keepAlive, headers);
        return;
      }
      Map<String, String> withLength = new java.util.LinkedHashMap<>(headers);
      withLength.put(HttpHeaderNames.CONTENT_LENGTH.toString(), Integer.toString(bytes.length));
      respond(ctx, status, contentType, new byte[0], keepAlive, withLength);
    }

    /**
     * A web app file with its security and cache headers (revalidated on every use: the files
     * change with the node's version, their names do not), or 404.
     */
    private void serveWeb(ChannelHandlerContext ctx, FullHttpRequest req, String path,
        boolean keepAlive) {
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      headers.put("X-Content-Type-Options", "nosniff");
      headers.put(HttpHeaderNames.CONTENT_SECURITY_POLICY.toString(),
          WebRoot.CONTENT_SECURITY_POLICY);
      headers.put(HttpHeaderNames.X_FRAME_OPTIONS.toString(), "DENY");
      headers.put("Referrer-Policy", "no-referrer");
      Optional<WebRoot.File> file = web.get().file(path);
      if (file.isEmpty()) {
        answerRead(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
            "not found\n".getBytes(StandardCharsets.UTF_8), keepAlive, headers);
        return;
      }
      WebRoot.File f = file.get();
      boolean gzip = f.gzip() != null
          && Gzip.accepted(req.headers().get(HttpHeaderNames.ACCEPT_ENCODING));
      String etag = gzip ? f.gzipEtag() : f.etag();
      headers.put(HttpHeaderNames.CACHE_CONTROL.toString(), "no-cache");
      headers.put(HttpHeaderNames.ETAG.toString(), etag);
      if (f.gzip() != null) headers.put(HttpHeaderNames.VARY.toString(), "Accept-Encoding");
      if (gzip) headers.put(HttpHeaderNames.CONTENT_ENCODING.toString(), "gzip");
      if (etag.equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
        respond(ctx, HttpResponseStatus.NOT_MODIFIED, f.contentType(), new byte[0], keepAlive,
            headers);
      } else {
        answerRead(ctx, req, HttpResponseStatus.OK, f.contentType(), gzip ? f.gzip() : f.bytes(),
            keepAlive, headers);
      }
    }

    /** CORS answers for a configured foreign origin (the node's own origin needs none). */
    private Map<String, String> corsHeaders(HttpHeaders headers) {
      String origin = headers.get(HttpHeaderNames.ORIGIN);
      if (!policy.isForeignAllowedOrigin(origin, headers.get(HttpHeaderNames.HOST))) {
        return Map.of();
      }
      return Map.of(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN.toString(), origin,
          HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS.toString(), "GET, POST",
          HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS.toString(), "Content-Type",
          HttpHeaderNames.VARY.toString(), "Origin");
    }

    private void respond(ChannelHandlerContext ctx, HttpResponseStatus status,
        String contentType, String body, boolean keepAlive, Map<String, String> headers) {
      respond(ctx, status, contentType, body.getBytes(StandardCharsets.UTF_8), keepAlive, headers);
    }

    private void respond(ChannelHandlerContext ctx, HttpResponseStatus status,
        String contentType, byte[] bytes, boolean keepAlive, Map<String, String> headers) {
      FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
          Unpooled.wrappedBuffer(bytes));
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      HttpUtil.setContentLength(res, bytes.length);
      headers.forEach((k, v) -> res.headers().set(k, v)); // a HEAD answer's length is the GET's
      if (!keepAlive) {
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      // the guard waits for the next request before this answer leaves: the client may send
      // its next request the moment it reads this one
      ctx.executor().execute(() -> {
        guard.requestDone();
        ctx.writeAndFlush(res);
      });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** The budget of one request on {@code ch}: stops when the client disconnects. */
  private WorkBudget budget(Channel ch) {
    return new WorkBudget(limits.maxRequestWorkUnits(), limits.requestTimeoutMillis(),
        System::nanoTime, ch::isActive);
  }

  private final class WsHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final ConnectionGuard guard;
    private final InetAddress ip;
    // event-loop confined: messages waiting, their bytes, and whether one is running
    private final java.util.ArrayDeque<Queued> queue = new java.util.ArrayDeque<>();
    private long queuedBytes;
    private boolean running;

    WsHandler(ConnectionGuard guard, InetAddress ip) {
      this.guard = guard;
      this.ip = ip;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        guard.upgraded();
        Optional<RpcRefusal> refusal = openWebSocket(ip);
        if (refusal.isPresent()) {
          serverMetrics.refused(refusal.get());
          ctx.writeAndFlush(new CloseWebSocketFrame(1013, refusal.get().name()))
              .addListener(ChannelFutureListener.CLOSE);
          return;
        }
        ctx.channel().closeFuture().addListener(f -> closeWebSocket(ip));
      }
      super.userEventTriggered(ctx, evt);
    }

    /**
     * Queues the message (its bytes count in the server-wide buffered total); messages of one
     * connection run one after another. Reading goes on, so a client that hangs up is seen, until
     * {@link #MAX_QUEUED_WS_MESSAGES} wait.
     */
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      int bytes = frame.content().readableBytes();
      if (serverMetrics.bufferedBytes.addAndGet(bytes) > limits.maxBufferedBytes()) {
        serverMetrics.bufferedBytes.addAndGet(-bytes);
        serverMetrics.refused(RpcRefusal.RPC_BUFFERS_FULL);
        ctx.writeAndFlush(new TextWebSocketFrame(RpcRefusal.RPC_BUFFERS_FULL.json()));
        return;
      }
      queuedBytes += bytes;
      queue.add(new Queued(frame.text(), bytes));
      if (queue.size() >= MAX_QUEUED_WS_MESSAGES) ctx.channel().config().setAutoRead(false);
      if (!running) runNext(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      serverMetrics.bufferedBytes.addAndGet(-queuedBytes);
      queuedBytes = 0;
      queue.clear();
      super.channelInactive(ctx);
    }

    /** Runs the oldest queued message on a worker; called on the event loop. */
    private void runNext(Channel ch) {
      Queued next = queue.poll();
      if (next == null || !ch.isActive()) {
        running = false;
        ch.config().setAutoRead(true);
        return;
      }
      running = true;
      workers.execute(() -> {
        try {
          answer(ch, next.text());
        } finally {
          ch.eventLoop().execute(() -> {
            // after a close, channelInactive has released every queued byte already
            long released = Math.min(queuedBytes, next.bytes());
            queuedBytes -= released;
            serverMetrics.bufferedBytes.addAndGet(-released);
            runNext(ch);
          });
        }
      });
    }

    private void answer(Channel ch, String text) {
      List<String> subscribed = new ArrayList<>();
      Map<String, RpcMethod> own = WebSocketMethods.forConnection(hub, ch, subscribed::add);
      String out = dispatcher.handle(text, (method, args, budget) -> {
        RpcMethod connectionMethod = own.get(method);
        return connectionMethod != null ? RpcMethodTable.invoke(connectionMethod, args, budget)
            : methods.call(method, args, budget);
      }, budget(ch));
      if (out != null && !ch.isWritable()) {
        hub.dropSlowConsumer(ch);
        return;
      }
      if (out != null) ch.writeAndFlush(new TextWebSocketFrame(out));
      // a transaction already final is reported only once the client has the subscription id
      subscribed.forEach(hub::catchUp);
    }
  }

  /** A WebSocket message waiting to run, with its size as counted in the buffered total. */
  private record Queued(String text, int bytes) {}

  private synchronized Optional<RpcRefusal> openWebSocket(InetAddress ip) {
    if (wsConnections >= limits.maxWsConnections()) {
      return Optional.of(RpcRefusal.TOO_MANY_WS_CONNECTIONS);
    }
    if (wsPerIp.getOrDefault(ip, 0) >= limits.maxWsConnectionsPerIp()) {
      return Optional.of(RpcRefusal.TOO_MANY_WS_CONNECTIONS_FROM_IP);
    }
    wsConnections++;
    wsPerIp.merge(ip, 1, Integer::sum);
    return Optional.empty();
  }

  private synchronized void closeWebSocket(InetAddress ip) {
    wsConnections--;
    wsPerIp.computeIfPresent(ip, (k, n) -> n > 1 ? n - 1 : null);
  }

  private synchronized int webSockets() {
    return wsConnections;
  }

  @Override
  public void close() {
    if (serverChannel != null) serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
    notifier.shutdownNow();
  }
}
