package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.node.config.DevChain;
import org.bcos.types.Address;
import org.bcos.types.tx.Transaction;

/**
 * Drives a {@code bcos testnet} of real node processes on loopback for the multi-node ITs
 * (ValidatorNetworkIT, UpgradeNetworkIT, DowntimeNetworkIT, GovernanceNetworkIT,
 * ValidatorJoinNetworkIT): init on free
 * loopback ports, add a node ({@code testnet add-node}), start, stop, kill -9 and restart single
 * nodes, wait for heights, compare chains,
 * and keep the node logs after the run. Node i is {@code get(i)}, 1-based.
 */
final class TestnetDriver {
  static final Duration WAIT = Duration.ofSeconds(60);
  /** Base ports tried before giving up on finding free ones. */
  private static final int PORT_TRIES = 50;
  /** Nodes {@link #addNode} may add: their ports are checked free with the others' at init. */
  private static final int ROOM_FOR_ADDED_NODES = 1;

  final Path root;
  final Path dir;
  final Path home;
  private int nodes;
  private final int initialNodes;
  private final List<BcosClient> clients = new ArrayList<>();
  private final List<String> urls = new ArrayList<>();

  /** A testnet of {@code nodes} validators in {@code root/tn}, with {@code root/home} as home. */
  TestnetDriver(Path root, int nodes) {
    this.root = root;
    this.dir = root.resolve("tn");
    this.home = root.resolve("home");
    this.nodes = nodes;
    this.initialNodes = nodes;
  }

  /**
   * {@code bcos testnet init} with blocks every {@code blockIntervalMillis}, {@code moreOptions}
   * (e.g. {@code --protocol-version 2}, {@code --param name=value}) and RPC and P2P ports that
   * are free on loopback now; a client per node; nothing started yet.
   */
  void init(long blockIntervalMillis, String... moreOptions) throws Exception {
    // both ranges lie below Linux's ephemeral ports (32768..60999): an outgoing connection of
    // any process may take an ephemeral port between the check here and the node's bind
    int rpcBase = freeBase(10_000, 11_000);
    int p2pBase = freeBase(21_000, 11_500);
    List<String> args = new ArrayList<>(List.of("testnet", "init", "--dir", dir.toString(),
        "--validators", Integer.toString(nodes), "--block-interval-ms",
        Long.toString(blockIntervalMillis), "--rpc-base-port", Integer.toString(rpcBase),
        "--p2p-base-port", Integer.toString(p2pBase), "--json"));
    args.addAll(List.of(moreOptions));
    CliProcess.Run init = cli(args.toArray(String[]::new));
    assertEquals(0, init.exitCode(), init.stderr());
    for (int i = 1; i <= nodes; i++) {
      urls.add("http://127.0.0.1:" + (rpcBase + i));
      clients.add(new BcosClient(urls.getLast()));
    }
  }

  /** A free base for this testnet's nodes (and the one {@link #addNode} may add). */
  private int freeBase(int from, int span) {
    return freeBase(from, span, nodes + ROOM_FOR_ADDED_NODES);
  }

  /**
   * A base port in {@code [from, from + span)} whose next {@code ports} ports can be bound on
   * loopback now; the first candidate follows this process's id, so ITs running side by side
   * in different JVMs start apart. Keep both ranges below Linux's ephemeral ports (32768..60999):
   * an outgoing connection of any process may take an ephemeral port between this check and a
   * node's bind. Testnets take their RPC base from 10,000..21,000 and P2P from 21,000..32,500.
   */
  static int freeBase(int from, int span, int ports) {
    int width = ports + 1;
    int slots = span / width;
    long pid = ProcessHandle.current().pid();
    for (int t = 0; t < PORT_TRIES; t++) {
      int base = from + (int) ((pid + 7L * t) % slots) * width;
      if (allFree(base, ports)) return base;
    }
    throw new AssertionError("no " + ports + " free loopback ports in " + from + ".."
        + (from + span));
  }

