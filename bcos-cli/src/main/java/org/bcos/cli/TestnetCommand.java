package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bcos.client.BcosClient;
import org.bcos.client.JsonTree;
import org.bcos.client.RpcError;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.GenesisFile;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.config.NodeConfigFile;
import org.bcos.node.config.NodeKeyFile;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bcos testnet init|start|stop|status|reset}: a local network of 1..16 validators in one
 * directory. {@code init} writes a shared genesis, a manifest ({@code testnet.json}) and one
 * directory per node (keys and a {@code node.json} on loopback ports, every node seeding every
 * other); {@code start} runs each node as its own detached JVM with a pid file and a log.
 */
@Command(name = "testnet", description = "Run a local multi-validator network (one JVM per node)",
    subcommands = {TestnetCommand.Init.class, TestnetCommand.Start.class,
        TestnetCommand.Stop.class, TestnetCommand.Status.class, TestnetCommand.Reset.class,
        TestnetJoinCommands.AddNode.class, TestnetJoinCommands.Key.class})
final class TestnetCommand {
  static final String MANIFEST_FILE = "testnet.json";
  static final String GENESIS_FILE = "genesis.json";
  static final String CONFIG_FILE = "node.json";
  static final String PID_FILE = "node.pid";
  static final String LOG_FILE = "node.log";
  static final String DATA_DIR = "data";
  static final int MAX_VALIDATORS = 16;
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
  static final long POLL_MILLIS = 250;
  static final int LOG_TAIL_LINES = 20;
  static final int LOG_TAIL_MAX_BYTES = 64 * 1024;
  /** The {@code bcos_status} fields {@code status} shows, when the node reports them. */
  static final List<String> STATUS_FIELDS = List.of("height", "peers", "lastCommit", "consensus");
  private static final String LOOPBACK = "127.0.0.1";

  /** Options every testnet subcommand takes. */
  static final class DirOptions {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "testnet directory")
    Path dir;

