package org.bcos.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.consensus.ChainConsensus;
import org.bcos.node.mempool.Mempool;
import org.bcos.node.release.NodeReleases;
import org.bcos.node.release.ReleaseRpc;
import org.bcos.node.release.ReleaseStore;
import org.bcos.node.release.UpgradeRequiredFile;
import org.bcos.node.rpc.RpcMethodTable;
import org.bcos.node.rpc.RpcServer;
import org.bcos.node.rpc.methods.CoreRpcMethods;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.RocksDbStore;

/**
 * One running node: RocksDB store, ledger, mempool, ingress, consensus (validators), P2P and the
 * API server, wired by hand (no container). {@link #close()} stops consensus after the step in
 * progress, then P2P, then the API, then closes the store.
 */
public final class Node implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.node");
  public static final String VERSION = "0.1.0";

  private final KeyValueStore store;
  private final Ledger ledger;
  private final Mempool mempool;
  private final Ingress ingress;
  private final ConsensusService consensus;
  private final RpcServer rpc;
  private final InetSocketAddress rpcAddress;
  private NetworkService network;
  private StateSnapshots snapshots;
  private NodeHealth health;
  private StorageFailures storageFailures;
  private DiskSpaceMonitor diskMonitor;
  private UpgradeStop upgradeStop;

  private Node(KeyValueStore store, Ledger ledger, Mempool mempool, Ingress ingress,
      ConsensusService consensus, RpcServer rpc, InetSocketAddress rpcAddress) {
    this.store = store;
    this.ledger = ledger;
    this.mempool = mempool;
    this.ingress = ingress;
    this.consensus = consensus;
    this.rpc = rpc;
    this.rpcAddress = rpcAddress;
  }

  /**
   * Starts a node. With a validator key it takes part in consensus (alone, without P2P, a genesis
   * validator's key makes a dev chain), voting and proposing at the heights whose validator set
   * holds its key and following the chain silently at the others (a validator added by staking
   * starts so); with {@code validatorKey} null it is a follower, which needs P2P ({@link
   * NodeConfig#p2p()}) and only imports certified blocks from its peers.
   */
  public static Node start(NodeConfig config, Genesis genesis, Ed25519KeyPair validatorKey)
      throws Exception {
    return start(config, genesis, validatorKey, config.dataDir().resolve(GUARD_FILE));
  }

  /** The double-sign guard's file name, kept next to the validator key. */
  public static final String GUARD_FILE = "validator.state";

  /**
   * Starts a node whose validator keeps its double-sign guard in {@code guardFile}: put it next
   * to the validator key, outside the data directory, so it survives the loss of the data (see
   * {@link org.bcos.node.consensus.DoubleSignGuard}).
   */
  public static Node start(NodeConfig config, Genesis genesis, Ed25519KeyPair validatorKey,
      java.nio.file.Path guardFile) throws Exception {
    if (validatorKey != null && config.p2p() == null && !genesis.isValidator(
        validatorKey.address())) {
      throw new IllegalArgumentException("the validator key (" + validatorKey.address()
          + ") is not a validator of this genesis, and without P2P it can never join the set");
    }
    if (validatorKey != null && config.p2p() == null && genesis.validators().size() > 1) {
      throw new IllegalArgumentException("a genesis with " + genesis.validators().size()
          + " validators needs P2P to reach the others");
    }
    if (config.devChain() && (validatorKey == null || genesis.validators().size() != 1)) {
      throw new IllegalArgumentException("a development chain has one validator, and this node "
          + "holds its key");
    }
    if (validatorKey == null && config.p2p() == null) {
      throw new IllegalArgumentException("a node without the validator key is a follower and "
          + "needs P2P configured");
    }
    Files.createDirectories(config.dataDir());
    UpgradeRequiredFile.clear(config.dataDir()); // running again: no longer stopped
    KeyValueStore store = RocksDbStore.open(config.dataDir().resolve("db"),
        Modules.columns());
    try {
      SignatureVerifier verifier = Ed25519.verifier();
      Ledger ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier(),
          software(config, ChainConsensus.evidenceCheck(verifier)),
          ChainConsensus.commitCheck(verifier));
      // the chain's parameters as its state holds them now (governance may have changed them)
      org.bcos.p2p.NodeIdentity identity = config.p2p() == null ? null
          : org.bcos.node.config.NodeKeyFile.loadOrCreate(config.p2p().nodeKeyFile(),
              ledger.params().nodeIdPowBits());
      Mempool mempool = new Mempool(config.mempool(), () -> ledger.params().maxNonceGap());
      NodeHealth health = new NodeHealth();
      StorageFailures storageFailures = new StorageFailures(health, config.dataDir());
      Ingress ingress = new Ingress(ledger, mempool, health);
      NodeMetrics metrics = new NodeMetrics();
      metrics.watch(mempool);
      ChainEvents events = new ChainEvents();
      StateSnapshots snapshots = config.p2p() == null
          || config.p2p().snapshotIntervalBlocks() == 0 ? null
          : new StateSnapshots(config.dataDir().resolve("snapshots"),
              config.p2p().snapshotIntervalBlocks());
      CommittedBlocks committed = new CommittedBlocks(ledger, mempool, metrics, events, snapshots);
      ConsensusService consensus = validatorKey == null ? null : new ConsensusService(ledger,
          mempool, ingress, validatorKey, committed,
          config.consensus(genesis.params().chainId()), config.blockIntervalMillis(),
          config.dataDir().resolve("consensus.wal"),
          org.bcos.node.consensus.DoubleSignGuard.open(guardFile), verifier,
          NetworkService.maxBlockMessageBytes(ledger), health, storageFailures);
      CoreRpcMethods methods = new CoreRpcMethods(ledger, mempool, ingress, metrics,
          config.rpc().maxBatch(), VERSION);
      // module methods: the DVS list until the ledger's module registry supplies them all
      ReleaseStore releases = ReleaseStore.of(config.dataDir());
      releases.removeLeftovers();
      NodeReleases nodeReleases = new NodeReleases(ledger, releases);
      ReleaseRpc releaseRpc = ReleaseRpc.of(ledger, nodeReleases);
      RpcMethodTable table = RpcMethodTable.of(VERSION, methods.methods(),
          releaseRpc.moduleMethods(), metrics::rpcRequest);
      if (consensus != null) metrics.watch(consensus);
      if (validatorKey != null) logCandidate(ledger, validatorKey.address());
      RpcServer rpc = new RpcServer(table, ledger, config.rpc(), metrics.registry(), metrics,
          () -> health(ledger, health));
      events.onBlock(rpc::onBlock);
      InetSocketAddress address = rpc.start(config.rpcHost(), config.rpcPort());
      Node node = new Node(store, ledger, mempool, ingress, consensus, rpc, address);
      node.snapshots = snapshots;
      node.health = health;
      node.storageFailures = storageFailures;
      node.upgradeStop = new UpgradeStop(ledger, health);
      events.onBlock(block -> node.upgradeStop.check());
      node.diskMonitor = new DiskSpaceMonitor(config.dataDir(), config.disk(), health);
      node.diskMonitor.start();
      if (identity != null) {
        try {
          node.network = NetworkService.start(config.p2p(), identity, consensus, ledger,
              mempool, ingress, events, metrics, verifier, committed, snapshots, storageFailures,
              nodeReleases);
          metrics.watch(node.network.peerManager());
        } catch (Exception | Error e) {
          rpc.close();
          ingress.close();
          throw e;
        }
      }
      methods.attach(consensus, node.network, config.devChain());
      releaseRpc.attach(node.network);
      if (consensus != null) storageFailures.onHalt(consensus::close);
      NetworkService started = node.network;
      if (started != null) storageFailures.onHalt(started::close);
      if (consensus != null) {
        // a node starting from a state snapshot joins consensus once it has the state
        if (node.network != null) node.network.whenStateSynced(consensus::start);
        else consensus.start();
      }
      node.upgradeStop.check(); // restarted on a chain already at a version this node lacks
      return node;
    } catch (Exception | Error e) {
      store.close();
      throw e;
    }
  }

  /**
   * A validator key outside the set governing the next height (a validator being added by
   * staking, or one that left the set): the node runs consensus silently, following the chain,
   * and votes and proposes from the height its key is in the set. Said once, as it may be a
   * misconfigured key file.
   */
  private static void logCandidate(Ledger ledger, org.bcos.types.Address key) {
    long next = ledger.head().height() + 1;
    boolean member = ledger.validatorSetAt(next).stream()
        .anyMatch(v -> v.address().equals(key));
    if (!member) {
      LOG.info("validator key {} is not in the validator set of height {}: this node follows "
          + "the chain and signs from the height its key enters the set (a validator bonded "
          + "with bcos stake validator create --consensus-key {})", key, next, key);
    }
  }

  /**
   * The ledger modules this node runs: every protocol version this software ships, or those up
   * to the configured {@link NodeConfig#maxProtocolVersion} (a release without the later ones).
   */
  private static org.bcos.ledger.spi.ModuleRegistry software(NodeConfig config,
      org.bcos.ledger.stake.api.EvidenceCheck evidence) {
    return config.maxProtocolVersion() == 0 ? Modules.standard(evidence)
        : Modules.standard(evidence, config.maxProtocolVersion());
  }

  private static org.bcos.node.rpc.HealthReport health(Ledger ledger, NodeHealth health) {
    Block head = ledger.head();
    var body = health.render(new ObjectMapper())
        .put("height", head.height())
        .put("headAgeMillis", Math.max(0, System.currentTimeMillis()
            - head.header().timeMillis()));
    return new org.bcos.node.rpc.HealthReport(health.blockingFault() == null, body.toString());
  }

  public Ledger ledger() {
    return ledger;
  }

  public Mempool mempool() {
    return mempool;
  }

  /** Whether the API server serves the web app at {@code GET /} (docs/WEB.md). */
  public boolean servesWeb() {
    return rpc.servesWeb();
  }

  public InetSocketAddress rpcAddress() {
    return rpcAddress;
  }

  /** True when this node holds a validator key and takes part in consensus. */
  public boolean isValidator() {
    return consensus != null;
  }

  /** The consensus service of a validator. */
  public java.util.Optional<ConsensusService> consensus() {
    return java.util.Optional.ofNullable(consensus);
  }

  /** The P2P service, when configured. */
  public java.util.Optional<NetworkService> network() {
    return java.util.Optional.ofNullable(network);
  }

  /** What is wrong with this node now (what {@code GET /health} reports). */
  public NodeHealth health() {
    return health;
  }

  /**
   * Completes, with the reason, when the node halted because its store refused a write; a {@link
   * NodeSupervisor} then restarts it once space is back.
   */
  public java.util.concurrent.CompletableFuture<String> halted() {
    return storageFailures.halted();
  }

  /**
   * Completes, with the one line's facts, when the chain's next block runs under a protocol
   * version this node lacks: it has stopped before that block (nothing committed under the old
   * rules) and should exit with {@link #EXIT_UPGRADE_REQUIRED} once its storage is closed.
   */
  public java.util.concurrent.CompletableFuture<org.bcos.ledger.UpgradeRequired>
      upgradeRequired() {
    return upgradeStop.required();
  }

  /**
   * The process exit status of a node that stopped for an upgrade it lacks (docs/OPERATIONS.md):
   * distinct from 0 (stopped on request), 1 (error) and 2 (usage), so a supervisor knows to
   * switch to the release the line names and start it again on the same data directory.
   */
  public static final int EXIT_UPGRADE_REQUIRED = 3;

  @Override
  public void close() {
    if (diskMonitor != null) diskMonitor.close();
    if (consensus != null) consensus.close();
    if (network != null) network.close();
    if (snapshots != null) snapshots.close();
    rpc.close();
    ingress.close();
    try {
      store.close();
    } catch (Exception e) {
      LOG.warn("closing the store failed: " + e);
    }
  }
}
