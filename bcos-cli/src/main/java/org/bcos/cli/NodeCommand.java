package org.bcos.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bcos.cli.supervisor.AutoFetch;
import org.bcos.cli.supervisor.ReleaseSupervisor;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Modules;
import org.bcos.node.Node;
import org.bcos.node.NodeSupervisor;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.GenesisFile;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.logging.LogSettings;
import org.bcos.node.logging.NodeLogging;
import org.bcos.types.Amount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bcos node}: runs a node until Ctrl-C or SIGTERM. */
@Command(name = "node", description = "Run a node (--dev: a single-validator development chain)")
final class NodeCommand implements Callable<Integer> {
  @Option(names = "--dev", description = "development chain: 1 s blocks, funded `dev` key and"
      + " dev accounts dev1..devN")
  boolean dev;
  @Option(names = "--dev-accounts", paramLabel = "N", description = "with --dev, on a new chain:"
      + " funded accounts besides dev, 0.." + DevChain.DevAccounts.MAX_COUNT + " (default "
      + DevChain.DevAccounts.DEFAULT_COUNT + ": ten with dev, as anvil's)")
  Integer devAccounts;
  @Option(names = "--dev-balance", paramLabel = "DDC", description = "with --dev, on a new chain:"
      + " the balance of each dev account (default 10000; dev keeps the rest of the supply)")
  String devBalance;
  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "with --dev, on a new chain:"
      + " a chain parameter's genesis value (repeatable; checked against its bounds), e.g. --param"
      + " govVotingPeriodBlocks=30 for votes that end in half a minute")
  List<String> paramSettings = new ArrayList<>();
  @Option(names = "--data", paramLabel = "DIR",
      description = "data directory (default ./bcos-data/dev with --dev, else ./bcos-data/node)")
  Path data;
  @Option(names = "--rpc-port", defaultValue = "8645", description = "JSON-RPC port") int rpcPort;
  @Option(names = "--rpc-host", defaultValue = "127.0.0.1", description = "JSON-RPC bind address")
  String rpcHost;
  @Option(names = "--block-interval-ms",
      description = "block interval (default 1000 with --dev, else 10000)") Long blockInterval;
  @Option(names = "--config", paramLabel = "FILE",
      description = "run from a node configuration file (see --print-default-config)")
  Path configFile;
  @Option(names = "--print-default-config", description = "print the default configuration")
  boolean printDefaults;
  @Option(names = "--new-validator-key", paramLabel = "FILE",
      description = "create a validator key file (owner-only) and print its address, then exit")
  Path newValidatorKey;
  @Option(names = "--max-protocol-version", paramLabel = "N", description = "run protocol "
      + "versions up to N only, as a release without the later ones (testing upgrades): the node "
      + "stops with exit status " + Node.EXIT_UPGRADE_REQUIRED + " before an upgrade to a later "
      + "version; overrides the --config file's maxProtocolVersion (default: every version)")
  Integer maxProtocolVersion;
  @Option(names = "--supervise", description = "run the node as a child process and, when it "
      + "stops for an upgrade (exit status " + Node.EXIT_UPGRADE_REQUIRED + "), switch to the "
      + "voted release from the data directory's release store (bcos upgrade fetch) and start it "
      + "again with the same options (docs/GOVERNANCE.md \"Supervisor mode\")")
  boolean supervise;
  @Option(names = "--auto-fetch", description = "with --supervise: while the node runs, ask it "
      + "(upgrade_status over its RPC) whether an upgrade its software lacks is scheduled or "
      + "planned and, when the release is not in the store yet, have it fetched from its peers "
      + "(upgrade_fetch) before the height")
  boolean autoFetch;
  @Option(names = "--auto-fetch-interval-seconds", paramLabel = "S", description = "with "
      + "--auto-fetch: seconds between two questions, 1..3600 (default 60)")
  Integer autoFetchIntervalSeconds;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Logging (docs/OPERATIONS.md)%n")
  LogOptions logging = new LogOptions();
  /** Set by {@link #startLogging}: the banner's facts are then logged too. */
  private boolean logToFile;

  /** How the node logs; each option overrides the --config file's key of the same meaning. */
  static final class LogOptions {
    @Option(names = "--log-level", paramLabel = "SPEC", description = "a level (trace, debug, "
        + "info, warn, error, off) and/or levels by component: p2p=debug,consensus=info "
        + "(default info)")
    String level;
    @Option(names = "--log-format", paramLabel = "text|json",
        description = "text lines (default) or JSON lines")
    String format;
    @Option(names = "--log-file", paramLabel = "FILE",
        description = "log into FILE, rolled over by size and day (default: standard output)")
    Path file;
    @Option(names = "--log-max-file-bytes", paramLabel = "N",
        description = "roll the log file over at this size (default 100 MiB)")
    Long maxFileBytes;
    @Option(names = "--log-max-history-days", paramLabel = "N",
        description = "delete rolled log files older than N days (default 14)")
    Integer maxHistoryDays;
    @Option(names = "--log-total-size-cap-bytes", paramLabel = "N",
        description = "delete the oldest rolled log files beyond this total (default 1 GiB)")
    Long totalSizeCapBytes;

    /** {@code base} (the defaults or the config file's) with these options over it. */
    LogSettings over(LogSettings base) {
      try {
        LogSettings s = base.withRotation(
            maxFileBytes != null ? maxFileBytes : base.maxFileBytes(),
            maxHistoryDays != null ? maxHistoryDays : base.maxHistoryDays(),
            totalSizeCapBytes != null ? totalSizeCapBytes : base.totalSizeCapBytes());
        if (level != null) s = s.withLevels(level);
        if (format != null) s = s.withFormat(LogSettings.parseFormat(format));
        return file != null ? s.withFile(file.toAbsolutePath()) : s;
      } catch (IllegalArgumentException e) {
        throw new CliException("INVALID_ARGUMENT", e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    if (printDefaults) {
      System.out.print(org.bcos.node.config.NodeConfigFile.defaultsText());
      return 0;
    }
    if (newValidatorKey != null) {
      if (Files.exists(newValidatorKey)) {
        throw new CliException("ALREADY_EXISTS", newValidatorKey + " exists; it is not replaced");
      }
      System.out.println(DevChain.loadOrCreateValidatorKey(newValidatorKey).address());
      return 0;
    }
    if (maxProtocolVersion != null && maxProtocolVersion < 1) {
      // refused before anything is written (a dev chain's genesis, keys)
      throw new CliException("INVALID_ARGUMENT", "--max-protocol-version must be a protocol "
          + "version >= 1");
    }
    if (!supervise && (autoFetch || autoFetchIntervalSeconds != null)) {
      throw new CliException("INVALID_ARGUMENT", "--auto-fetch and --auto-fetch-interval-seconds "
          + "go with --supervise (the supervisor asks the node it runs)");
    }
    if (supervise) return supervise();
    if (configFile != null) return runFromFile();
    startLogging(LogSettings.DEFAULT);
    Path dir = data != null ? data : Path.of("bcos-data", dev ? "dev" : "node");
    Genesis genesis;
    Ed25519KeyPair validator;
    DevChain.Prepared prepared = null;
    if (dev) {
      prepared = prepareDevChain(dir);
      genesis = prepared.genesis();
      validator = prepared.validatorKey();
    } else {
      if (devAccounts != null || devBalance != null || !paramSettings.isEmpty()) {
        throw new CliException("INVALID_ARGUMENT", "--dev-accounts, --dev-balance and --param go"
            + " with --dev (a testnet takes --param at bcos testnet init)");
      }
      Path genesisFile = dir.resolve("genesis.json");
      if (!Files.exists(genesisFile)) {
        throw new CliException("NO_GENESIS", "no genesis.json in " + dir.toAbsolutePath()
            + " (use --dev for a development chain)");
      }
      genesis = GenesisFile.read(genesisFile);
      validator = DevChain.loadOrCreateValidatorKey(dir.resolve("validator.key"));
    }
    long interval = blockInterval != null ? blockInterval
        : dev ? NodeConfig.DEV_BLOCK_INTERVAL_MILLIS : NodeConfig.DEFAULT_BLOCK_INTERVAL_MILLIS;
    NodeConfig config = new NodeConfig(dir, rpcHost, rpcPort, interval,
        org.bcos.node.mempool.MempoolLimits.DEFAULT, NodeConfig.RpcLimits.DEFAULT);
    if (dev) config = config.asDevChain(); // serves dev_mine
    return run(config, genesis, validator, prepared, dir.resolve(Node.GUARD_FILE));
  }

  /**
   * {@code --supervise}: a {@link ReleaseSupervisor} runs {@code bcos node} with the same options
   * but this one as its child, until the child exits other than for an upgrade or a signal comes.
   */
  private Integer supervise() throws Exception {
    Path dir;
    String rpcUrl;
    if (configFile != null) {
      NodeConfig config;
      try {
        config = org.bcos.node.config.NodeConfigFile.read(configFile).config();
      } catch (org.bcos.node.config.NodeConfigFile.ConfigException e) {
        throw new CliException("INVALID_CONFIG", e.getMessage());
      }
      dir = config.dataDir();
      rpcUrl = rpcUrl(config.rpcHost(), config.rpcPort());
    } else {
      dir = data != null ? data : Path.of("bcos-data", dev ? "dev" : "node");
      rpcUrl = rpcUrl(rpcHost, rpcPort);
    }
    List<String> options = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    if (!options.isEmpty() && options.getFirst().equals("node")) options.removeFirst();
    options.removeIf(o -> o.equals("--supervise") || o.equals("--auto-fetch"));
    int at = options.indexOf("--auto-fetch-interval-seconds");
    if (at >= 0) options.subList(at, Math.min(at + 2, options.size())).clear();
    options.removeIf(o -> o.startsWith("--auto-fetch-interval-seconds="));
    ReleaseSupervisor supervisor = new ReleaseSupervisor(new ReleaseSupervisor.Settings(dir,
        options, ownCommand(), ReleaseSupervisor.DEFAULT_POLL, ReleaseSupervisor.DEFAULT_REMIND,
        ReleaseSupervisor.DEFAULT_MAX_WAIT, autoFetchConfig(rpcUrl)), System.err);
    Thread hook = new Thread(supervisor::stop, "bcos-supervisor-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int status = supervisor.run();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down already: the hook stopped the child
    }
    return status;
  }

  /** {@code --auto-fetch}'s settings, checked; empty without it. */
  private java.util.Optional<AutoFetch.Config> autoFetchConfig(String rpcUrl) {
    if (!autoFetch) {
      if (autoFetchIntervalSeconds != null) {
        throw new CliException("INVALID_ARGUMENT", "--auto-fetch-interval-seconds goes with "
            + "--auto-fetch");
      }
      return java.util.Optional.empty();
    }
    long seconds = autoFetchIntervalSeconds != null ? autoFetchIntervalSeconds
        : AutoFetch.DEFAULT_INTERVAL.toSeconds();
    if (seconds < AutoFetch.MIN_INTERVAL.toSeconds()
        || seconds > AutoFetch.MAX_INTERVAL.toSeconds()) {
      throw new CliException("INVALID_ARGUMENT", "--auto-fetch-interval-seconds must be "
          + AutoFetch.MIN_INTERVAL.toSeconds() + ".." + AutoFetch.MAX_INTERVAL.toSeconds());
    }
    return java.util.Optional.of(new AutoFetch.Config(AutoFetch.UpgradeRpc.at(rpcUrl),
        java.time.Duration.ofSeconds(seconds)));
  }

  /**
   * The URL the supervisor asks the child at: its RPC bind address, or loopback when it binds
   * every address.
   */
  static String rpcUrl(String bindHost, int port) {
    String host = switch (bindHost) {
      case "0.0.0.0", "", "::", "[::]" -> "127.0.0.1";
      default -> bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]"
          : bindHost;
    };
    return "http://" + host + ":" + port;
  }

  /** This software's own {@code bcos}: its java, JVM options, class path and main class. */
  private static List<String> ownCommand() {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        BcosCli.class.getName()));
    return command;
  }

  /** The dev chain in {@code dir}, its accounts made as the options say if it is new. */
  private DevChain.Prepared prepareDevChain(Path dir) throws java.io.IOException {
    DevChain.DevAccounts accounts;
    try {
      accounts = new DevChain.DevAccounts(
          devAccounts != null ? devAccounts : DevChain.DevAccounts.DEFAULT_COUNT,
          devBalance != null ? SendCommand.parseAmount(devBalance, "--dev-balance")
              : DevChain.DevAccounts.DEFAULT_UNITS_EACH);
    } catch (IllegalArgumentException e) {
      throw new CliException("INVALID_ARGUMENT", e.getMessage());
    }
    DevChain.Prepared prepared;
    try {
      ChainParams params = GenesisParams.apply(ChainParams.defaults(DevChain.CHAIN_ID),
          paramSettings, Modules.VERSIONS.latest().version());
      prepared = DevChain.prepare(dir, CommonOptions.keystore(), accounts, params);
    } catch (DevChain.AccountConflictException e) {
      throw new CliException("DEV_ACCOUNT_CONFLICT", e.getMessage());
    }
    if (!prepared.newGenesis() && (devAccounts != null || devBalance != null
        || !paramSettings.isEmpty())) {
      System.err.println("note: --dev-accounts, --dev-balance and --param apply only when a dev"
          + " chain is"
          + " made; the one in " + dir + " keeps its genesis");
    }
    prepared.notes().forEach(note -> System.err.println("note: " + note));
    return prepared;
  }

  private Integer runFromFile() throws Exception {
    if (dev || data != null || blockInterval != null || devAccounts != null
        || devBalance != null || !paramSettings.isEmpty()) {
      throw new CliException("INVALID_ARGUMENT", "--config takes every setting from the file; "
          + "drop --dev, --dev-accounts, --dev-balance, --param, --data and --block-interval-ms");
    }
    org.bcos.node.config.NodeConfigFile.Loaded loaded;
    try {
      loaded = org.bcos.node.config.NodeConfigFile.read(configFile);
    } catch (org.bcos.node.config.NodeConfigFile.ConfigException e) {
      throw new CliException("INVALID_CONFIG", e.getMessage());
    }
    startLogging(loaded.logging());
    if (!Files.exists(loaded.genesisFile())) {
      throw new CliException("NO_GENESIS", "genesis file not found: " + loaded.genesisFile());
    }
    Ed25519KeyPair validator = null;
    if (Files.exists(loaded.validatorKeyFile())) {
      validator = DevChain.loadOrCreateValidatorKey(loaded.validatorKeyFile());
    } else if (loaded.config().p2p() == null) {
      throw new CliException("NO_VALIDATOR_KEY", "validator key not found: "
          + loaded.validatorKeyFile() + " (a follower node needs \"p2pEnabled\": true)");
    }
    return run(loaded.config(), GenesisFile.read(loaded.genesisFile()), validator, null,
        loaded.validatorKeyFile().resolveSibling(Node.GUARD_FILE));
  }

  /**
   * Sets up Logback for this node (the only command that does: short commands never load it).
   * A bad option is refused here, before the node opens its data.
   */
  private void startLogging(LogSettings fileOrDefaults) {
    LogSettings settings = logging.over(fileOrDefaults);
    NodeLogging.apply(settings);
    logToFile = settings.file() != null;
  }

  /**
   * The node's logger, asked for only once the node runs: a static logger would start Logback
   * whenever picocli makes this command, e.g. for {@code bcos --help} or {@code bcos key list}.
   */
  private static org.slf4j.Logger nodeLog() {
    return org.slf4j.LoggerFactory.getLogger("bcos.node");
  }

  /**
   * Runs the node until SIGTERM/Ctrl-C (exit status 0) or until it stops before a protocol
   * version it lacks: then the one line goes to standard error and the log, the node closes
   * (consensus, P2P, API, then its store, flushed) and the status is {@link
   * Node#EXIT_UPGRADE_REQUIRED}.
   */
  private Integer run(NodeConfig given, Genesis genesis, Ed25519KeyPair validator,
      DevChain.Prepared prepared, Path guardFile) throws Exception {
    NodeConfig config = withVersionCap(given);
    NodeSupervisor supervisor = NodeSupervisor.start(
        () -> startOrExplain(config, genesis, validator, guardFile), config);
    banner(supervisor.node(), config.dataDir(), prepared);
    if (logToFile) logStarted(supervisor.node());
    CountDownLatch stopped = new CountDownLatch(1);
    ClosingOnce closing = new ClosingOnce(supervisor);
    Thread hook = new Thread(() -> {
      closing.close("stopping");
      stopped.countDown();
    }, "bcos-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    supervisor.upgradeRequired().thenRun(stopped::countDown);
    stopped.await();
    var upgrade = supervisor.upgradeRequired().getNow(null);
    if (upgrade == null) return 0;
    System.err.println(upgrade.line());
    nodeLog().error(upgrade.line());
    closing.close("stopped for the upgrade");
    recordStop(config.dataDir(), upgrade);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // a SIGTERM came at the same time: the hook found the node closed already
    }
    System.err.println("exit status " + Node.EXIT_UPGRADE_REQUIRED + " (upgrade required)");
    return Node.EXIT_UPGRADE_REQUIRED;
  }

  /** Leaves {@code <data>/upgrade-required.json} for a supervisor or script (after closing). */
  private static void recordStop(Path dataDir, org.bcos.ledger.UpgradeRequired upgrade) {
    try {
      org.bcos.node.release.UpgradeRequiredFile.write(dataDir, upgrade);
    } catch (java.io.IOException e) {
      nodeLog().warn("could not write " + dataDir.resolve(
          org.bcos.node.release.UpgradeRequiredFile.NAME) + ": " + e.getMessage());
    }
  }

  /** {@code config} with {@code --max-protocol-version}, when given, over the file's value. */
  private NodeConfig withVersionCap(NodeConfig config) {
    return maxProtocolVersion == null ? config
        : config.withMaxProtocolVersion(maxProtocolVersion);
  }

  /**
   * Closes the node once, whoever asks first (the shutdown hook or the upgrade stop); the other
   * waits until it is closed, so the JVM never halts with the store half closed.
   */
  private static final class ClosingOnce {
    private final NodeSupervisor supervisor;
    private boolean closed;

    ClosingOnce(NodeSupervisor supervisor) {
      this.supervisor = supervisor;
    }

    synchronized void close(String why) {
      if (closed) return;
      closed = true;
      nodeLog().info(why + " at height " + supervisor.node().ledger().head().height());
      supervisor.close();
    }
  }

  private static Node startOrExplain(NodeConfig config, Genesis genesis, Ed25519KeyPair validator,
      Path guardFile) throws Exception {
    try {
      return Node.start(config, genesis, validator, guardFile);
    } catch (java.net.BindException e) {
      throw new CliException("RPC_PORT_IN_USE", "cannot listen on " + config.rpcHost() + ":"
          + config.rpcPort() + " (" + e.getMessage() + "); is another node running? Choose"
          + " another port: --rpc-port, or \"rpcPort\" in the --config file");
    } catch (org.bcos.storage.StorageException e) {
      throw new CliException("STORAGE", e.getMessage());
    } catch (java.io.IOException e) {
      throw new CliException("CANNOT_START", e.getMessage());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CliException("CANNOT_START", e.getMessage());
    }
  }

  /** The banner's facts, once, into a log file (the banner itself goes to standard output). */
  private static void logStarted(Node node) {
    nodeLog().atInfo().addKeyValue("height", node.ledger().head().height())
        .log("BCOS node {} started: chain id {}, height {}, rpc {}", Node.VERSION,
            node.ledger().params().chainId(), node.ledger().head().height(), node.rpcAddress());
  }

  private static void banner(Node node, Path dir, DevChain.Prepared prepared) {
    var rpc = node.rpcAddress();
    String host = rpc.getAddress().getHostAddress();
    System.out.println("BCOS node " + Node.VERSION + (prepared != null
        ? " - development chain" : ""));
    System.out.println("  chain id:   " + node.ledger().params().chainId());
    System.out.println("  genesis:    " + node.ledger().genesisHash().toHex());
    System.out.println("  height:     " + node.ledger().head().height());
    System.out.println("  data:       " + dir.toAbsolutePath());
    System.out.println("  rpc:        http://" + host + ":" + rpc.getPort() + "/rpc  (ws://"
        + host + ":" + rpc.getPort() + "/ws)");
    if (node.servesWeb()) {
      System.out.println("  web app:    http://" + host + ":" + rpc.getPort() + "/");
    }
    System.out.println("  validators: " + node.ledger().genesis().validators().size()
        + (node.isValidator() ? "" : "  (this node is a follower)"));
    node.network().ifPresent(n -> System.out.println("  p2p:        " + n.listenAddress()
        + "  node id " + n.nodeId().toHex()));
    System.out.println("  signatures: " + node.ledger().signatures().verifierName());
    System.out.println("  protocol:   version " + node.ledger().genesis().protocolVersion()
        + " at genesis" + node.ledger().genesis().staking().map(s -> ", staking reward pool "
        + Amount.format(s.rewardPoolUnits()) + " DDC at genesis (bcos supply shows it now)")
        .orElse(""));
    if (prepared != null) devAccountsTable(node, prepared);
    System.out.flush();
  }

  /**
   * The funded dev keys as a table (name, address, balance now), then the warning and, on a
   * terminal only, a new dev mnemonic: addresses and balances are public, the words are not.
   */
  private static void devAccountsTable(Node node, DevChain.Prepared prepared) {
    System.out.println("  dev accounts (local keys, empty passphrase; --from NAME):");
    Table table = new Table("name", "address", "balance (DDC)");
    for (DevChain.DevAccount a : prepared.accounts()) {
      long balance = node.ledger().account(a.address()).map(acct -> acct.balanceUnits())
          .orElse(0L);
      table.row(a.name(), a.address().toString(), Amount.format(balance));
    }
    var text = new java.io.ByteArrayOutputStream();
    table.print(new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8));
    text.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .forEach(line -> System.out.println("    " + line));
    System.out.println("  DEVELOPMENT ONLY: the dev keys have an empty passphrase. Never use them"
        + " on a real network.");
    prepared.newDevMnemonic().ifPresent(NodeCommand::showMnemonicOnTerminalOnly);
  }

  /**
   * The new dev key's mnemonic goes to a terminal once, never into a file: when the output is
   * redirected (a log), only where the key lives is printed.
   */
  private static void showMnemonicOnTerminalOnly(String words) {
    java.io.Console console = System.console();
    if (console != null && console.isTerminal()) {
      System.out.println("  dev key mnemonic (shown once): " + words);
      System.out.println("  (dev1..devN are its accounts 1..N: bcos key import --account N)");
    } else {
      System.out.println("  dev key mnemonic: not printed (the output is not a terminal and may"
          + " be a log); the dev key keeps it in " + CommonOptions.home().resolve("keys")
          + "/dev.key (\"mnemonic\")");
    }
  }
}
