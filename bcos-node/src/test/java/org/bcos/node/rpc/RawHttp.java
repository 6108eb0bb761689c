package org.bcos.node.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/WebSocket client over a socket: the tests set headers (Host, Origin) and timing
 * (slow heads, unfinished bodies, unread queues) that no polite client would.
 */
final class RawHttp implements AutoCloseable {
  final Socket socket;

  RawHttp(int port) throws IOException {
    this(port, 0);
  }

  RawHttp(int port, int receiveBufferBytes) throws IOException {
    socket = new Socket();
    if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
    socket.setSoTimeout(5_000);
  }

  /** An HTTP response: status code, headers text and body. */
  record Response(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  /** Sends a request with {@code Connection: close} and reads the whole answer. */
  static Response exchange(int port, String method, String path, String host, String origin,
      String contentType, String body) throws IOException {
    try (RawHttp http = new RawHttp(port)) {
      http.send(request(method, path, host, origin, contentType, body, true));
      return http.readResponse();
    }
  }

  static String request(String method, String path, String host, String origin,
      String contentType, String body, boolean close) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    if (host != null) sb.append("Host: ").append(host).append("\r\n");
    if (origin != null) sb.append("Origin: ").append(origin).append("\r\n");
    if (contentType != null) sb.append("Content-Type: ").append(contentType).append("\r\n");
    if (close) sb.append("Connection: close\r\n");
    sb.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
    return sb.toString();
  }

  static String upgrade(String host, String origin) {
    StringBuilder sb = new StringBuilder("GET /ws HTTP/1.1\r\nHost: " + host + "\r\n");
    if (origin != null) sb.append("Origin: ").append(origin).append("\r\n");
    return sb.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .toString();
  }

  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] bytes) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** Reads one response: head, then Content-Length bytes of body (or to the end). */
  Response readResponse() throws IOException {
    InputStream in = socket.getInputStream();
    String head = readHead(in);
    int status = Integer.parseInt(head.substring(9, 12));
    int length = -1;
    Response partial = new Response(status, head, "");
    if (partial.header("Content-Length") != null) {
      length = Integer.parseInt(partial.header("Content-Length"));
    }
    if (status == 101) return partial;
    byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
    return new Response(status, head, new String(body, StandardCharsets.UTF_8));
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed before a response head: " + head);
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.UTF_8);
  }

  /** Whether the server closed the connection within {@code millis} (reads and drops data). */
  boolean closedWithin(long millis) throws IOException {
    long end = System.currentTimeMillis() + millis;
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    while (System.currentTimeMillis() < end) {
      socket.setSoTimeout((int) Math.max(1, end - System.currentTimeMillis()));
      try {
        if (in.read(buf) < 0) return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset by the server
      }
    }
    return false;
  }

  /** A masked client text frame (RFC 6455 §5.2). */
  static byte[] textFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      out.write(0x80 | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    } else {
      out.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) out.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
    }
    byte[] mask = {1, 2, 3, 4};
    out.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) out.write(payload[i] ^ mask[i % 4]);
    return out.toByteArray();
  }

  /** Reads one server frame: opcode and payload text (close frames: code + reason). */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    String closeReason() {
      return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
  }

  Frame readFrame() throws IOException {
    InputStream in = socket.getInputStream();
    int b0 = in.read();
    if (b0 < 0) throw new IOException("closed");
    int b1 = in.read();
    long len = b1 & 0x7f;
    if (len == 126) len = (in.read() << 8) | in.read();
    if (len == 127) {
      len = 0;
      for (int i = 0; i < 8; i++) len = (len << 8) | in.read();
    }
    return new Frame(b0 & 0x0f, in.readNBytes((int) len));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
