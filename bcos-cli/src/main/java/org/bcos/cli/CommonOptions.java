package org.bcos.cli;

import java.nio.file.Path;
import org.bcos.client.BcosClient;
import org.bcos.crypto.Keystore;
import picocli.CommandLine.Option;

/** Options every client command takes: where the node is, and machine-readable output. */
public final class CommonOptions {
  @Option(names = "--rpc", paramLabel = "URL", description = "node RPC URL (default: $BCOS_RPC,"
      + " else `bcos config set rpc URL`, else " + BcosClient.DEFAULT_URL + ")")
  String rpc;

  @Option(names = "--json", description = "print machine-readable JSON")
  boolean json;

  /** The node's client: {@code --rpc}, else {@code $BCOS_RPC}, else {@code bcos config}'s rpc. */
  BcosClient client() {
    String url = url();
    try {
      return new BcosClient(url);
    } catch (BcosClient.InvalidUrlException e) {
      throw new CliException("INVALID_RPC_URL", urlSource() + e.getMessage());
    }
  }

  /**
   * The node's RPC URL: {@code --rpc}, else {@code $BCOS_RPC}, else {@code bcos config}'s rpc,
   * else the default (checked where it is used: {@link #client()} names where it came from).
   */
  String url() {
    String env = System.getenv("BCOS_RPC");
    return rpc != null ? rpc : env != null && !env.isBlank() ? env
        : ConfigCommand.value("rpc").orElse(BcosClient.DEFAULT_URL);
  }

  private String urlSource() {
    String env = System.getenv("BCOS_RPC");
    return rpc != null ? "--rpc: " : env != null && !env.isBlank() ? "$BCOS_RPC: "
        : ConfigCommand.file() + ": ";
  }

  /** {@code $BCOS_HOME}, default {@code ~/.bcos}. */
  static Path home() {
    String env = System.getenv("BCOS_HOME");
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".bcos");
  }

  static Keystore keystore() {
    return new Keystore(home().resolve("keys"));
  }
}
