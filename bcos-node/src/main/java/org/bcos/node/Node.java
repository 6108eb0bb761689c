package org.bcos.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.state.ChainSchema;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.mempool.Mempool;
import org.bcos.node.rpc.RpcMethods;
import org.bcos.node.rpc.RpcServer;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.RocksDbStore;

/**
 * One running node: RocksDB store, ledger, mempool, ingress, the block loop and the API server,
 * wired by hand (no container). {@link #close()} stops the block loop after the block in progress,
 * then the API, then closes the store.
 */
public final class Node implements AutoCloseable {
  public static final String VERSION = "0.1.0";

  private final KeyValueStore store;
  private final Ledger ledger;
  private final Mempool mempool;
  private final Ingress ingress;
  private final BlockProducer producer;
  private final Thread producerThread;
  private final RpcServer rpc;
  private final InetSocketAddress rpcAddress;
  private NetworkService network;

  private Node(KeyValueStore store, Ledger ledger, Mempool mempool, Ingress ingress,
      BlockProducer producer, RpcServer rpc, InetSocketAddress rpcAddress) {
    this.store = store;
    this.ledger = ledger;
    this.mempool = mempool;
    this.ingress = ingress;
    this.producer = producer;
    this.rpc = rpc;
    this.rpcAddress = rpcAddress;
    this.producerThread = producer == null ? null : new Thread(producer, "bcos-block-producer");
  }

  /**
   * Starts a node. With the genesis validator's key it produces blocks; with {@code validatorKey}
   * null it is a follower, which needs P2P ({@link NodeConfig#p2p()}) and only imports blocks
   * from its peers.
   */
  public static Node start(NodeConfig config, Genesis genesis, Ed25519KeyPair validatorKey)
      throws Exception {
    if (validatorKey != null && !validatorKey.address().equals(genesis.validator())) {
      throw new IllegalArgumentException("the validator key (" + validatorKey.address()
          + ") is not the genesis validator (" + genesis.validator() + ")");
    }
    if (validatorKey == null && config.p2p() == null) {
      throw new IllegalArgumentException("a node without the validator key is a follower and "
          + "needs P2P configured");
    }
    org.bcos.p2p.NodeIdentity identity = config.p2p() == null ? null
        : org.bcos.node.config.NodeKeyFile.loadOrCreate(config.p2p().nodeKeyFile(),
            config.p2p().powBits());
    Files.createDirectories(config.dataDir());
    KeyValueStore store = RocksDbStore.open(config.dataDir().resolve("db"), ChainSchema.ALL);
    try {
      Ledger ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier());
      Mempool mempool = new Mempool(config.mempool(), genesis.params().maxNonceGap());
      Ingress ingress = new Ingress(ledger, mempool);
      NodeMetrics metrics = new NodeMetrics();
      ChainEvents events = new ChainEvents();
      BlockProducer producer = validatorKey == null ? null : new BlockProducer(ledger, mempool,
          validatorKey, events, config.blockIntervalMillis(), System::currentTimeMillis, metrics);
      RpcMethods methods = new RpcMethods(ledger, mempool, ingress, metrics,
          config.rpc().maxBatch(), VERSION);
      RpcServer rpc = new RpcServer(methods, ledger, config.rpc(),
          () -> metrics.render(mempool.size(), mempool.bytes()), () -> health(ledger));
      events.onBlock(rpc::onBlock);
      InetSocketAddress address = rpc.start(config.rpcHost(), config.rpcPort());
      Node node = new Node(store, ledger, mempool, ingress, producer, rpc, address);
      if (identity != null) {
        try {
          node.network = NetworkService.start(config.p2p(), identity, producer != null, ledger,
              mempool, ingress, events, metrics);
        } catch (Exception | Error e) {
          rpc.close();
          ingress.close();
          throw e;
        }
      }
      if (node.producerThread != null) node.producerThread.start();
      return node;
    } catch (Exception | Error e) {
      store.close();
      throw e;
    }
  }

  private static String health(Ledger ledger) {
    Block head = ledger.head();
    return new ObjectMapper().createObjectNode()
        .put("status", "ok")
        .put("height", head.height())
        .put("headAgeMillis", Math.max(0, System.currentTimeMillis()
            - head.header().timeMillis()))
        .toString();
  }

  public Ledger ledger() {
    return ledger;
  }

  public Mempool mempool() {
    return mempool;
  }

  public InetSocketAddress rpcAddress() {
    return rpcAddress;
  }

  /** True when this node holds the genesis validator key and produces blocks. */
  public boolean isValidator() {
    return producer != null;
  }

  /** The P2P service, when configured. */
  public java.util.Optional<NetworkService> network() {
    return java.util.Optional.ofNullable(network);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.stop();
      producerThread.interrupt();
      try {
        producerThread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (network != null) network.close();
    rpc.close();
    ingress.close();
    try {
      store.close();
    } catch (Exception e) {
      Log.warn("node", "closing the store failed: " + e);
    }
  }
}
