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
    String env = System.getenv("BCOS_RPC");
    String from = rpc != null ? "--rpc: " : env != null && !env.isBlank() ? "$BCOS_RPC: "
        : ConfigCommand.file() + ": ";
    String url = rpc != null ? rpc : env != null && !env.isBlank() ? env
        : ConfigCommand.value("rpc").orElse(BcosClient.DEFAULT_URL);
    try {
      return new BcosClient(url);
    } catch (BcosClient.InvalidUrlException e) {
      throw new CliException("INVALID_RPC_URL", from + e.getMessage());
    }
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
