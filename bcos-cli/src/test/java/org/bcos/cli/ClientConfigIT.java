package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bcos config set|get|unset rpc} in $BCOS_HOME/config.json, and its place in the order
 * {@code --rpc}, {@code $BCOS_RPC}, config, default; run as a user runs it (separate JVMs).
 */
class ClientConfigIT {
  @TempDir Path root;

  @Test
  void rpcSetInTheConfigIsUsedUnlessRpcIsGivenAndBadValuesAreRefused() throws Exception {
    Path home = Files.createDirectories(root.resolve("home"));
    CliProcess cli = new CliProcess(home, Files.createDirectories(root.resolve("out")));
    String deadNode;
    try (ServerSocket free = new ServerSocket(0)) {
      deadNode = "http://127.0.0.1:" + free.getLocalPort();
    }
    CliProcess.Run run = cli.run("config", "set", "rpc", "127.0.0.1:8645");
    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("error: INVALID_RPC_URL: "), run.stderr());
    assertEquals(1, cli.run("config", "set", "colour", "blue").exitCode());

    assertEquals(0, cli.run("config", "set", "rpc", deadNode).exitCode());
    run = cli.run("config", "get", "rpc");
    assertEquals(deadNode, run.stdout().strip());
    run = cli.run("status");
    assertTrue(run.stderr().startsWith("error: NODE_UNREACHABLE: cannot reach a bcos node at "
        + deadNode + "/rpc"), "the config's rpc is used: " + run.stderr());
    run = cli.run("status", "--rpc", "localhost");
    assertTrue(run.stderr().startsWith("error: INVALID_RPC_URL: --rpc: "), "--rpc wins: "
        + run.stderr());

    assertEquals(0, cli.run("config", "unset", "rpc").exitCode());
    run = cli.run("config", "get", "rpc");
    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("error: NOT_SET: "), run.stderr());
  }
}
