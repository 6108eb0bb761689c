package org.bcos.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

/**
 * {@code testnet start} checks every port its nodes will listen on before it starts any node, so a
 * port held by another program is named at once (which port, whose) and nothing is left running.
 */
final class Ports {
  private Ports() {}

  /** PORT_IN_USE naming the first port of {@code members} that cannot be bound now. */
  static void checkFree(List<TestnetCommand.Member> members) {
    for (TestnetCommand.Member m : members) {
      URI rpc = URI.create(m.rpc());
      check(rpc.getHost(), rpc.getPort(), "node " + m.index() + "'s JSON-RPC port");
      int colon = m.p2p().lastIndexOf(':');
      check(m.p2p().substring(0, colon), Integer.parseInt(m.p2p().substring(colon + 1)),
          "node " + m.index() + "'s P2P port");
    }
  }

  private static void check(String host, int port, String what) {
    if (!free(host, port)) {
      throw new CliException("PORT_IN_USE", what + " " + host + ":" + port + " is in use by"
          + " another program; no node was started (free the port, or init the testnet again"
          + " with other --rpc-base-port/--p2p-base-port)");
    }
  }

  /** Whether a listener could bind {@code host:port} now (the check and the start may race). */
  static boolean free(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
