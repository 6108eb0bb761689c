package org.bcos.node.rpc;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.node.Ingress;
import org.bcos.node.NodeMetrics;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.mempool.Mempool;
import org.bcos.node.mempool.MempoolLimits;
import org.bcos.node.rpc.methods.CoreRpcMethods;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;

/** A real API server on loopback over an in-memory chain, for the server's tests. */
final class RpcTestNode implements AutoCloseable {
  static final String CHAIN = "bcos-rpc-test";
  static final Ed25519KeyPair VALIDATOR = key(1);
  static final Ed25519KeyPair DEV = key(2);
  final Ledger ledger;
  final NodeMetrics metrics = new NodeMetrics();
  final Ingress ingress;
  final RpcServer server;
  final RpcMethodTable table;
  final int port;
  private final List<RawHttp> sockets = new ArrayList<>();

  /** The default limits, changed field by field (tests set small ones). */
  static final class Limits {
    int maxBatch = 1_000;
    int maxBodyBytes = 8 << 20;
    int maxWsSubscriptions = 100;
    int maxWsConnections = 1_000;
    int maxConnections = 2_000;
    int maxConnectionsPerIp = 500;
    int maxWsConnectionsPerIp = 250;
    int reservedFileDescriptors = 512;
    long headerTimeoutMillis = 10_000;
    long bodyTimeoutMillis = 30_000;
    long idleTimeoutMillis = 60_000;
    long maxBufferedBytes = 64L << 20;
    int wsMaxFrameBytes = 1 << 20;
    int wsMaxQueuedBytes = 4 << 20;
    long requestTimeoutMillis = 5_000;
    long maxRequestWorkUnits = 1_000_000;
    List<String> allowedHosts = NodeConfig.RpcLimits.DEFAULT_ALLOWED_HOSTS;
    List<String> allowedOrigins = List.of();
    boolean webEnabled = true;

    NodeConfig.RpcLimits build() {
      return new NodeConfig.RpcLimits(maxBatch, maxBodyBytes, maxWsSubscriptions,
          maxWsConnections, maxConnections, maxConnectionsPerIp, maxWsConnectionsPerIp,
          reservedFileDescriptors, headerTimeoutMillis, bodyTimeoutMillis, idleTimeoutMillis,
          maxBufferedBytes, wsMaxFrameBytes, wsMaxQueuedBytes, requestTimeoutMillis,
          maxRequestWorkUnits, allowedHosts, allowedOrigins, webEnabled);
    }
  }

  RpcTestNode(Limits limits) throws InterruptedException {
    this(limits, FileDescriptors.ofProcess());
  }

  RpcTestNode(Limits limits, FileDescriptors descriptors) throws InterruptedException {
    Genesis genesis = Genesis.dev(ChainParams.defaults(CHAIN), 1_700_000_000_000L,
        DEV.address(), VALIDATOR.address());
    ledger = Ledger.open(new InMemoryStore(), genesis, SignatureCheck.withBestVerifier());
    Mempool mempool = new Mempool(MempoolLimits.DEFAULT, genesis.params().maxNonceGap());
    ingress = new Ingress(ledger, mempool, new org.bcos.node.NodeHealth());
    NodeConfig.RpcLimits built = limits.build();
    CoreRpcMethods core = new CoreRpcMethods(ledger, mempool, ingress, metrics,
        built.maxBatch(), "test");
    // a release store nothing writes to: the directory is created only by a put
    var releases = new org.bcos.node.release.NodeReleases(ledger,
        org.bcos.node.release.ReleaseStore.of(java.nio.file.Path.of(
            System.getProperty("java.io.tmpdir"), "rpc-test-" + System.nanoTime())));
    table = RpcMethodTable.of("test", core.methods(),
        org.bcos.node.release.ReleaseRpc.of(ledger, releases).moduleMethods(),
        metrics::rpcRequest);
    server = new RpcServer(table, ledger, built, metrics.registry(), metrics,
        () -> new HealthReport(true, "{\"status\":\"ok\"}"), descriptors);
    InetSocketAddress address = server.start("127.0.0.1", 0);
    port = address.getPort();
  }

  static Ed25519KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[31] = 0x42;
    return Ed25519KeyPair.fromSeed(seed);
  }

  /** Commits a block of {@code count} transfers from the dev account; returns it. */
  Block commitTransfers(int count) {
    long nonce = ledger.account(DEV.address()).orElseThrow().nonce();
    List<Transaction> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) txs.add(transfer(nonce + i, key(100 + i % 50).address()));
    long time = ledger.head().header().timeMillis() + 1_000;
    return ledger.buildBlock(txs, VALIDATOR, time).block();
  }

  /** A signed transfer of one base unit from the dev account. */
  Transaction transfer(long nonce, org.bcos.types.Address to) {
    TxBody body = new TxBody(CHAIN, DEV.address(), nonce, ledger.params().minFeeUnits(), 1_000,
        new CoinTransfer(to, 1, ""));
    byte[] digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body)).toBytes();
    return TransactionCodec.assemble(body, DEV.sign(digest));
  }

  /** A raw client socket, closed with the node. */
  RawHttp connect(int receiveBufferBytes) throws java.io.IOException {
    RawHttp s = new RawHttp(port, receiveBufferBytes);
    sockets.add(s);
    return s;
  }

  @Override
  public void close() {
    for (RawHttp s : sockets) {
      try {
        s.close();
      } catch (java.io.IOException e) {
        // closing a test socket the server may have reset already
      }
    }
    server.close();
    ingress.close();
  }
}
