package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.Genesis;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.GenesisFile;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.config.NodeConfigFile;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bcos testnet}: what init writes, and the refusals; no node process is started. */
class TestnetCommandTest {
  private static final long STAKE_UNITS = 1_000_000 * Amount.UNITS_PER_DDC;

  @TempDir Path tmp;
  private Path dir;
  private Keystore keystore;

  @BeforeEach
  void setUp() {
    dir = tmp.resolve("net");
    keystore = new Keystore(tmp.resolve("keys"));
  }

  @Test
  void initWritesOneConfigPerNodeWithDistinctPortsAndEveryOtherNodeAsSeed() throws Exception {
    init();
    Set<Integer> ports = new HashSet<>();
    for (int i = 1; i <= 4; i++) {
      Path node = dir.resolve("node" + i);
      NodeConfig config = NodeConfigFile.read(node.resolve("node.json")).config();
      assertTrue(ports.add(config.rpcPort()));
      assertTrue(ports.add(config.p2p().listenPort()));
      int self = i;
      List<String> others = IntStream.rangeClosed(1, 4).filter(j -> j != self)
          .mapToObj(j -> "127.0.0.1:" + (26700 + j)).toList();
      assertEquals(others, config.p2p().seeds());
      assertTrue(Files.exists(node.resolve("validator.key")));
      assertTrue(Files.exists(node.resolve("node.key")));
    }
    assertEquals(8, ports.size());
    assertFalse(Files.exists(dir.resolve("node5")));
  }

  @Test
  void initWritesGenesisWhereEachValidatorBondsItsStakeAndDevHoldsTheRest() throws Exception {
    init();
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    assertEquals(4, genesis.validators().size());
    genesis.validators().forEach(v -> assertEquals(STAKE_UNITS, v.stakeUnits()));
    long total = genesis.allocations().stream().mapToLong(Genesis.Allocation::units).sum();
    // a new testnet runs the newest rules, with the reward pool out of dev's share
    assertEquals(org.bcos.ledger.Modules.VERSIONS.latest().version(), genesis.protocolVersion());
    assertEquals(Genesis.DEV_REWARD_POOL_UNITS, genesis.staking().orElseThrow()
        .rewardPoolUnits());
    assertEquals(Amount.TOTAL_SUPPLY_UNITS - Genesis.DEV_REWARD_POOL_UNITS, total);
    var dev = keystore.find(DevChain.DEV_KEY_NAME).orElseThrow().address();
    assertTrue(genesis.allocations().contains(new Genesis.Allocation(dev,
        Amount.TOTAL_SUPPLY_UNITS - 4 * STAKE_UNITS - Genesis.DEV_REWARD_POOL_UNITS)));
    JsonNode manifest = org.bcos.client.JsonTree.parse(Files.readAllBytes(dir.resolve("testnet.json")));
    for (int i = 0; i < 4; i++) {
      assertEquals(genesis.validators().get(i).address().toString(),
          manifest.path("nodes").path(i).path("address").asText());
    }
  }

  @Test
  void initRefusesADirectoryThatAlreadyHoldsATestnet() throws Exception {
    init();
    assertEquals("ALREADY_EXISTS", reason(new TestnetCommand.Init(() -> keystore),
        "--dir", dir.toString()));
  }

  @Test
  void initRefusesBadArgumentsBeforeWritingAnything() {
    for (String[] bad : List.of(new String[] {"--validators", "17"},
        new String[] {"--validators", "0"}, new String[] {"--stake", "0.5"},
        new String[] {"--rpc-base-port", "26700"}, new String[] {"--chain-id", "Bad Id"})) {
      String[] args = {"--dir", dir.toString(), bad[0], bad[1]};
      assertEquals("INVALID_ARGUMENT", reason(new TestnetCommand.Init(() -> keystore), args));
    }
    assertFalse(Files.exists(dir));
  }

