package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The web app at {@code GET /}: its files with strict headers, nothing outside its root. */
class WebRootTest {
  private RpcTestNode node;

  @AfterEach
  void stop() {
    if (node != null) node.close();
  }

  private RawHttp.Response get(String path) throws Exception {
    return RawHttp.exchange(node.port, "GET", path, "127.0.0.1:" + node.port, null, null, "");
  }

  private static String header(RawHttp.Response r, String name) {
    for (String line : r.head().split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  @Test
  void rootServesIndexHtmlWithStrictHeaders() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    RawHttp.Response r = get("/");
    assertEquals(200, r.status(), r.head());
    assertTrue(r.body().contains("<script type=\"module\" src=\"app.js\">"), r.body());
    assertEquals("text/html; charset=utf-8", header(r, "Content-Type"));
    assertEquals("nosniff", header(r, "X-Content-Type-Options"));
    assertEquals(WebRoot.CONTENT_SECURITY_POLICY, header(r, "Content-Security-Policy"));
    assertTrue(header(r, "Content-Security-Policy").contains("frame-ancestors 'none'"));
    assertFalse(header(r, "Content-Security-Policy").contains("unsafe-inline"));
    assertEquals("no-cache", header(r, "Cache-Control"));
    assertTrue(header(r, "ETag").startsWith("\""), r.head());
  }

  @Test
  void eachFileHasItsContentTypeAndRevalidatesByEtag() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    assertEquals("text/javascript; charset=utf-8", header(get("/app.js"), "Content-Type"));
    assertEquals("text/css; charset=utf-8", header(get("/css/app.css"), "Content-Type"));
    assertEquals("application/json; charset=utf-8",
        header(get("/i18n/ko/common.json"), "Content-Type"));
    String etag = header(get("/app.js"), "ETag");
    try (RawHttp http = new RawHttp(node.port)) {
      http.send("GET /app.js HTTP/1.1\r\nHost: 127.0.0.1:" + node.port + "\r\nIf-None-Match: "
          + etag + "\r\nConnection: close\r\n\r\n");
      RawHttp.Response r = http.readResponse();
      assertEquals(304, r.status(), r.head());
      assertEquals("", r.body());
    }
  }

