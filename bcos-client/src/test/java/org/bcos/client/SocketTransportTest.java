package org.bcos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The plain-socket HTTP client against a raw server: every framing a node may use is read, and
 * every malformed, oversized, cut or missing reply gets its named failure (NODE_REPLY_INVALID,
 * HTTP_status or NODE_UNREACHABLE with the cause), never a parse exception or a hang.
 */
class SocketTransportTest {
  private static final String RESULT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"height\":7}}";

  @Test
  void sendsOnePostWithLengthHostAndConnectionClose() throws Exception {
    try (CannedHttpServer server = CannedHttpServer.replying(CannedHttpServer.ok(RESULT))) {
      assertEquals(7, new BcosClient(server.url()).height());
      String request = server.request();
      String body = request.substring(request.indexOf("\r\n\r\n") + 4);
      assertTrue(request.startsWith("POST /rpc HTTP/1.1\r\n"), request);
      assertTrue(request.contains("\r\nHost: 127.0.0.1:" + URI.create(server.url()).getPort()
          + "\r\n"), request);
      assertTrue(request.contains("\r\nConnection: close\r\n"), request);
      assertTrue(request.contains("\r\nContent-Length: " + body.length() + "\r\n"), request);
      assertTrue(body.contains("\"method\":\"bcos_status\""), body);
    }
  }

  @Test
  void readsChunkedBodiesWithExtensionsAndTrailers() throws Exception {
    String first = RESULT.substring(0, 10);
    String rest = RESULT.substring(10);
    assertHeight7("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(first.length()) + ";name=x\r\n" + first + "\r\n"
        + Integer.toHexString(rest.length()).toUpperCase() + "\r\n" + rest + "\r\n"
        + "0\r\nX-Trailer: yes\r\n\r\n");
  }

  @Test
  void readsBodiesEndedByTheConnectionInterimRepliesAndBareLineFeeds() throws Exception {
    assertHeight7("HTTP/1.0 200 OK\r\n\r\n" + RESULT);
    assertHeight7("HTTP/1.1 100 Continue\r\n\r\n" + CannedHttpServer.ok(RESULT));
    assertHeight7(CannedHttpServer.ok(RESULT).replace("\r\n", "\n"));
  }

  private static void assertHeight7(String reply) throws Exception {
    try (CannedHttpServer server = CannedHttpServer.replying(reply)) {
      assertEquals(7, new BcosClient(server.url()).height());
    }
  }

  @Test
  void anHttpErrorStatusIsNamedByItsCode() throws Exception {
    RpcError e = assertRpcError("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n"
        + "Connection: close\r\n\r\n{}", "HTTP_503");
    assertEquals("node answered HTTP 503", e.getMessage());
  }

  @Test
  void malformedRepliesAreNamedNodeReplyInvalid() throws Exception {
    assertInvalid("SSH-2.0-OpenSSH_9.6\r\n", "not an HTTP/1.1 status line: 'SSH-2.0-OpenSSH_9.6'");
    assertInvalid("HTTP/2 200\r\n\r\n", "not an HTTP/1.1 status line");
    assertInvalid("HTTP/1.1 2x0 OK\r\n\r\n", "not an HTTP/1.1 status line");
    assertInvalid("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "not a header line: 'no colon here'");
    assertInvalid("HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n", "Content-Length '12abc'");
    assertInvalid("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length '-1'");
    assertInvalid("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}",
        "two different Content-Length headers");
    assertInvalid("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "transfer coding 'gzip'");
    assertInvalid("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "not a chunk size: 'zz'");
    assertInvalid("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}}\r\n0\r\n\r\n",
        "a chunk is longer than its size says");
    assertInvalid("HTTP/1.1 200 OK\r\nX: " + "a".repeat(9000) + "\r\n\r\n",
        "a reply line is longer than 8192 bytes");
    assertInvalid("HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(101) + "\r\n",
        "more than 100 header lines");
  }

  @Test
  void aReplyThatIsNotAJsonRpcObjectIsNamedNodeReplyInvalid() throws Exception {
    assertInvalid(CannedHttpServer.ok("<html>proxy error</html>"), "the reply is not JSON");
    assertInvalid(CannedHttpServer.ok("[1,2]"), "the reply is not a JSON-RPC object");
    assertInvalid(CannedHttpServer.ok(""), "the reply is not a JSON-RPC object");
  }

  private static void assertInvalid(String reply, String why) throws Exception {
    RpcError e = assertRpcError(reply, "NODE_REPLY_INVALID");
    assertTrue(e.getMessage().contains(" sent an invalid reply: " + why), e.getMessage());
  }

  private static RpcError assertRpcError(String reply, String reason) throws Exception {
    try (CannedHttpServer server = CannedHttpServer.replying(reply)) {
      RpcError e = assertThrows(RpcError.class, () -> new BcosClient(server.url()).status());
      assertEquals(reason, e.reason(), e.getMessage());
      return e;
    }
  }

  @Test
  void aReplyOverTheLimitIsRefusedInEveryFraming() throws Exception {
    String big = "x".repeat(101);
    String limit = "larger than the client's limit of 100 bytes";
    assertTransportFails(CannedHttpServer.ok(big), RpcTransport.ReplyInvalidException.class, limit);
    assertTransportFails("HTTP/1.1 200 OK\r\n\r\n" + big, RpcTransport.ReplyInvalidException.class,
        limit);
    assertTransportFails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "32\r\n" + big.substring(0, 50) + "\r\n33\r\n" + big.substring(50) + "\r\n0\r\n\r\n",
        RpcTransport.ReplyInvalidException.class, limit);
  }

  @Test
  void aConnectionThatEndsEarlyIsUnreachableWithItsCause() throws Exception {
    assertUnreachable("", "the connection closed without a reply");
    assertUnreachable("HTTP/1.1 200 OK\r\nContent-Len", "the connection closed in the middle");
    assertUnreachable("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"",
        "the connection closed after 4 of 10 reply bytes");
  }

  private static void assertUnreachable(String reply, String cause) throws Exception {
    try (CannedHttpServer server = CannedHttpServer.replying(reply)) {
      var e = assertThrows(BcosClient.UnreachableException.class,
          () -> new BcosClient(server.url()).status());
      assertTrue(e.getMessage().startsWith("cannot reach a bcos node at " + server.url()
          + "/rpc: " + cause), e.getMessage());
    }
  }

  @Test
  void aNodeThatNeverAnswersTimesOutWithinTheReplyTimeout() throws Exception {
    try (CannedHttpServer server = CannedHttpServer.silent()) {
      long started = System.nanoTime();
      assertTransportFails(server, IOException.class, "no answer within 300 ms");
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(tookMillis >= 250 && tookMillis < 5_000, tookMillis + " ms");
    }
  }

  @Test
  void anUnknownHostIsNamed() {
    var e = assertThrows(BcosClient.UnreachableException.class,
        () -> new BcosClient("http://no-such-host.invalid:8645").status());
    assertTrue(e.getMessage().contains(": unknown host (is"), e.getMessage());
  }

  private static void assertTransportFails(String reply, Class<? extends IOException> type,
      String message) throws Exception {
    try (CannedHttpServer server = CannedHttpServer.replying(reply)) {
      assertTransportFails(server, type, message);
    }
  }

  private static void assertTransportFails(CannedHttpServer server,
      Class<? extends IOException> type, String message) {
    SocketTransport transport = new SocketTransport(URI.create(server.url() + "/rpc"),
        Duration.ofSeconds(5), Duration.ofMillis(300), 100);
    IOException e = assertThrows(type,
        () -> transport.post("{}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
