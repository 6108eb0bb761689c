package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.bcos.client.BcosClient;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.Genesis;
import org.bcos.node.Node;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.NodeConfig;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;

/**
 * A dev node running in this JVM on a real RocksDB directory and an ephemeral loopback port, with
 * the unlocked {@code dev} key and a client for it. Test fixture for the integration tests.
 */
final class InProcessNode implements AutoCloseable {
  static final long BLOCK_INTERVAL_MILLIS = 200;
  static final Duration FINAL_TIMEOUT = Duration.ofSeconds(30);

  final Path dataDir;
  final Path keysDir;
  final Genesis genesis;
  final Ed25519KeyPair validatorKey;
  final Ed25519KeyPair dev;
  private UnaryOperator<NodeConfig> configure;
  private Node node;
  private BcosClient client;
  private String url;

  private InProcessNode(Path root, UnaryOperator<NodeConfig> configure) throws Exception {
    this(root, configure, g -> g);
  }

  private InProcessNode(Path root, UnaryOperator<NodeConfig> configure,
      UnaryOperator<Genesis> changeGenesis) throws Exception {
    this.dataDir = root.resolve("data");
    this.keysDir = root.resolve("keys");
    this.configure = configure;
    DevChain.Prepared prepared = DevChain.prepare(dataDir, new Keystore(keysDir),
        DevChain.DevAccounts.NONE);
    this.genesis = changeGenesis.apply(prepared.genesis());
    this.validatorKey = prepared.validatorKey();
    this.dev = new Keystore(keysDir).load(DevChain.DEV_KEY_NAME, new char[0]);
    start();
  }

  /** A dev chain in {@code root} with 200 ms blocks. */
  /** The dev key's recovery words (account 0 is `dev`, account i is `dev<i>`). */
  String devWords() {
    return new Keystore(keysDir).devMnemonic(DevChain.DEV_KEY_NAME).orElseThrow();
  }

  static InProcessNode start(Path root) throws Exception {
    return new InProcessNode(root, c -> c);
  }

  /**
   * A dev chain in {@code root} whose blocks, after the one it makes as it starts, come only from
   * {@code dev_mine} (its own are a minute apart): returned once that start block is committed.
   */
  static InProcessNode startMinedOnDemand(Path root) throws Exception {
    InProcessNode chain = new InProcessNode(root, c -> c.withBlockInterval(60_000));
    chain.awaitStartBlock();
    return chain;
  }

  /** Waits for the block a node makes as it starts (consensus at rest at the head). */
  void awaitStartBlock() throws InterruptedException {
    Await.until("the start block", Duration.ofSeconds(30), () -> {
      var st = node.consensus().orElseThrow().status();
      return st.height() > 0 && st.lastCommitHeight() == st.height() && height() == st.height();
    });
  }

  /** A dev chain in {@code root} whose config {@code configure} adjusts (limits, interval). */
  static InProcessNode start(Path root, UnaryOperator<NodeConfig> configure) throws Exception {
    return new InProcessNode(root, configure);
  }

  /** As {@link #start(Path, UnaryOperator)} on the dev genesis as {@code changeGenesis} makes it. */
  static InProcessNode start(Path root, UnaryOperator<NodeConfig> configure,
      UnaryOperator<Genesis> changeGenesis) throws Exception {
    return new InProcessNode(root, configure, changeGenesis);
  }

  private void start() throws Exception {
    NodeConfig config = configure.apply(
        NodeConfig.dev(dataDir, 0).withBlockInterval(BLOCK_INTERVAL_MILLIS));
    node = Node.start(config, genesis, validatorKey);
    url = "http://127.0.0.1:" + node.rpcAddress().getPort();
    client = new BcosClient(url);
  }

  /** Closes the node and starts it again on the same data directory (new port). */
  void restart() throws Exception {
    node.close();
    start();
  }

  /** Restarts with a different configuration (e.g. small mempool limits, slow blocks). */
  void restart(UnaryOperator<NodeConfig> newConfigure) throws Exception {
    this.configure = newConfigure;
    restart();
  }

  Node node() {
    return node;
  }

  BcosClient client() {
    return client;
  }

  String url() {
    return url;
  }

  int port() {
    return node.rpcAddress().getPort();
  }

  String chainId() {
    return genesis.params().chainId();
  }

  long minFee() {
    return genesis.params().minFeeUnits();
  }

  long height() {
    return node.ledger().head().height();
  }

  /** The (dev chain's single) validator's consensus key: the key its node signs with. */
  Address validator() {
    return genesis.validators().getFirst().address();
  }

  /** The account operating the dev chain's validator (the dev key): what stake messages name. */
  Address validatorOperator() {
    return genesis.validators().getFirst().operator();
  }

  /** Committed balance in base units (0 for an unknown account), read through the API. */
  long balance(Address address) {
    return Long.parseLong(client.account(address, false).path("balanceUnits").asText());
  }

  long nonce(Address address) {
    return client.account(address, false).path("nonce").asLong();
  }

  long pendingNonce(Address address) {
    return client.account(address, false).path("pendingNonce").asLong();
  }

  /** A signed transfer with the minimum fee, valid for the next 1000 blocks. */
  Transaction transfer(Ed25519KeyPair from, long nonce, Address to, long amountUnits) {
    return Transactions.transfer(chainId(), from, nonce, minFee(), height() + 1000, to,
        amountUnits, "");
  }

  JsonNode awaitFinal(Hash hash) throws InterruptedException {
    JsonNode tx = client.awaitFinal(hash, FINAL_TIMEOUT);
    assertEquals("final", tx.path("status").asText());
    return tx;
  }

  /** Sends {@code amountUnits} from dev to {@code to} and waits until it is final. */
  JsonNode fund(Address to, long amountUnits) throws InterruptedException {
    Hash hash = client.send(transfer(dev, pendingNonce(dev.address()), to, amountUnits));
    return awaitFinal(hash);
  }

  /** Sends {@code message} from dev with the minimum fee and waits until it is final. */
  JsonNode sendFromDev(org.bcos.types.tx.Message message) throws InterruptedException {
    return awaitFinal(client.send(Transactions.build(chainId(), dev, pendingNonce(dev.address()),
        minFee(), height() + 1000, message)));
  }

  /**
   * The one id of {@code kind} ("communities" or "issues") that dev created in the block of
   * {@code finalTx} (dvs_createdBy).
   */
  long createdByDev(JsonNode finalTx, String kind) {
    JsonNode ids = client.call("dvs_createdBy", dev.address().toString(),
        finalTx.path("height").asLong()).path(kind);
    assertEquals(1, ids.size(), ids.toString());
    return ids.get(0).asLong();
  }

  /**
   * Sends {@code message} from dev and mines the block that makes it final (a node started with
   * {@link #startMinedOnDemand}).
   */
  void commitFromDev(org.bcos.types.tx.Message message) throws InterruptedException {
    Hash hash = client.send(Transactions.build(chainId(), dev, pendingNonce(dev.address()),
        minFee(), height() + 1000, message));
    client.call("dev_mine", 1);
    assertEquals("final", client.transaction(hash).path("status").asText());
  }

  static Ed25519KeyPair freshKey() {
    return Ed25519KeyPair.generate(new SecureRandom());
  }

  /** POSTs {@code body} to {@code /rpc} and returns the response text. */
  static String postRpc(int port, String body) throws IOException, InterruptedException {
    return http(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static String get(int port, String path) throws IOException, InterruptedException {
    return http(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  private static String http(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      return response.body();
    }
  }

  @Override
  public void close() {
    node.close();
  }
}
