package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JSON-RPC answers of at least {@link RpcServer#RPC_GZIP_MIN_BYTES} go gzip'd to a client whose
 * Accept-Encoding takes gzip; smaller answers, and clients that take none, get the plain bytes.
 */
class RpcGzipTest {
  private RpcTestNode node;

  @AfterEach
  void stop() {
    if (node != null) node.close();
  }

  private HttpResponse<byte[]> post(HttpClient http, String body, String acceptEncoding)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port
        + "/rpc")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (acceptEncoding != null) b.header("Accept-Encoding", acceptEncoding);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] bytes) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  @Test
  void aLargeAnswerGoesGzippedToAClientThatTakesGzipAndASmallOneAsItIs() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    String discover = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\",\"params\":[]}";
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> plain = post(http, discover, null);
      assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
      assertTrue(plain.body().length >= RpcServer.RPC_GZIP_MIN_BYTES, "a large answer");

      HttpResponse<byte[]> zipped = post(http, discover, "gzip, deflate, br");
      assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
      assertEquals("Accept-Encoding", zipped.headers().firstValue("Vary").orElseThrow());
      assertArrayEquals(plain.body(), gunzip(zipped.body()));
      assertTrue(zipped.body().length * 4 < plain.body().length,
          zipped.body().length + " of " + plain.body().length);
      System.out.printf("rpc.discover: %,d bytes, %,d gzip'd%n", plain.body().length,
          zipped.body().length);

      HttpResponse<byte[]> refused = post(http, discover, "gzip;q=0");
      assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
      assertArrayEquals(plain.body(), refused.body());

      String small = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"bcos_chainId\",\"params\":[]}";
      HttpResponse<byte[]> smallAnswer = post(http, small, "gzip");
      assertTrue(smallAnswer.headers().firstValue("Content-Encoding").isEmpty());
      assertTrue(new String(smallAnswer.body(), java.nio.charset.StandardCharsets.UTF_8)
          .contains(RpcTestNode.CHAIN));
    }
  }
}