  private static boolean allFree(int base, int ports) {
    for (int i = 1; i <= ports; i++) {
      try (ServerSocket s = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code bcos testnet add-node}: one more node, with a validator key outside the genesis, on
   * the ports after the others' (checked free at init); not started. Returns its index.
   */
  int addNode() throws Exception {
    if (nodes >= initialNodes + ROOM_FOR_ADDED_NODES) {
      throw new AssertionError("the ports were checked free for " + ROOM_FOR_ADDED_NODES
          + " added node(s) only");
    }
    CliProcess.Run add = cli("testnet", "add-node", "--dir", dir.toString(), "--json");
    assertEquals(0, add.exitCode(), add.stdout() + add.stderr());
    String rpc = org.bcos.client.JsonTree.parse(add.stdout()).path("rpc").asText();
    urls.add(rpc);
    clients.add(new BcosClient(rpc));
    nodes++;
    return nodes;
  }

  BcosClient get(int node) {
    return clients.get(node - 1);
  }

  List<BcosClient> all() {
    return List.copyOf(clients);
  }

  Path nodeDir(int node) {
    return dir.resolve("node" + node);
  }

  void startAll() throws Exception {
    CliProcess.Run start = cli("testnet", "start", "--dir", dir.toString());
    assertEquals(0, start.exitCode(), start.stdout() + start.stderr());
  }

  void start(int node) throws Exception {
    CliProcess.Run start = cli("testnet", "start", "--dir", dir.toString(), "--node",
        Integer.toString(node));
    assertEquals(0, start.exitCode(), start.stdout() + start.stderr());
  }

  /** Stops node {@code node} as an operator would (SIGTERM, {@code bcos testnet stop}). */
  void stop(int node) throws Exception {
    CliProcess.Run stop = cli("testnet", "stop", "--dir", dir.toString(), "--node",
        Integer.toString(node));
    assertEquals(0, stop.exitCode(), stop.stderr());
  }

  /** Stops every node and copies the node logs to {@code target/logsDir} for a later look. */
  void stopAll(String logsDir) throws Exception {
    if (!Files.exists(dir)) return;
    cli("testnet", "stop", "--dir", dir.toString());
    // target/ is the module's build directory: the logs outlive the temporary directory
    Path logs = Path.of("target", logsDir);
    Files.createDirectories(logs);
    for (int i = 1; i <= nodes; i++) {
      Path log = nodeDir(i).resolve("node.log");
      if (Files.exists(log)) {
        Files.copy(log, logs.resolve("node" + i + ".log"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** kill -9 of node {@code node}, then clears its stale pid file. */
  void kill(int node) throws Exception {
    long pid = Long.parseLong(Files.readString(nodeDir(node).resolve("node.pid")).trim());
    ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
    p.destroyForcibly();
    p.onExit().get(30, TimeUnit.SECONDS);
    stop(node);
  }

  /** The node's height, empty while it does not answer. */
  Optional<Long> tryHeight(int node) {
    try {
      return Optional.of(get(node).height());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  long height(int node) {
    return tryHeight(node).orElseThrow(() -> new AssertionError("node " + node + " unreachable"));
  }

  long maxHeight(List<Integer> nodes) {
    long max = 0;
    for (int n : nodes) max = Math.max(max, height(n));
    return max;
  }

  void awaitHeight(List<Integer> nodes, long target) throws InterruptedException {
    Await.until("nodes " + nodes + " at height " + target, WAIT, () -> {
      for (int n : nodes) {
        if (tryHeight(n).orElse(-1L) < target) return false;
      }
      return true;
    });
  }

  /**
   * {@code node}, (re)started, reaches the head of {@code others}; then all of them go two blocks
   * further on one chain.
   */
  void awaitCatchUp(int node, List<Integer> others) throws InterruptedException {
    awaitHeight(List.of(node), maxHeight(others));
    List<Integer> all = new ArrayList<>(others);
    all.add(node);
    awaitHeight(all, maxHeight(List.of(others.getFirst())) + 2);
    assertSameChain(all);
  }

  /** The same block hash (so the same state root) at every height up to the lowest head. */
  void assertSameChain(List<Integer> nodes) {
    long top = Long.MAX_VALUE;
    for (int n : nodes) top = Math.min(top, height(n));
    for (long h = 1; h <= top; h++) {
      String expected = null;
      for (int n : nodes) {
        String hash = get(n).block(Long.toString(h), false).path("hash").asText();
        if (expected == null) expected = hash;
        assertEquals(expected, hash, "block " + h + " on node " + n);
      }
    }
  }

  /** The {@code dev} key {@code testnet init} put in this testnet's keystore (all the DDC). */
  Ed25519KeyPair devKey() throws Exception {
    return new Keystore(home.resolve("keys")).load(DevChain.DEV_KEY_NAME, new char[0]);
  }

  /**
   * The name of node {@code node}'s validator key in this testnet's keystore, put there (without
   * a passphrase, as a dev key) on first use: a genesis validator's operator is its validator
   * key, so {@code --from} this name signs as the operator.
   */
  String operatorKey(int node) throws Exception {
    String name = "validator" + node;
    TestnetJoinCommands.importValidatorKey(new Keystore(home.resolve("keys")),
        nodeDir(node).resolve("validator.key"), name);
    return name;
  }

  /** Sends {@code units} from the dev key to {@code to} through node 1; waits until final. */
  void fund(Address to, long units, long feeUnits) throws Exception {
    Ed25519KeyPair dev = devKey();
    BcosClient via = get(1);
    long nonce = via.account(dev.address(), false).path("pendingNonce").asLong();
    Transaction tx = Transactions.transfer(via.chainId(), dev, nonce, feeUnits,
        via.height() + 100, to, units, "");
    via.awaitFinal(via.send(tx), WAIT);
  }

  /** {@code bcos args... --rpc <node's RPC>} with this testnet's home, to the end. */
  CliProcess.Run cliVia(int node, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--rpc", urls.get(node - 1)));
    return cli(all.toArray(String[]::new));
  }

  /** {@code bcos args...} with this testnet's home, to the end. */
  CliProcess.Run cli(String... args) throws Exception {
    return process().run(args);
  }

  CliProcess process() {
    return new CliProcess(home, root);
  }
}
