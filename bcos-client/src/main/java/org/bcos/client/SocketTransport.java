package org.bcos.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code http://} requests on a plain socket, one request per connection ({@code Connection:
 * close}). Building the JDK's HTTP client costs a short CLI call 0.35–0.7 s (selector thread,
 * executors, TLS context, reactive body pipeline); one blocking socket costs a few milliseconds.
 * Connections are not kept: a CLI call makes one to a handful of requests, and an idle kept
 * connection would only hold a slot of the node's per-address connection limit.
 */
final class SocketTransport implements RpcTransport {
  private final String connectHost;
  private final int port;
  private final String requestHead;
  private final Duration connectTimeout;
  private final Duration replyTimeout;
  private final int maxReplyBytes;

  SocketTransport(URI uri, Duration connectTimeout, Duration replyTimeout, int maxReplyBytes) {
    String host = uri.getHost();
    this.connectHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    this.port = uri.getPort() == -1 ? 80 : uri.getPort();
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    this.requestHead = "POST " + target + " HTTP/1.1\r\n"
        + "Host: " + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Accept: application/json\r\n"
        + "Connection: close\r\n";
    this.connectTimeout = connectTimeout;
    this.replyTimeout = replyTimeout;
    this.maxReplyBytes = maxReplyBytes;
  }

  @Override
  public Reply post(byte[] body) throws IOException {
    long deadlineNanos = System.nanoTime() + replyTimeout.toNanos();
    try (Socket socket = connect()) {
      try {
        send(socket, body);
      } catch (IOException sendFailed) {
        // a node that refuses the connection (limits) answers before reading and closes: its
        // reply, when one came, says more than the broken pipe
        return replyAfterFailedSend(socket, deadlineNanos, sendFailed);
      }
      return reply(socket, deadlineNanos);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(connectHost, port), millis(connectTimeout));
      socket.setTcpNoDelay(true);
      return socket;
    } catch (SocketTimeoutException e) {
      socket.close();
      throw RpcTransport.noConnectionWithin(connectTimeout, e);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void send(Socket socket, byte[] body) throws IOException {
    byte[] head = (requestHead + "Content-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    OutputStream out = socket.getOutputStream();
    out.write(request);
    out.flush();
  }

  private Reply reply(Socket socket, long deadlineNanos) throws IOException {
    InputStream in = new BufferedInputStream(new DeadlineInput(socket, deadlineNanos));
    try {
      return HttpReplyReader.read(in, maxReplyBytes);
    } catch (SocketTimeoutException e) {
      throw RpcTransport.noAnswerWithin(replyTimeout, e);
    }
  }

  private Reply replyAfterFailedSend(Socket socket, long deadlineNanos, IOException sendFailed)
      throws IOException {
    try {
      return reply(socket, deadlineNanos);
    } catch (IOException noReply) {
      sendFailed.addSuppressed(noReply);
      throw sendFailed;
    }
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  /** The socket's input, each read waiting at most until the request's deadline. */
  private static final class DeadlineInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;

    DeadlineInput(Socket socket, long deadlineNanos) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long leftNanos = deadlineNanos - System.nanoTime();
      if (leftNanos <= 0) throw new SocketTimeoutException("reply deadline passed");
      socket.setSoTimeout(millis(Duration.ofNanos(leftNanos)));
      return in.read(b, off, len);
    }
  }
}