  @Test
  void initWritesTheProtocolVersionAndParametersAskedFor() throws Exception {
    assertEquals(0, run(new TestnetCommand.Init(() -> keystore), "--dir", dir.toString(),
        "--protocol-version", "3", "--param", "downtimeJailBlocks=20", "--param",
        "minFeeUnits=2_000", "--max-txs-per-block", "50"));
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    assertEquals(3, genesis.protocolVersion());
    assertEquals(20, genesis.params().value("downtimeJailBlocks"));
    assertEquals(2_000, genesis.params().value("minFeeUnits"));
    assertEquals(50, genesis.params().maxTxsPerBlock());
    assertEquals(Genesis.DEV_REWARD_POOL_UNITS, genesis.staking().orElseThrow()
        .rewardPoolUnits());
  }

  @Test
  void initPrintsTheVersionAndTheParametersItSet() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream before = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, run(new TestnetCommand.Init(() -> keystore), "--dir", dir.toString(),
          "--protocol-version", "4", "--param", "minFeeUnits=500", "--param",
          "govVotingPeriodBlocks=20"));
    } finally {
      System.setOut(before);
    }
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("protocol:   version 4"), text);
    assertTrue(text.contains("params:     govVotingPeriodBlocks=20, minFeeUnits=500"), text);
  }

  @Test
  void initBeforeStakingHasNoRewardPool() throws Exception {
    assertEquals(0, run(new TestnetCommand.Init(() -> keystore), "--dir", dir.toString(),
        "--protocol-version", "2"));
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    assertEquals(2, genesis.protocolVersion());
    assertTrue(genesis.staking().isEmpty());
    long total = genesis.allocations().stream().mapToLong(Genesis.Allocation::units).sum();
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, total);
  }

  @Test
  void initRefusesBadVersionsAndParametersByNameBeforeWritingAnything() {
    int next = org.bcos.ledger.Modules.VERSIONS.latest().version() + 1;
    List<List<String>> cases = List.of(
        List.of("INVALID_ARGUMENT", "--protocol-version", "0"),
        List.of("INVALID_ARGUMENT", "--protocol-version", Integer.toString(next)),
        List.of("UNKNOWN_PARAM", "--param", "noSuchParam=1"),
        // a gov parameter does not exist before version 4, nor staking's before 3
        List.of("UNKNOWN_PARAM", "--protocol-version", "3", "--param", "govVotingPeriodBlocks=5"),
        List.of("UNKNOWN_PARAM", "--protocol-version", "2", "--param", "downtimeJailBlocks=5"),
        List.of("PARAM_OUT_OF_RANGE", "--param", "govVotingPeriodBlocks=0"),
        List.of("PARAM_OUT_OF_RANGE", "--param", "maxTxsPerBlock=100001"),
        List.of("INVALID_ARGUMENT", "--param", "minFeeUnits"),
        List.of("INVALID_ARGUMENT", "--param", "minFeeUnits=ten"),
        List.of("INVALID_ARGUMENT", "--param", "minFeeUnits=1", "--param", "minFeeUnits=2"),
        List.of("INVALID_ARGUMENT", "--param", "maxTxsPerBlock=5", "--max-txs-per-block", "6"));
    for (List<String> c : cases) {
      CliException e = refusedInit(c);
      if (c.contains("--param") && !c.getFirst().equals("INVALID_ARGUMENT")) {
        assertTrue(e.getMessage().contains(c.getLast().split("=")[0]), e.getMessage());
      }
    }
    assertFalse(Files.exists(dir));
  }

  @Test
  void initWritesThePlannedUpgradesInOrderAndPrintsThem() throws Exception {
    String release = "5a".repeat(32);
    var out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream before = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, run(new TestnetCommand.Init(() -> keystore), "--dir", dir.toString(),
          "--protocol-version", "2", "--upgrade", "staking:3:10:" + release, "--upgrade",
          "gov:4:1_000", "--upgrade", "future:99:2000"));
    } finally {
      System.setOut(before);
    }
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    assertEquals(List.of(
        new UpgradePlan("staking", 3, Hash.fromHex(release), 10, 0),
        new UpgradePlan("gov", 4, GenesisParams.NO_RELEASE, 1_000, 0),
        new UpgradePlan("future", 99, GenesisParams.NO_RELEASE, 2_000, 0)), genesis.upgrades());
    assertEquals(2, genesis.protocolVersion());
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("upgrade:    \"staking\" (protocol version 3, release sha256 "
        + release + ", height 10)\n"), text);
    assertTrue(text.contains("\"future\" (protocol version 99, release sha256 "
        + "0".repeat(64) + ", height 2000): not in this release"), text);
  }

  @Test
  void initRefusesBadUpgradePlansByTheGenesisReasonBeforeWritingAnything() {
    List<List<String>> cases = List.of(
        List.of("INVALID_ARGUMENT", "--upgrade", "staking:3"),
        List.of("INVALID_ARGUMENT", "--upgrade", "staking:3:10:" + "5a".repeat(32) + ":x"),
        List.of("INVALID_ARGUMENT", "--upgrade", "staking:three:10"),
        List.of("INVALID_ARGUMENT", "--upgrade", "staking:3:0"),
        List.of("INVALID_HASH", "--upgrade", "staking:3:10:xyz"),
        List.of("UPGRADE_NAME_INVALID", "--upgrade", "Staking:98:10"),
        List.of("UPGRADE_NAME_USED", "--upgrade", "genesis:98:10"),
        List.of("UPGRADE_NAME_USED", "--upgrade", "a:98:10", "--upgrade", "a:99:20"),
        // the chain starts at the newest version unless told: a plan must go above it
        List.of("UPGRADE_VERSION_NOT_NEWER", "--protocol-version", "3", "--upgrade", "a:3:10"),
        List.of("UPGRADE_VERSION_NOT_NEWER", "--protocol-version", "2", "--upgrade", "a:4:10",
            "--upgrade", "b:3:20"),
        List.of("UPGRADE_HEIGHT_PASSED", "--protocol-version", "2", "--upgrade", "a:3:20",
            "--upgrade", "b:4:20"),
        List.of("UPGRADE_TOO_FAR", "--protocol-version", "2", "--upgrade", "a:3:"
            + (org.bcos.ledger.upgrade.api.UpgradeApi.MAX_LEAD_BLOCKS + 1)),
        tooManyUpgrades());
    cases.forEach(this::refusedInit);
    assertFalse(Files.exists(dir));
  }

  @Test
  void resetDeletesTheDataOfAStoppedNodeAndKeepsItsKeys() throws Exception {
    init();
    Path node2 = dir.resolve("node2");
    Files.createDirectories(node2.resolve("data/db"));
    Files.writeString(node2.resolve("data/db/CURRENT"), "x");
    // a stale pid file (no such process) does not count as running, and is removed
    Files.writeString(node2.resolve("node.pid"), Long.MAX_VALUE + "\n");
    assertEquals(0, run(new TestnetCommand.Reset(), "--dir", dir.toString(), "--node", "2"));
    assertFalse(Files.exists(node2.resolve("data")));
    assertFalse(Files.exists(node2.resolve("node.pid")));
    assertTrue(Files.exists(node2.resolve("validator.key")));
    assertTrue(Files.exists(node2.resolve("node.json")));
  }

  @Test
  void nodeOutsideTheTestnetIsRefused() throws Exception {
    init();
    for (String node : List.of("0", "5")) {
      assertEquals("INVALID_ARGUMENT", reason(new TestnetCommand.Reset(), "--dir",
          dir.toString(), "--node", node));
      assertEquals("INVALID_ARGUMENT", reason(new TestnetCommand.Stop(), "--dir",
          dir.toString(), "--node", node));
    }
  }

  @Test
  void commandsOnADirectoryWithoutTestnetReportNotFound() {
    assertEquals("NOT_FOUND", reason(new TestnetCommand.Status(), "--dir", dir.toString()));
    assertEquals("NOT_FOUND", reason(new TestnetCommand.Reset(), "--dir", dir.toString(),
        "--node", "1"));
    assertEquals(1, BcosCli.run("testnet", "stop", "--dir", dir.toString()));
  }

  /** The default bases keep all 16 validators off CometBFT's and BCOS's own default ports. */
  @Test
  void defaultPortsOfSixteenValidatorsAvoidWellKnownPorts() throws Exception {
    assertEquals(0, run(new TestnetCommand.Init(() -> keystore), "--dir", dir.toString(),
        "--validators", "16"));
    Set<Integer> wellKnown = Set.of(26656, 26657, 26658, NodeConfig.DEFAULT_RPC_PORT);
    for (int i = 1; i <= 16; i++) {
      NodeConfig config = NodeConfigFile.read(dir.resolve("node" + i).resolve("node.json"))
          .config();
      assertFalse(wellKnown.contains(config.rpcPort()), "node " + i + " rpc");
      assertFalse(wellKnown.contains(config.p2p().listenPort()), "node " + i + " p2p");
    }
  }

  /** A port held by another program is named before any node starts, and nothing starts. */
  @Test
  void startWithAPortTakenNamesItAndStartsNothing() throws Exception {
    int rpcBase = 24_010;
    int p2pBase = 24_030;
    assertEquals(0, run(new TestnetCommand.Init(() -> keystore), "--dir", dir.toString(),
        "--rpc-base-port", Integer.toString(rpcBase), "--p2p-base-port",
        Integer.toString(p2pBase)));
    for (int[] taken : new int[][] {{rpcBase + 3, 0}, {p2pBase + 2, 1}}) {
      try (var socket = new java.net.ServerSocket()) {
        socket.bind(new java.net.InetSocketAddress("127.0.0.1", taken[0]));
        var err = new java.io.ByteArrayOutputStream();
        var cl = BcosCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(1, cl.execute("testnet", "start", "--dir", dir.toString()));
        String expected = "error: PORT_IN_USE: node " + (taken[1] == 0 ? "3's JSON-RPC" : "2's P2P")
            + " port 127.0.0.1:" + taken[0] + " is in use by another program; no node was started";
        assertTrue(err.toString().startsWith(expected), err.toString());
      }
      for (int i = 1; i <= 4; i++) {
        assertFalse(Files.exists(dir.resolve("node" + i).resolve("node.pid")), "node " + i);
      }
    }
  }

  /** One plan more than a genesis holds, each valid in itself. */
  private static List<String> tooManyUpgrades() {
    List<String> c = new java.util.ArrayList<>(List.of("TOO_MANY_UPGRADES", "--protocol-version",
        "1"));
    for (int i = 1; i <= Genesis.MAX_PLANNED_UPGRADES + 1; i++) {
      c.addAll(List.of("--upgrade", "u" + i + ":" + (i + 1) + ":" + i * 10));
    }
    return c;
  }

  /** {@code init} with the options after the case's first entry, refused by that reason. */
  private CliException refusedInit(List<String> c) {
    List<String> args = new java.util.ArrayList<>(List.of("--dir", dir.toString()));
    args.addAll(c.subList(1, c.size()));
    CliException e = assertThrows(CliException.class, () -> run(
        new TestnetCommand.Init(() -> keystore), args.toArray(String[]::new)));
    assertEquals(c.getFirst(), e.reason(), c + ": " + e.getMessage());
    return e;
  }

  private void init() throws Exception {
    assertEquals(0, run(new TestnetCommand.Init(() -> keystore), "--dir", dir.toString()));
  }

  private static int run(Callable<Integer> command, String... args) throws Exception {
    new CommandLine(command).parseArgs(args);
    return command.call();
  }

  private static String reason(Callable<Integer> command, String... args) {
    return assertThrows(CliException.class, () -> run(command, args)).reason();
  }
}
