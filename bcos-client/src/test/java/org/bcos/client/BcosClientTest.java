package org.bcos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The node URL is checked before any request, and an unreachable node gets a real cause. */
class BcosClientTest {

  @Test
  void acceptsHttpAndHttpsUrlsWithOrWithoutRpcPath() {
    assertEquals("http://127.0.0.1:8645/rpc", BcosClient.rpcUri("http://127.0.0.1:8645").toString());
    assertEquals("https://node.example:443/rpc",
        BcosClient.rpcUri("https://node.example:443/rpc/").toString());
    assertEquals("HTTP://localhost/rpc", BcosClient.rpcUri(" HTTP://localhost ").toString());
  }

  @Test
  void refusesUrlsWithoutSchemeOrHostNamingTheFix() {
    assertRefused("127.0.0.1:19645", "no http:// or https:// scheme; write e.g. "
        + "http://127.0.0.1:19645");
    assertRefused("localhost:8645", "write e.g. http://localhost:8645");
    assertRefused("ws://127.0.0.1:8645", "write e.g. http://127.0.0.1:8645");
    assertRefused("http://", "not a URL");
    assertRefused("http://:8645", "names no host");
    assertRefused("http:///rpc", "names no host");
    assertRefused("http://[bad", "not a URL");
    assertRefused("", "no http:// or https:// scheme");
  }

  private static void assertRefused(String url, String why) {
    var e = assertThrows(BcosClient.InvalidUrlException.class, () -> new BcosClient(url));
    assertTrue(e.getMessage().contains(why), url + ": " + e.getMessage());
  }

  @Test
  void unreachableNodeNamesTheCauseNotNull() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    var e = assertThrows(BcosClient.UnreachableException.class,
        () -> new BcosClient("http://127.0.0.1:" + port).status());
    assertTrue(e.getMessage().contains(": connection refused (is `./bcos node --dev`"),
        e.getMessage());
    var overTls = assertThrows(BcosClient.UnreachableException.class,
        () -> new BcosClient("https://127.0.0.1:" + port).status());
    assertTrue(overTls.getMessage().contains(": connection refused (is `./bcos node --dev`"),
        "https:// goes through java.net.http, named the same: " + overTls.getMessage());
    assertEquals("connection refused", BcosClient.cause(new ConnectException()));
    assertEquals("boom", BcosClient.cause(new IOException(null, new IOException("boom"))));
    assertEquals("IOException", BcosClient.cause(new IOException()));
  }
}
