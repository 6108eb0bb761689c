package org.bcos.node.config;

import java.nio.file.Path;
import java.util.Objects;
import org.bcos.node.mempool.MempoolLimits;

/**
 * Everything a node needs to run; every limit is a named value with a checked default.
 *
 * @param dataDir where the database, genesis and validator key live
 * @param rpcHost address the JSON-RPC server binds (127.0.0.1 by default: not exposed)
 * @param rpcPort JSON-RPC/WebSocket port (8645)
 * @param blockIntervalMillis block interval: 10 s normally, 1 s in dev mode
 */
public record NodeConfig(
    Path dataDir,
    String rpcHost,
    int rpcPort,
    long blockIntervalMillis,
    MempoolLimits mempool,
    RpcLimits rpc) {
  public static final int DEFAULT_RPC_PORT = 8645;
  public static final long DEFAULT_BLOCK_INTERVAL_MILLIS = 10_000;
  public static final long DEV_BLOCK_INTERVAL_MILLIS = 1_000;

  /** Limits of the API server. */
  public record RpcLimits(int maxBatch, int maxBodyBytes, int maxWsSubscriptions,
      int maxWsConnections) {
    public static final RpcLimits DEFAULT = new RpcLimits(1_000, 8 << 20, 100, 1_000);

    public RpcLimits {
      if (maxBatch < 1 || maxBatch > 100_000) throw new IllegalArgumentException("rpc maxBatch");
      if (maxBodyBytes < 4096) throw new IllegalArgumentException("rpc maxBodyBytes");
      if (maxWsSubscriptions < 1) throw new IllegalArgumentException("rpc maxWsSubscriptions");
      if (maxWsConnections < 1) throw new IllegalArgumentException("rpc maxWsConnections");
    }
  }

  public NodeConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(rpcHost, "rpcHost");
    if (rpcPort < 0 || rpcPort > 65_535) throw new IllegalArgumentException("rpc port 0..65535");
    if (blockIntervalMillis < 50 || blockIntervalMillis > 600_000) {
      throw new IllegalArgumentException("block interval must be 50 ms .. 10 min");
    }
    Objects.requireNonNull(mempool);
    Objects.requireNonNull(rpc);
  }

  public static NodeConfig dev(Path dataDir, int rpcPort) {
    return new NodeConfig(dataDir, "127.0.0.1", rpcPort, DEV_BLOCK_INTERVAL_MILLIS,
        MempoolLimits.DEFAULT, RpcLimits.DEFAULT);
  }

  public NodeConfig withBlockInterval(long millis) {
    return new NodeConfig(dataDir, rpcHost, rpcPort, millis, mempool, rpc);
  }
}
