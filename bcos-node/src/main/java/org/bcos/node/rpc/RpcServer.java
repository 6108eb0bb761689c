package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bcos.ledger.Ledger;
import org.bcos.node.config.NodeConfig;

/**
 * The API server (Netty): {@code POST /rpc} JSON-RPC 2.0, {@code /ws} JSON-RPC plus
 * subscriptions, {@code GET /health}, {@code GET /metrics}. Calls run on virtual threads, never on
 * the event loop.
 */
public final class RpcServer implements AutoCloseable {
  private final RpcMethods methods;
  private final JsonRpcDispatcher dispatcher;
  private final WebSocketHub hub;
  private final Supplier<String> metricsText;
  private final Supplier<HealthReport> health;
  private final NodeConfig.RpcLimits limits;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
      NioIoHandler.newFactory());
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger wsConnections = new AtomicInteger();
  private Channel serverChannel;

  public RpcServer(RpcMethods methods, Ledger ledger, NodeConfig.RpcLimits limits,
      Supplier<String> metricsText, Supplier<HealthReport> health) {
    this.methods = methods;
    this.dispatcher = new JsonRpcDispatcher(limits.maxBatch());
    this.hub = new WebSocketHub(ledger, limits.maxWsSubscriptions());
    this.metricsText = metricsText;
    this.health = health;
    this.limits = limits;
  }

  /** Receives committed blocks for subscribers. */
  public void onBlock(org.bcos.ledger.block.Block block) {
    hub.onBlock(block);
  }

  public InetSocketAddress start(String host, int port) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(limits.maxBodyBytes()))
                .addLast(new WebSocketServerProtocolHandler("/ws", null, true,
                    limits.maxBodyBytes()))
                .addLast(new HttpHandler())
                .addLast(new WsHandler());
          }
        });
    serverChannel = b.bind(host, port).sync().channel();
    return (InetSocketAddress) serverChannel.localAddress();
  }

  private final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      String path = req.uri().split("\\?", 2)[0];
      if (path.equals("/rpc") && req.method() == HttpMethod.POST) {
        String body = req.content().toString(StandardCharsets.UTF_8);
        workers.execute(() -> {
          String out = dispatcher.handle(body, methods::call);
          respond(ctx, HttpResponseStatus.OK, "application/json", out == null ? "" : out,
              keepAlive);
        });
      } else if (path.equals("/health") && req.method() == HttpMethod.GET) {
        HealthReport report = health.get();
        respond(ctx, report.healthy() ? HttpResponseStatus.OK
            : HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json", report.json(), keepAlive);
      } else if (path.equals("/metrics") && req.method() == HttpMethod.GET) {
        respond(ctx, HttpResponseStatus.OK, "text/plain; version=0.0.4", metricsText.get(),
            keepAlive);
      } else {
        respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain",
            "not found: use POST /rpc, GET /health, GET /metrics or /ws\n", keepAlive);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private final class WsHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        if (wsConnections.incrementAndGet() > limits.maxWsConnections()) {
          wsConnections.decrementAndGet();
          ctx.close();
          return;
        }
        ctx.channel().closeFuture().addListener(f -> wsConnections.decrementAndGet());
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      String text = frame.text();
      Channel ch = ctx.channel();
      workers.execute(() -> {
        List<String> subscribed = new ArrayList<>();
        String out = dispatcher.handle(text, (method, params) -> switch (method) {
          case "bcos_subscribe" -> {
            JsonNode id = hub.subscribe(ch, params);
            subscribed.add(id.asText());
            yield id;
          }
          case "bcos_unsubscribe" -> hub.unsubscribe(ch, params);
          default -> methods.call(method, params);
        });
        if (out != null) ch.writeAndFlush(new TextWebSocketFrame(out));
        // a transaction already final is reported only once the client has the subscription id
        subscribed.forEach(hub::catchUp);
      });
    }
  }

  private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status,
      String contentType, String body, boolean keepAlive) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(bytes));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setContentLength(res, bytes.length);
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void close() {
    if (serverChannel != null) serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
  }
}
