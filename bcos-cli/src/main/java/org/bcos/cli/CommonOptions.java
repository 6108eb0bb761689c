package org.bcos.cli;

import java.nio.file.Path;
import org.bcos.client.BcosClient;
import org.bcos.crypto.Keystore;
import picocli.CommandLine.Option;

/** Options every client command takes: where the node is, and machine-readable output. */
public final class CommonOptions {
  @Option(names = "--rpc", paramLabel = "URL", description = "node RPC URL (default: "
      + BcosClient.DEFAULT_URL + ", or $BCOS_RPC)")
  String rpc;

  @Option(names = "--json", description = "print machine-readable JSON")
  boolean json;

  BcosClient client() {
    return new BcosClient(url());
  }

  /** The node's RPC URL: {@code --rpc}, else {@code $BCOS_RPC}, else the default. */
  String url() {
    return rpc != null ? rpc : System.getenv().getOrDefault("BCOS_RPC", BcosClient.DEFAULT_URL);
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
