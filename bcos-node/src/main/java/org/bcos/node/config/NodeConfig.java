package org.bcos.node.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.bcos.node.mempool.MempoolLimits;

/**
 * Everything a node needs to run; every limit is a named value with a checked default.
 *
 * @param dataDir where the database, genesis and validator key live
 * @param rpcHost address the JSON-RPC server binds (127.0.0.1 by default: not exposed)
 * @param rpcPort JSON-RPC/WebSocket port (8645)
 * @param blockIntervalMillis block interval: 10 s normally, 1 s in dev mode
 * @param p2p the peer-to-peer part, or null when the node runs alone (no P2P)
 * @param disk free-space levels of the data directory's disk
 */
public record NodeConfig(
    Path dataDir,
    String rpcHost,
    int rpcPort,
    long blockIntervalMillis,
    MempoolLimits mempool,
    RpcLimits rpc,
    P2p p2p,
    Disk disk) {
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

  /**
   * Free space the node keeps on its data directory's disk, checked every {@code
   * checkIntervalMillis}: below {@code warnFreeBytes} {@code /health} says DISK_SPACE_LOW; below
   * {@code minFreeBytes} (DISK_SPACE_CRITICAL) the node stops admitting transactions, so a full
   * disk cannot swallow what clients were told was accepted; after a failed write it restarts
   * from its last committed block once free space is back above {@code minFreeBytes}.
   */
  public record Disk(long minFreeBytes, long warnFreeBytes, long checkIntervalMillis) {
    public static final Disk DEFAULT = new Disk(64L << 20, 1L << 30, 5_000);

    public Disk {
      if (minFreeBytes < 0 || minFreeBytes > 1L << 50) {
        throw new IllegalArgumentException("diskMinFreeBytes 0..2^50");
      }
      if (warnFreeBytes < minFreeBytes || warnFreeBytes > 1L << 50) {
        throw new IllegalArgumentException("diskWarnFreeBytes must be diskMinFreeBytes..2^50");
      }
      if (checkIntervalMillis < 100 || checkIntervalMillis > 3_600_000) {
        throw new IllegalArgumentException("diskCheckIntervalMillis 100..3600000");
      }
    }
  }

  /**
   * The P2P part of a node's configuration.
   *
   * @param listenHost interface the P2P listener binds
   * @param listenPort P2P TCP port (0: ephemeral)
   * @param seeds {@code host:port} peers dialled at start
   * @param nodeKeyFile the node identity (Ed25519 seed hex and PoW nonce), created if missing
   * @param snapshotIntervalBlocks a state snapshot is kept (and served to peers) every this many
   *     blocks; 0 for none
   * @param stateSyncHeight when above 0 and the node is fresh, it starts from the peers' state
   *     snapshot of this height instead of replaying every block
   * @param stateSyncHash the trusted hash (hex) of the block at {@code stateSyncHeight}
   */
  public record P2p(String listenHost, int listenPort, List<String> seeds, Path nodeKeyFile,
      long snapshotIntervalBlocks, long stateSyncHeight, String stateSyncHash) {
    public static final String DEFAULT_LISTEN_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 26656;
    public static final long DEFAULT_SNAPSHOT_INTERVAL_BLOCKS = 1_000;

    /** Without state sync, with the default snapshot interval. */
    public P2p(String listenHost, int listenPort, List<String> seeds, Path nodeKeyFile) {
      this(listenHost, listenPort, seeds, nodeKeyFile, DEFAULT_SNAPSHOT_INTERVAL_BLOCKS, 0, "");
    }

    public P2p {
      if (listenHost == null || listenHost.isBlank()) {
        throw new IllegalArgumentException("p2p listen host must not be empty");
      }
      if (listenPort < 0 || listenPort > 65_535) {
        throw new IllegalArgumentException("p2p port 0..65535");
      }
      seeds = List.copyOf(seeds);
      if (seeds.size() > org.bcos.p2p.P2pConfig.MAX_SEEDS) {
        throw new IllegalArgumentException("at most " + org.bcos.p2p.P2pConfig.MAX_SEEDS
            + " p2p seeds");
      }
      for (String seed : seeds) org.bcos.p2p.PeerAddress.parse(seed);
      Objects.requireNonNull(nodeKeyFile, "nodeKeyFile");
      if (snapshotIntervalBlocks < 0 || snapshotIntervalBlocks > 100_000_000) {
        throw new IllegalArgumentException("snapshotIntervalBlocks 0..100000000");
      }
      if (stateSyncHeight < 0) throw new IllegalArgumentException("stateSyncHeight >= 0");
      Objects.requireNonNull(stateSyncHash, "stateSyncHash");
      if (stateSyncHeight > 0 && !stateSyncHash.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("stateSyncHash must be the 64 hex digits of the block "
            + "hash at stateSyncHeight");
      }
    }
  }

  /** A node without P2P. */
  public NodeConfig(Path dataDir, String rpcHost, int rpcPort, long blockIntervalMillis,
      MempoolLimits mempool, RpcLimits rpc) {
    this(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, null, Disk.DEFAULT);
  }

  /** With the default disk levels. */
  public NodeConfig(Path dataDir, String rpcHost, int rpcPort, long blockIntervalMillis,
      MempoolLimits mempool, RpcLimits rpc, P2p p2p) {
    this(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, p2p, Disk.DEFAULT);
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
    Objects.requireNonNull(disk);
  }

  public static NodeConfig dev(Path dataDir, int rpcPort) {
    return new NodeConfig(dataDir, "127.0.0.1", rpcPort, DEV_BLOCK_INTERVAL_MILLIS,
        MempoolLimits.DEFAULT, RpcLimits.DEFAULT);
  }

  /**
   * The consensus settings on chain {@code chainId}: Tendermint's usual timeouts (propose 3 s,
   * prevote and precommit 1 s, each +0.5 s per round) and the machine's default limits.
   */
  public org.bcos.consensus.ConsensusConfig consensus(String chainId) {
    return org.bcos.consensus.ConsensusConfig.defaults(chainId);
  }

  public NodeConfig withBlockInterval(long millis) {
    return new NodeConfig(dataDir, rpcHost, rpcPort, millis, mempool, rpc, p2p, disk);
  }

  public NodeConfig withP2p(P2p value) {
    return new NodeConfig(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, value,
        disk);
  }

  public NodeConfig withDisk(Disk value) {
    return new NodeConfig(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, p2p,
        value);
  }
}
