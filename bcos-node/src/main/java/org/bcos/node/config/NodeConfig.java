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
 * @param devChain a development chain ({@code bcos node --dev}: one validator, no P2P), which
 *     serves the dev controls such as {@code dev_mine}; every other node refuses them
 * @param maxProtocolVersion 0, or the highest protocol version this node runs: a test and
 *     operator knob making it behave as a release without the later versions (it stops before
 *     the height of an upgrade to one, and refuses a genesis that starts above it;
 *     docs/GOVERNANCE.md "Upgrades on a real network")
 */
public record NodeConfig(
    Path dataDir,
    String rpcHost,
    int rpcPort,
    long blockIntervalMillis,
    MempoolLimits mempool,
    RpcLimits rpc,
    P2p p2p,
    Disk disk,
    boolean devChain,
    int maxProtocolVersion) {
  public static final int DEFAULT_RPC_PORT = 8645;
  public static final long DEFAULT_BLOCK_INTERVAL_MILLIS = 10_000;
  public static final long DEV_BLOCK_INTERVAL_MILLIS = 1_000;

  /**
   * Limits and access rules of the API server (docs/RPC.md "Limits"; docs/SECURITY.md).
   *
   * @param maxBatch calls per JSON-RPC batch, and transactions per {@code bcos_sendRawTransactions}
   * @param maxBodyBytes bytes of one request body (HTTP) before it is refused (413)
   * @param maxWsSubscriptions subscriptions per WebSocket connection
   * @param maxWsConnections WebSocket connections in total
   * @param maxConnections API connections in total (HTTP and WebSocket); at the cap a new one
   *     takes the place of the connection idle longest, or is refused when none is idle
   * @param maxConnectionsPerIp API connections from one IP address (same rule)
   * @param maxWsConnectionsPerIp WebSocket connections from one IP address
   * @param reservedFileDescriptors descriptors kept free for P2P, consensus and storage: a new
   *     API connection is refused while fewer than this many are left below the process limit
   * @param headerTimeoutMillis time from the first byte of a request (or from connecting) until
   *     its head is complete
   * @param bodyTimeoutMillis time from a request's head until its body is complete
   * @param idleTimeoutMillis time a kept-alive connection may wait for its next request
   * @param maxBufferedBytes request-body bytes held (received and not yet answered) across all
   *     connections; a request that would pass it is refused (503)
   * @param wsMaxFrameBytes bytes of one WebSocket message
   * @param wsMaxQueuedBytes bytes queued for one WebSocket client; over it the client is dropped
   *     as a slow consumer
   * @param requestTimeoutMillis deadline of one request (batch or single call) once it runs
   * @param maxRequestWorkUnits work units one request may spend (docs/RPC.md lists the costs)
   * @param allowedHosts names a request's {@code Host} header may carry ({@code "*"}: any);
   *     protects against DNS rebinding
   * @param allowedOrigins web origins besides the node's own that may call it ({@code "*"}:
   *     any; {@code "null"} is never matched except by {@code "*"})
   * @param webEnabled whether the server also serves the web app (the {@code bcos-web} files) at
   *     {@code GET /} (docs/WEB.md)
   */
  public record RpcLimits(int maxBatch, int maxBodyBytes, int maxWsSubscriptions,
      int maxWsConnections, int maxConnections, int maxConnectionsPerIp,
      int maxWsConnectionsPerIp, int reservedFileDescriptors, long headerTimeoutMillis,
      long bodyTimeoutMillis, long idleTimeoutMillis, long maxBufferedBytes, int wsMaxFrameBytes,
      int wsMaxQueuedBytes, long requestTimeoutMillis, long maxRequestWorkUnits,
      List<String> allowedHosts, List<String> allowedOrigins, boolean webEnabled) {
    public static final List<String> DEFAULT_ALLOWED_HOSTS = List.of("localhost", "127.0.0.1",
        "[::1]");
    public static final RpcLimits DEFAULT = new RpcLimits(1_000, 8 << 20, 100, 1_000);

    /** The given limits with every newer limit at its default. */
    public RpcLimits(int maxBatch, int maxBodyBytes, int maxWsSubscriptions,
        int maxWsConnections) {
      this(maxBatch, maxBodyBytes, maxWsSubscriptions, maxWsConnections, 2_000, 500, 250, 512,
          10_000, 30_000, 60_000, 64L << 20, 1 << 20, 4 << 20, 5_000, 1_000_000,
          DEFAULT_ALLOWED_HOSTS, List.of());
    }

    /** The given limits with the web app served. */
    public RpcLimits(int maxBatch, int maxBodyBytes, int maxWsSubscriptions,
        int maxWsConnections, int maxConnections, int maxConnectionsPerIp,
        int maxWsConnectionsPerIp, int reservedFileDescriptors, long headerTimeoutMillis,
        long bodyTimeoutMillis, long idleTimeoutMillis, long maxBufferedBytes, int wsMaxFrameBytes,
        int wsMaxQueuedBytes, long requestTimeoutMillis, long maxRequestWorkUnits,
        List<String> allowedHosts, List<String> allowedOrigins) {
      this(maxBatch, maxBodyBytes, maxWsSubscriptions, maxWsConnections, maxConnections,
          maxConnectionsPerIp, maxWsConnectionsPerIp, reservedFileDescriptors,
          headerTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, maxBufferedBytes,
          wsMaxFrameBytes, wsMaxQueuedBytes, requestTimeoutMillis, maxRequestWorkUnits,
          allowedHosts, allowedOrigins, true);
    }

    /** The same limits, with the web app served or not. */
    public RpcLimits withWebEnabled(boolean enabled) {
      return new RpcLimits(maxBatch, maxBodyBytes, maxWsSubscriptions, maxWsConnections,
          maxConnections, maxConnectionsPerIp, maxWsConnectionsPerIp, reservedFileDescriptors,
          headerTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis, maxBufferedBytes,
          wsMaxFrameBytes, wsMaxQueuedBytes, requestTimeoutMillis, maxRequestWorkUnits,
          allowedHosts, allowedOrigins, enabled);
    }

    public RpcLimits {
      if (maxBatch < 1 || maxBatch > 100_000) throw new IllegalArgumentException("rpc maxBatch");
      if (maxBodyBytes < 4096) throw new IllegalArgumentException("rpc maxBodyBytes");
      if (maxWsSubscriptions < 1) throw new IllegalArgumentException("rpc maxWsSubscriptions");
      if (maxWsConnections < 1) throw new IllegalArgumentException("rpc maxWsConnections");
      range(maxConnections, 1, 1_000_000, "rpcMaxConnections");
      range(maxConnectionsPerIp, 1, 1_000_000, "rpcMaxConnectionsPerIp");
      range(maxWsConnectionsPerIp, 1, 1_000_000, "rpcMaxWsConnectionsPerIp");
      range(reservedFileDescriptors, 0, 1_000_000, "rpcReservedFileDescriptors");
      range(headerTimeoutMillis, 100, 600_000, "rpcHeaderTimeoutMillis (100..600000)");
      range(bodyTimeoutMillis, 100, 3_600_000, "rpcBodyTimeoutMillis (100..3600000)");
      range(idleTimeoutMillis, 100, 3_600_000, "rpcIdleTimeoutMillis (100..3600000)");
      range(maxBufferedBytes, maxBodyBytes, 1L << 40, "rpcMaxBufferedBytes (rpcMaxBodyBytes..)");
      range(wsMaxFrameBytes, 1024, 64 << 20, "rpcWsMaxFrameBytes (1024..64 MiB)");
      range(wsMaxQueuedBytes, 4096, 1 << 30, "rpcWsMaxQueuedBytes (4096..1 GiB)");
      range(requestTimeoutMillis, 10, 600_000, "rpcRequestTimeoutMillis (10..600000)");
      range(maxRequestWorkUnits, 100, 1L << 40, "rpcMaxRequestWorkUnits (100..)");
      allowedHosts = checkedNames(allowedHosts, "rpcAllowedHosts");
      allowedOrigins = checkedNames(allowedOrigins, "rpcAllowedOrigins");
    }

    private static void range(long value, long min, long max, String what) {
      if (value < min || value > max) throw new IllegalArgumentException(what);
    }

    private static List<String> checkedNames(List<String> names, String what) {
      names = List.copyOf(names);
      if (names.size() > 1_000) throw new IllegalArgumentException(what + ": at most 1000");
      for (String n : names) {
        if (n.isBlank() || n.length() > 255 || !n.equals(n.strip())) {
          throw new IllegalArgumentException(what + ": each entry is a non-empty name");
        }
      }
      return names;
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

  /** Every protocol version this software ships. */
  public NodeConfig(Path dataDir, String rpcHost, int rpcPort, long blockIntervalMillis,
      MempoolLimits mempool, RpcLimits rpc, P2p p2p, Disk disk, boolean devChain) {
    this(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, p2p, disk, devChain, 0);
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

  /** Not a development chain. */
  public NodeConfig(Path dataDir, String rpcHost, int rpcPort, long blockIntervalMillis,
      MempoolLimits mempool, RpcLimits rpc, P2p p2p, Disk disk) {
    this(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, p2p, disk, false);
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
    if (devChain && p2p != null) {
      throw new IllegalArgumentException("a development chain runs alone, without P2P");
    }
    if (maxProtocolVersion < 0) {
      throw new IllegalArgumentException("maxProtocolVersion must be 0 (every version this "
          + "software ships) or a protocol version >= 1");
    }
  }

  /** A development chain's node: 1 s blocks, loopback RPC, dev controls on. */
  public static NodeConfig dev(Path dataDir, int rpcPort) {
    return new NodeConfig(dataDir, "127.0.0.1", rpcPort, DEV_BLOCK_INTERVAL_MILLIS,
        MempoolLimits.DEFAULT, RpcLimits.DEFAULT).asDevChain();
  }

  /** The same settings as a development chain's ({@link #devChain}). */
  public NodeConfig asDevChain() {
    return new NodeConfig(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, p2p, disk,
        true, maxProtocolVersion);
  }

  /**
   * The consensus settings on chain {@code chainId}: Tendermint's usual timeouts (propose 3 s,
   * prevote and precommit 1 s, each +0.5 s per round) and the machine's default limits.
   */
  public org.bcos.consensus.ConsensusConfig consensus(String chainId) {
    return org.bcos.consensus.ConsensusConfig.defaults(chainId);
  }

  public NodeConfig withBlockInterval(long millis) {
    return new NodeConfig(dataDir, rpcHost, rpcPort, millis, mempool, rpc, p2p, disk, devChain,
        maxProtocolVersion);
  }

  /**
   * These settings with P2P; a node that talks to peers is not a development chain, so the dev
   * controls ({@link #devChain}) are off.
   */
  public NodeConfig withP2p(P2p value) {
    return new NodeConfig(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, value,
        disk, devChain && value == null, maxProtocolVersion);
  }

  public NodeConfig withDisk(Disk value) {
    return new NodeConfig(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, p2p,
        value, devChain, maxProtocolVersion);
  }

  /** These settings running protocol versions up to {@code version} only (0: all). */
  public NodeConfig withMaxProtocolVersion(int version) {
    return new NodeConfig(dataDir, rpcHost, rpcPort, blockIntervalMillis, mempool, rpc, p2p, disk,
        devChain, version);
  }
}
