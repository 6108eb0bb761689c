package org.bcos.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A raw loopback server for one connection: reads one HTTP request (head and Content-Length body),
 * then writes the given bytes as they are, malformed or not, and closes (or, with {@code null},
 * stays silent until closed). Test fixture for the client's HTTP reading.
 */
final class CannedHttpServer implements AutoCloseable {
  private final ServerSocket server;
  private final CompletableFuture<String> request = new CompletableFuture<>();

  private CannedHttpServer(byte[] reply) throws IOException {
    server = new ServerSocket(0);
    Thread.ofVirtual().start(() -> serve(reply));
  }

  /** Answers the first request with {@code reply} (ISO-8859-1 text) and closes. */
  static CannedHttpServer replying(String reply) throws IOException {
    return new CannedHttpServer(reply.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Reads the first request and never answers. */
  static CannedHttpServer silent() throws IOException {
    return new CannedHttpServer(null);
  }

  /** A 200 reply with {@code json} as a Content-Length body. */
  static String ok(String json) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** The request the server read (head and body), as text. */
  String request() throws Exception {
    return request.get(10, TimeUnit.SECONDS);
  }

  private void serve(byte[] reply) {
    try (Socket socket = server.accept()) {
      request.complete(readRequest(socket.getInputStream()));
      if (reply == null) {
        socket.getInputStream().read();  // until the client gives up and closes
        return;
      }
      socket.getOutputStream().write(reply);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      request.completeExceptionally(e);
    }
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b == -1) return head.toString(StandardCharsets.ISO_8859_1);
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