  @Test
  void nothingOutsideTheWebRootIsServed() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    List<String> outside = List.of("/../WebRoot.class", "/..%2fWebRoot.class",
        "/%2e%2e/%2e%2e/node/rpc/RpcServer.class", "/css/../app.js", "/./app.js", "/.hidden.js",
        "//etc/passwd.txt", "/org/bcos/node/rpc/RpcServer.class", "/logback.xml",
        "/i18n", "/css/", "/app.js/", "/nope.js", "/a/b/c/d/e.js", "/app%2ejs",
        "/app.js\\..\\x.js");
    for (String path : outside) {
      RawHttp.Response r = get(path);
      assertEquals(404, r.status(), path + " " + r.head());
      assertEquals("nosniff", header(r, "X-Content-Type-Options"), path);
    }
    assertNull(WebRoot.name("/../x.js"));
    assertNull(WebRoot.name("/" + "a".repeat(WebRoot.MAX_PATH_CHARS) + ".js"));
    assertEquals("pages/explorer.js", WebRoot.name("/pages/explorer.js"));
    assertEquals("index.html", WebRoot.name("/"));
  }

  @Test
  void theApiPathsStillAnswerAndTheSwitchTurnsTheAppOff() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    assertEquals(200, get("/health").status());
    assertTrue(node.server.servesWeb());
    node.close();
    RpcTestNode.Limits off = new RpcTestNode.Limits();
    off.webEnabled = false;
    node = new RpcTestNode(off);
    assertFalse(node.server.servesWeb());
    RawHttp.Response r = get("/");
    assertEquals(404, r.status());
    assertTrue(r.body().startsWith("not found: use POST /rpc"), r.body());
  }

  /**
   * A client that takes gzip gets text files gzip'd, under their own ETag, with {@code Vary:
   * Accept-Encoding}; the bytes unzip to the plain file. Without gzip (or with q=0) the plain
   * bytes come. Revalidation works for either.
   */
  @Test
  void textFilesComeGzippedToClientsThatTakeGzip() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      var uri = java.net.URI.create("http://127.0.0.1:" + node.port + "/pages/dvs/results.js");
      var plain = http.send(java.net.http.HttpRequest.newBuilder(uri).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
      assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElseThrow());
      var zipped = http.send(java.net.http.HttpRequest.newBuilder(uri)
              .header("Accept-Encoding", "br, gzip;q=0.8").GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
      assertEquals("Accept-Encoding", zipped.headers().firstValue("Vary").orElseThrow());
      String etag = zipped.headers().firstValue("ETag").orElseThrow();
      assertTrue(etag.endsWith("-gz\"") && !etag.equals(plain.headers().firstValue("ETag")
          .orElseThrow()), etag);
      byte[] unzipped;
      try (var in = new java.util.zip.GZIPInputStream(
          new java.io.ByteArrayInputStream(zipped.body()))) {
        unzipped = in.readAllBytes();
      }
      org.junit.jupiter.api.Assertions.assertArrayEquals(plain.body(), unzipped);
      assertTrue(zipped.body().length * 3 < plain.body().length,
          zipped.body().length + " gzip'd bytes of " + plain.body().length);
      System.out.printf("results.js: %,d bytes, %,d gzip'd%n", plain.body().length,
          zipped.body().length);

      var refused = http.send(java.net.http.HttpRequest.newBuilder(uri)
              .header("Accept-Encoding", "gzip;q=0, identity").GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
      org.junit.jupiter.api.Assertions.assertArrayEquals(plain.body(), refused.body());

      var again = http.send(java.net.http.HttpRequest.newBuilder(uri)
              .header("Accept-Encoding", "gzip").header("If-None-Match", etag).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(304, again.statusCode());
      var stale = http.send(java.net.http.HttpRequest.newBuilder(uri)
              .header("If-None-Match", etag).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, stale.statusCode(), "the gzip'd tag is not the plain file's");
    }
  }

  @Test
  void acceptEncodingIsReadAsRfc9110SaysAndAFileKeptGzippedOnlyWhenItSaves() {
    for (String yes : List.of("gzip", "gzip, deflate, br", "br;q=1.0, GZIP;Q=0.5", "x-gzip",
        "*", "identity, *;q=0.1")) {
      assertTrue(Gzip.accepted(yes), yes);
    }
    for (String no : java.util.Arrays.asList(null, "", "identity", "br, deflate", "gzip;q=0",
        "gzip; q=0.000", "*;q=0", "gzip;q=0, br", "x" + "gzip,".repeat(200))) {
      assertFalse(Gzip.accepted(no), String.valueOf(no));
    }
    byte[] random = new byte[4096];
    new java.util.Random(7).nextBytes(random);
    assertNull(WebRoot.gzip(random), "random bytes do not shrink: no gzip'd copy");
    assertTrue(WebRoot.gzip("abc".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .length < 100);
  }

  @Test
  void headAnswersAsGetWithoutTheBody() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      for (String path : List.of("/", "/app.js", "/health", "/openrpc.json", "/nope.js")) {
        var uri = java.net.URI.create("http://127.0.0.1:" + node.port + path);
        var got = http.send(java.net.http.HttpRequest.newBuilder(uri).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        var head = http.send(java.net.http.HttpRequest.newBuilder(uri)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(got.statusCode(), head.statusCode(), path);
        assertEquals(0, head.body().length, path);
        assertEquals(String.valueOf(got.body().length),
            head.headers().firstValue("Content-Length").orElseThrow(), path);
        assertEquals(got.headers().firstValue("Content-Type"),
            head.headers().firstValue("Content-Type"), path);
        assertEquals(got.headers().firstValue("ETag"), head.headers().firstValue("ETag"), path);
      }
    }
  }

  @Test
  void aMethodThePathDoesNotTakeIsRefusedWithTheOnesItDoes() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    RawHttp.Response rpc = get("/rpc");
    assertEquals(405, rpc.status(), rpc.head());
    assertEquals("POST", header(rpc, "Allow"));
    assertTrue(rpc.body().startsWith("method not allowed: /rpc takes POST"), rpc.body());
    for (String path : List.of("/health", "/metrics", "/openrpc.json", "/", "/app.js")) {
      RawHttp.Response r = RawHttp.exchange(node.port, "POST", path, "127.0.0.1:" + node.port,
          null, "text/plain", "x");
      assertEquals(405, r.status(), path + " " + r.head());
      assertEquals("GET, HEAD", header(r, "Allow"), path);
    }
    // a path that is nothing here stays 404 whatever the method, naming the API paths
    RawHttp.Response none = RawHttp.exchange(node.port, "POST", "/api", "127.0.0.1:" + node.port,
        null, "application/json", "{}");
    assertEquals(404, none.status(), none.head());
    assertTrue(none.body().startsWith("not found: use POST /rpc"), none.body());
  }
}