    @Option(names = "--json", description = "print machine-readable JSON")
    boolean json;
  }

  /** A node of the testnet, as the manifest lists it. */
  record Member(int index, String dir, String rpc, String p2p, String address) {
    ObjectNode toJson() {
      return Output.object().put("index", index).put("dir", dir).put("rpc", rpc).put("p2p", p2p)
          .put("address", address);
    }
  }

  /** An initialised testnet: its directory and manifest. */
  record Testnet(Path root, String chainId, List<Member> nodes) {
    Testnet {
      nodes = List.copyOf(nodes);
    }

    /** Reads {@code root/testnet.json}; NOT_FOUND if there is none. */
    static Testnet open(Path root) {
      Path file = root.resolve(MANIFEST_FILE);
      if (!Files.exists(file)) {
        throw new CliException("NOT_FOUND", "no testnet in " + root + " (run bcos testnet init)");
      }
      try {
        JsonNode json = JsonTree.parse(Files.readAllBytes(file));
        List<Member> nodes = new ArrayList<>();
        for (JsonNode n : json.path("nodes")) {
          nodes.add(new Member(n.path("index").asInt(), n.path("dir").asText(),
              n.path("rpc").asText(), n.path("p2p").asText(), n.path("address").asText()));
        }
        return new Testnet(root, json.path("chainId").asText(), nodes);
      } catch (IOException e) {
        throw new CliException("INVALID_MANIFEST", "cannot read " + file + ": " + e.getMessage());
      }
    }

    ObjectNode toJson() {
      ObjectNode out = Output.object().put("chainId", chainId).put("validators", nodes.size());
      ArrayNode list = out.putArray("nodes");
      nodes.forEach(m -> list.add(m.toJson()));
      return out;
    }

    void write() throws IOException {
      writeJson(root.resolve(MANIFEST_FILE), toJson());
    }

    Path dirOf(Member m) {
      return root.resolve(m.dir());
    }

    /** Every node, or only node {@code index} (1-based) when given. */
    List<Member> select(Integer index) {
      if (index == null) return nodes;
      if (index < 1 || index > nodes.size()) {
        throw invalid("--node must be 1.." + nodes.size() + " (the nodes of the testnet in "
            + root + ")");
      }
      return List.of(nodes.get(index - 1));
    }
  }

  @Command(name = "init", description = "Create a testnet: genesis, keys and one config per node")
  static final class Init implements Callable<Integer> {
    @Mixin DirOptions options;
    @Option(names = "--validators", defaultValue = "4", description = "number of validator nodes "
        + "(1.." + MAX_VALIDATORS + ", default ${DEFAULT-VALUE})") int validators;
    @Option(names = "--block-interval-ms", defaultValue = "1000",
        description = "block interval (default ${DEFAULT-VALUE})") long blockIntervalMillis;
    @Option(names = "--rpc-base-port", defaultValue = "8650",
        description = "node i serves JSON-RPC on this port + i (default ${DEFAULT-VALUE})")
    int rpcBasePort;
    // 26700 + i (i <= 16) stays clear of CometBFT's 26656-26658 and of BCOS's own default P2P
    // port 26656, which 26650 + i hit from the sixth validator on
    @Option(names = "--p2p-base-port", defaultValue = "26700",
        description = "node i listens for peers on this port + i (default ${DEFAULT-VALUE})")
    int p2pBasePort;
    @Option(names = "--chain-id", defaultValue = "bcos-testnet",
        description = "chain id (default ${DEFAULT-VALUE})") String chainId;
    @Option(names = "--max-txs-per-block", paramLabel = "N",
        description = "chain limit on transactions per block (default: the chain default)")
    Integer maxTxsPerBlock;
    @Option(names = "--stake", paramLabel = "DDC", defaultValue = "1000000",
        description = "stake bonded by each validator at genesis (default ${DEFAULT-VALUE})")
    String stake;
    @Option(names = "--protocol-version", paramLabel = "N", description = "protocol version the "
        + "chain starts at (default: the newest this release ships; see bcos upgrade status)")
    Integer protocolVersion;
    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a chain parameter's "
        + "genesis value (repeatable; any parameter in force at the protocol version, within its "
        + "bounds, e.g. --param govVotingPeriodBlocks=20)")
    List<String> paramSettings = new ArrayList<>();
    @Option(names = "--upgrade", paramLabel = "NAME:VERSION:HEIGHT[:RELEASE_SHA256]",
        description = "a planned protocol upgrade written into the genesis (repeatable, in the "
            + "order they activate, e.g. --upgrade staking:3:100; without a release sha256 it "
            + "names none: a rehearsal on this release)")
    List<String> upgradeSettings = new ArrayList<>();

    private final Supplier<Keystore> keystore;

    Init() {
      this(CommonOptions::keystore);
    }

    /** With the keystore holding (or receiving) the {@code dev} key; tests pass their own. */
    Init(Supplier<Keystore> keystore) {
      this.keystore = keystore;
    }

    @Override
    public Integer call() throws IOException {
      int version = protocolVersion();
      if (maxTxsPerBlock != null && paramSettings.stream()
          .anyMatch(p -> p.startsWith(ChainParams.MAX_TXS_PER_BLOCK.name() + "="))) {
        throw invalid("give the transactions per block once: --max-txs-per-block or --param "
            + ChainParams.MAX_TXS_PER_BLOCK.name());
      }
      ChainParams params = GenesisParams.apply(checkArguments(), paramSettings, version);
      List<org.bcos.ledger.upgrade.api.UpgradePlan> upgrades =
          GenesisParams.upgrades(upgradeSettings, version);
      long stakeUnits = stakeUnits();
      Path genesisFile = options.dir.resolve(GENESIS_FILE);
      if (Files.exists(genesisFile)) {
        throw new CliException("ALREADY_EXISTS", "a testnet already exists in " + options.dir
            + " (" + genesisFile + "); choose another --dir or delete it");
      }
      Files.createDirectories(options.dir);
      DevChain.DevKey dev = DevChain.loadOrCreateDevKey(keystore.get());
      List<Member> members = new ArrayList<>();
      for (int i = 1; i <= validators; i++) {
        Ed25519KeyPair key = writeNode(i, params.nodeIdPowBits());
        members.add(new Member(i, "node" + i, rpcUrl(rpcBasePort + i), LOOPBACK + ":"
            + (p2pBasePort + i), key.address().toString()));
      }
      Genesis genesis = genesis(params, members, stakeUnits, dev.address(), version)
          .withUpgrades(upgrades);
      Testnet testnet = new Testnet(options.dir, params.chainId(), members);
      testnet.write();
      // written last: its presence marks a complete init (a failed init can simply be re-run)
      GenesisFile.write(genesis, genesisFile);
      print(testnet, stakeUnits, dev, genesis);
      return 0;
    }

    /** Refuses bad arguments before anything is written. */
    private ChainParams checkArguments() {
      if (validators < 1 || validators > MAX_VALIDATORS) {
        throw invalid("--validators must be 1.." + MAX_VALIDATORS);
      }
      boolean overlap = rpcBasePort < p2pBasePort + validators
          && p2pBasePort < rpcBasePort + validators;
      if (overlap) throw invalid("the RPC and P2P port ranges overlap");
      if (rpcBasePort < 0 || p2pBasePort < 0) throw invalid("base ports must not be negative");
      try {
        // the node's own checks, so the ranges are the node's: ports and block interval
        NodeConfig.dev(options.dir, rpcBasePort + validators)
            .withBlockInterval(blockIntervalMillis);
        new NodeConfig.P2p(LOOPBACK, p2pBasePort + validators, List.of(), Path.of("node.key"));
        ChainParams d = ChainParams.defaults(chainId);
        return maxTxsPerBlock == null ? d : ChainParams.of(d.chainId(), d.minFeeUnits(),
            maxTxsPerBlock, d.maxBlockBytes(), d.maxExpiryDeltaBlocks(), d.maxNonceGap(),
            d.nodeIdPowBits());
      } catch (IllegalArgumentException e) {
        throw invalid(e.getMessage());
      }
    }

    /** The protocol version asked for, or the newest; refused by name if not shipped. */
    private int protocolVersion() {
      var versions = org.bcos.ledger.Modules.VERSIONS;
      int latest = versions.latest().version();
      if (protocolVersion == null) return latest;
      if (!versions.supports(protocolVersion)) {
        throw invalid("--protocol-version must be one this release ships: 1.." + latest);
      }
      return protocolVersion;
    }

    private long stakeUnits() {
      long units;
      try {
        units = Amount.parse(stake);
      } catch (IllegalArgumentException e) {
        throw invalid("--stake: " + e.getMessage());
      }
      // the dev key receives the rest of the supply, so some must be left
      long below = (Amount.TOTAL_SUPPLY_UNITS - Genesis.DEV_REWARD_POOL_UNITS) / validators;
      if (units < Genesis.MIN_STAKE_UNITS || units >= below) {
        throw invalid("--stake must be at least " + Amount.format(Genesis.MIN_STAKE_UNITS)
            + " DDC and less than " + Amount.format(below) + " DDC per validator");
      }
      return units;
    }

    /** Writes node {@code i}'s directory (keys, validated config); returns its validator key. */
    private Ed25519KeyPair writeNode(int i, int nodeIdPowBits) throws IOException {
      Path dir = options.dir.resolve("node" + i);
      Files.createDirectories(dir);
      Ed25519KeyPair key = DevChain.loadOrCreateValidatorKey(dir.resolve("validator.key"));
      // the chain's own difficulty, which --param nodeIdPowBits may raise
      NodeKeyFile.loadOrCreate(dir.resolve("node.key"), nodeIdPowBits);
      Path config = dir.resolve(CONFIG_FILE);
      writeJson(config, nodeConfig(i));
      try {
        NodeConfigFile.read(config);
      } catch (NodeConfigFile.ConfigException e) {
        throw new CliException("INVALID_CONFIG", e.getMessage());
      }
      return key;
    }

    private ObjectNode nodeConfig(int i) {
      ObjectNode c = NodeConfigFile.defaults();
      c.put("dataDir", DATA_DIR).put("genesisFile", "../" + GENESIS_FILE)
          .put("validatorKeyFile", "validator.key").put("rpcHost", LOOPBACK)
          .put("rpcPort", rpcBasePort + i).put("blockIntervalMillis", blockIntervalMillis)
          .put("p2pEnabled", true).put("p2pListenHost", LOOPBACK)
          .put("p2pListenPort", p2pBasePort + i).put("p2pNodeKeyFile", "node.key");
      ArrayNode seeds = c.putArray("p2pSeeds");
      for (int j = 1; j <= validators; j++) {
        if (j != i) seeds.add(LOOPBACK + ":" + (p2pBasePort + j));
      }
      return c;
    }

    /** Each validator bonds its stake out of an allocation of exactly that; dev gets the rest. */
    private static Genesis genesis(ChainParams params, List<Member> members, long stakeUnits,
        Address dev, int version) {
      List<Genesis.Validator> validatorList = new ArrayList<>();
      List<Genesis.Allocation> allocations = new ArrayList<>();
      for (Member m : members) {
        Address address = Address.parse(m.address());
        validatorList.add(new Genesis.Validator(address, stakeUnits));
        allocations.add(new Genesis.Allocation(address, stakeUnits));
      }
      long rest = Amount.TOTAL_SUPPLY_UNITS - stakeUnits * members.size();
      allocations.add(new Genesis.Allocation(dev, rest));
      try {
        return DevChain.atRules(new Genesis(params, System.currentTimeMillis(),
            validatorList, allocations), dev, version);
      } catch (IllegalArgumentException e) {
        throw invalid(e.getMessage());
      }
    }

    /** The names {@code --param} set (already checked), sorted. */
    private List<String> givenParams() {
      return paramSettings.stream().map(p -> p.substring(0, p.indexOf('='))).sorted().toList();
    }

    private void print(Testnet testnet, long stakeUnits, DevChain.DevKey dev, Genesis genesis) {
      long devUnits = genesis.allocations().stream()
          .filter(a -> a.address().equals(dev.address())).mapToLong(Genesis.Allocation::units)
          .sum();
      long pool = genesis.staking().map(Genesis.Staking::rewardPoolUnits).orElse(0L);
      ObjectNode out = testnet.toJson().put("dir", options.dir.toAbsolutePath().toString())
          .put("stake", Amount.format(stakeUnits)).put("protocolVersion",
              genesis.protocolVersion()).put("rewardPool", Amount.format(pool));
      ObjectNode set = out.putObject("params");
      for (String name : givenParams()) set.put(name, genesis.params().value(name));
      ObjectNode devJson = out.putObject("devKey").put("name", DevChain.DEV_KEY_NAME)
          .put("address", dev.address().toString()).put("balance", Amount.format(devUnits));
      dev.newMnemonic().ifPresent(words -> devJson.put("mnemonic", words));
      ArrayNode plans = out.putArray("upgrades");
      genesis.upgrades().forEach(u -> plans.addObject().put("name", u.name())
          .put("version", u.version()).put("height", u.height())
          .put("release", u.release().toHex()));
      if (options.json) {
        Output.json(System.out, out);
        return;
      }
      System.out.println("testnet:    " + testnet.chainId() + ", " + testnet.nodes().size()
          + " validators in " + options.dir.toAbsolutePath());
      System.out.println("stake:      " + Amount.format(stakeUnits) + " DDC per validator");
      System.out.println("protocol:   version " + genesis.protocolVersion() + ", reward pool "
          + Amount.format(pool) + " DDC (from the dev key's share)");
      if (!set.isEmpty()) {
        System.out.println("params:     " + givenParams().stream()
            .map(n -> n + "=" + genesis.params().value(n)).collect(Collectors.joining(", ")));
      }
      for (var u : genesis.upgrades()) {
        boolean shipped = org.bcos.ledger.Modules.VERSIONS.supports(u.version());
        System.out.println("upgrade:    " + u.describe() + (shipped ? ""
            : ": not in this release (its nodes stop before that height)"));
      }
      System.out.println("dev key:    '" + DevChain.DEV_KEY_NAME + "' = " + dev.address() + " ("
          + Amount.format(devUnits) + " DDC; empty passphrase: DEVELOPMENT ONLY)");
      dev.newMnemonic().ifPresent(words ->
          System.out.println("dev key mnemonic (shown once): " + words));
      for (Member m : testnet.nodes()) {
        System.out.printf("%-12srpc %s  p2p %s  validator %s%n", "node " + m.index() + ":",
            m.rpc(), m.p2p(), m.address());
      }
      System.out.println("next:       bcos testnet start --dir " + options.dir);
    }
  }

  /** A subcommand acting on every node, or only on the one {@code --node} names. */
  abstract static class NodesCommand implements Callable<Integer> {
    @Mixin DirOptions options;
    @Option(names = "--node", paramLabel = "I", description = "only node I (1-based)")
    Integer node;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Testnet testnet = Testnet.open(options.dir);
      printNodes(options, run(testnet, testnet.select(node)));
      return 0;
    }

    /** Acts on {@code targets}; returns one result object per node. */
    abstract ArrayNode run(Testnet testnet, List<Member> targets)
        throws IOException, InterruptedException;
  }

  @Command(name = "start", description = "Start the testnet's nodes (each a detached JVM)")
  static final class Start extends NodesCommand {
    @Override
    ArrayNode run(Testnet testnet, List<Member> targets) throws IOException, InterruptedException {
      ArrayNode out = Output.array();
      Map<Member, Process> started = new LinkedHashMap<>();
      List<Member> toStart = targets.stream()
          .filter(m -> NodeProcess.running(testnet.dirOf(m)).isEmpty()).toList();
      Ports.checkFree(toStart);
      for (Member m : targets) {
        Optional<ProcessHandle> running = NodeProcess.running(testnet.dirOf(m));
        if (running.isPresent()) {
          out.add(result(m, running.get().pid(), "already running"));
        } else {
          Process p = NodeProcess.spawn(testnet.dirOf(m), m);
          started.put(m, p);
          out.add(result(m, p.pid(), "started"));
        }
      }
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      try {
        for (var e : started.entrySet()) {
          NodeProcess.awaitHealthy(testnet.dirOf(e.getKey()), e.getKey(), e.getValue(), deadline);
        }
      } catch (CliException e) {
        List<Integer> stopped = rollBack(testnet, started);
        throw e.withMore(stopped.isEmpty() ? "; no other node had been started"
            : "; stopped again what this command had started: node"
                + (stopped.size() == 1 ? " " : "s ") + stopped.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
      }
      return out;
    }

    /**
     * Stops what this command started, so a failed start leaves the testnet as it was; returns the
     * indices of the nodes that were still running and had to be stopped.
     */
    private static List<Integer> rollBack(Testnet testnet, Map<Member, Process> started)
        throws IOException, InterruptedException {
      List<Integer> running = started.entrySet().stream().filter(e -> e.getValue().isAlive())
          .map(e -> e.getKey().index()).toList();
      for (Process p : started.values()) p.destroy();
      for (var e : started.entrySet()) {
        if (!e.getValue().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          e.getValue().destroyForcibly().waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        Files.deleteIfExists(testnet.dirOf(e.getKey()).resolve(PID_FILE));
      }
      return running;
    }

    private static ObjectNode result(Member m, long pid, String state) {
      return Output.object().put("index", m.index()).put("pid", pid).put("rpc", m.rpc())
          .put("state", state);
    }
  }

  @Command(name = "stop", description = "Stop the testnet's nodes (SIGTERM, then kill after "
      + "30 s)")
  static final class Stop extends NodesCommand {
    @Override
    ArrayNode run(Testnet testnet, List<Member> targets) throws IOException, InterruptedException {
      // SIGTERM to all first, so the nodes shut down in parallel
      Map<Member, Optional<ProcessHandle>> stopping = new LinkedHashMap<>();
      for (Member m : targets) {
        Optional<ProcessHandle> running = NodeProcess.running(testnet.dirOf(m));
        running.ifPresent(ProcessHandle::destroy);
        stopping.put(m, running);
      }
      ArrayNode out = Output.array();
      for (var e : stopping.entrySet()) {
        ObjectNode n = out.addObject().put("index", e.getKey().index());
        if (e.getValue().isEmpty()) {
          n.put("state", "not running");
          continue;
        }
        ProcessHandle h = e.getValue().get();
        boolean graceful = NodeProcess.awaitExit(h);
        Files.deleteIfExists(testnet.dirOf(e.getKey()).resolve(PID_FILE));
        n.put("pid", h.pid()).put("state", graceful ? "stopped" : "killed");
      }
      return out;
    }
  }

  @Command(name = "status", description = "Show each node: running, pid, RPC, height, peers, "
      + "consensus")
  static final class Status implements Callable<Integer> {
    @Mixin DirOptions options;

    @Override
    public Integer call() {
      Testnet testnet = Testnet.open(options.dir);
      ObjectNode out = Output.object().put("chainId", testnet.chainId());
      ArrayNode nodes = out.putArray("nodes");
      for (Member m : testnet.nodes()) {
        Optional<ProcessHandle> running = NodeProcess.running(testnet.dirOf(m));
        ObjectNode n = nodes.addObject().put("index", m.index())
            .put("running", running.isPresent());
        running.ifPresentOrElse(h -> n.put("pid", h.pid()), () -> n.putNull("pid"));
        n.put("rpc", m.rpc());
        Optional<JsonNode> status = NodeProcess.status(m);
        n.put("reachable", status.isPresent());
        status.ifPresent(s -> {
          for (String field : STATUS_FIELDS) {
            if (s.has(field)) n.set(field, s.get(field));
          }
        });
      }
      if (options.json) Output.json(System.out, out); else printTable(nodes);
      return 0;
    }

    private static void printTable(ArrayNode nodes) {
      String format = "%-5s %-8s %-8s %-24s %-8s %-6s %s%n";
      System.out.printf(format, "node", "state", "pid", "rpc", "height", "peers", "consensus");
      for (JsonNode n : nodes) {
        boolean reachable = n.path("reachable").asBoolean();
        System.out.printf(format, n.path("index").asText(),
            n.path("running").asBoolean() ? "running" : "stopped",
            n.path("pid").isNull() ? "-" : n.path("pid").asText(), n.path("rpc").asText(),
            reachable ? n.path("height").asText("-") : "unreachable",
            reachable ? n.path("peers").asText("-") : "",
            consensusText(n));
      }
    }

    /** The last commit and the consensus state, as compact JSON. */
    private static String consensusText(JsonNode n) {
      return Stream.of("lastCommit", "consensus").filter(n::has).map(f -> f + " " + n.get(f))
          .collect(Collectors.joining(" "));
    }
  }

  @Command(name = "reset", description = "Delete a stopped node's data (keeps keys and config)")
  static final class Reset implements Callable<Integer> {
    @Mixin DirOptions options;
    @Option(names = "--node", required = true, paramLabel = "I", description = "the node")
    int node;

    @Override
    public Integer call() throws IOException {
      Testnet testnet = Testnet.open(options.dir);
      Member m = testnet.select(node).getFirst();
      Optional<ProcessHandle> running = NodeProcess.running(testnet.dirOf(m));
      if (running.isPresent()) {
        throw new CliException("NODE_RUNNING", "node " + m.index() + " is running as pid "
            + running.get().pid() + "; stop it first (bcos testnet stop --dir " + options.dir
            + " --node " + m.index() + ")");
      }
      Path data = testnet.dirOf(m).resolve(DATA_DIR);
      long files = deleteRecursively(data);
      ObjectNode out = Output.object().put("index", m.index())
          .put("deleted", data.toAbsolutePath().toString()).put("entries", files);
      if (options.json) {
        Output.json(System.out, out);
      } else {
        System.out.println(files == 0 ? "node " + m.index() + ": no data to delete in " + data
            : "node " + m.index() + ": deleted " + data + " (" + files + " files and directories)");
      }
      return 0;
    }

    /** Deletes {@code dir} and everything under it (links are deleted, never followed). */
    private static long deleteRecursively(Path dir) throws IOException {
      if (!Files.exists(dir)) return 0;
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(dir)) {
        paths = walk.sorted(Comparator.reverseOrder()).toList();
      }
      for (Path p : paths) Files.delete(p);
      return paths.size();
    }
  }

  /** Node processes: pid files, spawning, health checks and stopping. */
  static final class NodeProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1).build();

    private NodeProcess() {}

    /**
     * The node's process if its pid file names a live BCOS process; a stale pid file (dead
     * process, or a pid since reused by another program) is removed.
     */
    static Optional<ProcessHandle> running(Path nodeDir) {
      Path pidFile = nodeDir.resolve(PID_FILE);
      Optional<ProcessHandle> handle;
      try {
        if (!Files.exists(pidFile)) return Optional.empty();
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
            .filter(NodeProcess::isBcosNode);
        if (handle.isEmpty()) Files.deleteIfExists(pidFile);
      } catch (IOException | NumberFormatException e) {
        throw new CliException("INVALID_PID_FILE", "cannot read " + pidFile + ": "
            + e.getMessage() + " (delete it if no node runs there)");
      }
      return handle;
    }

    private static boolean isBcosNode(ProcessHandle h) {
      // when the command line is not visible (another user's process) the pid file is trusted
      return h.info().commandLine().map(c -> c.contains(BcosCli.class.getName())).orElse(true);
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** Starts {@code bcos node --config node.json} in a new JVM and writes its pid file. */
    static Process spawn(Path nodeDir, Member m) throws IOException {
      if (healthy(m.rpc())) {
        throw new CliException("PORT_IN_USE", "something already answers at " + m.rpc()
            + " but node " + m.index() + " is not running; stop it first");
      }
      String java = ProcessHandle.current().info().command()
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      Path log = nodeDir.resolve(LOG_FILE);
      List<String> command = new ArrayList<>();
      // its own session, so Ctrl-C on this command (or its terminal closing) leaves nodes running;
      // setsid execs in place (same pid) since a spawned child is not a process-group leader
      if (Files.isExecutable(SETSID)) command.add(SETSID.toString());
      command.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED",
          BcosCli.class.getName(), "node", "--config",
          nodeDir.resolve(CONFIG_FILE).toAbsolutePath().toString()));
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(nodeDir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // the class path goes by the environment, not -cp: the JDK reads only the first 4,096 bytes
      // of a process's command line, and behind a long class path the main class that
      // isBcosNode looks for was cut off, so `testnet stop` left such nodes running
      pb.environment().put("CLASSPATH", absoluteClassPath());
      Process p = pb.start();
      p.getOutputStream().close();
      Files.writeString(nodeDir.resolve(PID_FILE), p.pid() + "\n", StandardCharsets.US_ASCII);
      return p;
    }

    /** The class path with absolute entries: the node runs in its own directory. */
    private static String absoluteClassPath() {
      return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .filter(entry -> !entry.isEmpty())
          .map(entry -> Path.of(entry).toAbsolutePath().toString())
          .collect(Collectors.joining(File.pathSeparator));
    }

    /** Waits until the node answers {@code /health}; NODE_FAILED_TO_START if it dies or hangs. */
    static void awaitHealthy(Path nodeDir, Member m, Process p, long deadlineNanos)
        throws IOException, InterruptedException {
      while (true) {
        if (!p.isAlive()) {
          Files.deleteIfExists(nodeDir.resolve(PID_FILE));
          throw failedToStart(nodeDir, m, "exited with code " + p.exitValue());
        }
        if (healthy(m.rpc())) return;
        if (System.nanoTime() - deadlineNanos > 0) {
          throw failedToStart(nodeDir, m, "did not answer " + m.rpc() + "/health within "
              + START_TIMEOUT.toSeconds() + " s (still running as pid " + p.pid() + ")");
        }
        Thread.sleep(POLL_MILLIS);
      }
    }

    private static CliException failedToStart(Path nodeDir, Member m, String why)
        throws IOException {
      Path log = nodeDir.resolve(LOG_FILE);
      System.err.println("--- last lines of " + log + " ---");
      tail(log).forEach(System.err::println);
      System.err.println("---");
      return new CliException("NODE_FAILED_TO_START", "node " + m.index() + " " + why + "; see "
          + log);
    }

    /** The last {@link #LOG_TAIL_LINES} lines of a file, reading at most its last 64 KiB. */
    static List<String> tail(Path file) throws IOException {
      if (!Files.exists(file)) return List.of();
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
        long start = Math.max(0, f.length() - LOG_TAIL_MAX_BYTES);
        byte[] bytes = new byte[(int) (f.length() - start)];
        f.seek(start);
        f.readFully(bytes);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      }
    }

    /** Waits up to 30 s for a SIGTERMed node, then kills it; false if it had to be killed. */
    static boolean awaitExit(ProcessHandle h) throws InterruptedException {
      if (waitFor(h, STOP_TIMEOUT)) return true;
      h.destroyForcibly();
      if (!waitFor(h, KILL_TIMEOUT)) {
        throw new CliException("STOP_FAILED", "pid " + h.pid() + " survived SIGKILL for "
            + KILL_TIMEOUT.toSeconds() + " s");
      }
      return false;
    }

    private static boolean waitFor(ProcessHandle h, Duration timeout) throws InterruptedException {
      try {
        h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }

    /** True if {@code GET rpc/health} answers 200 within 2 s. */
    static boolean healthy(String rpc) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(rpc + "/health"))
          .timeout(HTTP_TIMEOUT).GET().build();
      try {
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** The node's {@code bcos_status} result; empty if it does not answer. */
    static Optional<JsonNode> status(Member m) {
      // the health check bounds a hung node to 2 s; the client's own timeout is longer
      if (!healthy(m.rpc())) return Optional.empty();
      try {
        return Optional.ofNullable(new BcosClient(m.rpc()).call("bcos_status"));
      } catch (BcosClient.UnreachableException | RpcError e) {
        return Optional.empty();
      }
    }
  }

  private static String rpcUrl(int port) {
    return "http://" + LOOPBACK + ":" + port;
  }

  private static CliException invalid(String message) {
    return new CliException("INVALID_ARGUMENT", message);
  }

  private static void writeJson(Path file, JsonNode node) throws IOException {
    Files.writeString(file, JsonTree.pretty(node), StandardCharsets.UTF_8);
  }

  /** Prints per-node results: a JSON {@code {"nodes": [...]}} or one line per node. */
  private static void printNodes(DirOptions options, ArrayNode nodes) {
    if (options.json) {
      ObjectNode out = Output.object();
      out.set("nodes", nodes);
      Output.json(System.out, out);
      return;
    }
    for (JsonNode n : nodes) {
      StringBuilder line = new StringBuilder("node " + n.path("index").asText() + ": "
          + n.path("state").asText());
      if (n.has("pid")) line.append(", pid ").append(n.path("pid").asText());
      if (n.has("rpc")) line.append(", ").append(n.path("rpc").asText());
      System.out.println(line);
    }
  }
}
