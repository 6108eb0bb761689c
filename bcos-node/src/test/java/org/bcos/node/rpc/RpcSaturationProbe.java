package org.bcos.node.rpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figures of issue #8 item 3 (not a test: surefire skips it; run it with {@code
 * -Dtest=RpcSaturationProbe}): a flood of idle connections against the default limits while
 * {@code /health} is timed, and 150 connections each sending most of an 8 MB body.
 */
class RpcSaturationProbe {
  @Test
  void idleFloodAndUnfinishedBodies() throws Exception {
    try (RpcTestNode node = new RpcTestNode(new RpcTestNode.Limits())) {
      String host = "127.0.0.1:" + node.port;
      List<RawHttp> flood = new ArrayList<>();
      int opened = 0;
      try {
        for (; opened < 6_000; opened++) flood.add(new RawHttp(node.port));
      } catch (java.io.IOException e) {
        System.out.println("client side stopped opening at " + opened + ": " + e);
      }
      long[] millis = new long[20];
      for (int i = 0; i < millis.length; i++) {
        long t = System.nanoTime();
        int status = RawHttp.exchange(node.port, "GET", "/health", host, null, null, "").status();
        millis[i] = (System.nanoTime() - t) / 1_000_000;
        if (status != 200) throw new AssertionError("health answered " + status);
      }
      Arrays.sort(millis);
      RpcServerMetrics m = node.server.serverMetrics();
      System.out.printf("idle flood: %d sockets opened, server holds %d; /health 20/20 ok, "
          + "median %d ms, max %d ms; evicted %d%n", opened, node.server.openConnections(),
          millis[10], millis[19], m.count(RpcRefusal.EVICTED_IDLE));
      for (RawHttp s : flood) s.close();
      unfinishedBodies(node, host, m);
    }
  }

  private static void unfinishedBodies(RpcTestNode node, String host, RpcServerMetrics m)
      throws Exception {
    List<RawHttp> bodies = new ArrayList<>();
    byte[] chunk = new byte[1 << 20];
    long peak = 0;
    for (int i = 0; i < 150; i++) {
      RawHttp s = new RawHttp(node.port);
      bodies.add(s);
      try {
        s.send("POST /rpc HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + (8 << 20) + "\r\n\r\n");
        for (int k = 0; k < 7; k++) s.send(chunk);
      } catch (java.io.IOException refused) {
        // refused RPC_BUFFERS_FULL and closed while sending
      }
      peak = Math.max(peak, m.bufferedBytes.get());
    }
    Thread.sleep(500);
    peak = Math.max(peak, m.bufferedBytes.get());
    System.out.printf("150 x 7 MiB of 8 MiB bodies: peak buffered %d bytes (limit %d), refused "
        + "RPC_BUFFERS_FULL %d%n", peak, 64L << 20, m.count(RpcRefusal.RPC_BUFFERS_FULL));
    for (RawHttp s : bodies) s.close();
    Thread.sleep(500);
    System.out.printf("after the clients closed: buffered %d bytes%n", m.bufferedBytes.get());
  }
}
