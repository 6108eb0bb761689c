package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.Genesis;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.GenesisFile;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.config.NodeConfigFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bcos testnet add-node} and {@code bcos testnet key}: what they write, and the refusals
 * (each by name, nothing written); no node process is started.
 */
class TestnetJoinCommandsTest {
  @TempDir Path tmp;
  private Path dir;
  private Keystore keystore;

  @BeforeEach
  void setUp() throws Exception {
    dir = tmp.resolve("net");
    keystore = new Keystore(tmp.resolve("keys"));
    assertEquals(0, run(new TestnetCommand.Init(() -> keystore), "--dir", dir.toString(),
        "--block-interval-ms", "700"));
  }

  @Test
  void addNodeWritesANodeOutsideTheGenesisOnTheNextPortsSeedingEveryNode() throws Exception {
    assertEquals(0, run(new TestnetJoinCommands.AddNode(), "--dir", dir.toString()));
    Path node = dir.resolve("node5");
    NodeConfigFile.Loaded loaded = NodeConfigFile.read(node.resolve("node.json"));
    NodeConfig config = loaded.config();
    assertEquals(8655, config.rpcPort());
    assertEquals(26705, config.p2p().listenPort());
    assertEquals(IntStream.rangeClosed(1, 4).mapToObj(j -> "127.0.0.1:" + (26700 + j)).toList(),
        config.p2p().seeds());
    assertEquals(700, config.blockIntervalMillis(), "node 1's settings are kept");
    Ed25519KeyPair key = DevChain.loadOrCreateValidatorKey(loaded.validatorKeyFile());
    assertEquals(node.resolve("validator.key"), loaded.validatorKeyFile());
    assertTrue(Files.exists(node.resolve("node.key")));
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    assertFalse(genesis.isValidator(key.address()));
    assertEquals(dir.resolve("genesis.json").toRealPath(), loaded.genesisFile().toRealPath());
    TestnetCommand.Testnet testnet = TestnetCommand.Testnet.open(dir);
    assertEquals(5, testnet.nodes().size());
    assertEquals(new TestnetCommand.Member(5, "node5", "http://127.0.0.1:8655",
        "127.0.0.1:26705", key.address().toString()), testnet.select(5).getFirst());
    // a second one goes after it
    assertEquals(0, run(new TestnetJoinCommands.AddNode(), "--dir", dir.toString()));
    assertEquals("http://127.0.0.1:8656", TestnetCommand.Testnet.open(dir).select(6).getFirst()
        .rpc());
  }

  @Test
  void addNodeRefusesBadPortsByNameAndWritesNothing() throws Exception {
    byte[] manifest = Files.readAllBytes(dir.resolve("testnet.json"));
    for (String[] bad : List.of(new String[] {"--rpc-port", "8652"},
        new String[] {"--p2p-port", "26701"}, new String[] {"--rpc-port", "26703"},
        new String[] {"--rpc-port", "0"}, new String[] {"--p2p-port", "65536"},
        new String[] {"--rpc-port", "26705"})) {
      assertEquals("INVALID_ARGUMENT", reason(new TestnetJoinCommands.AddNode(), "--dir",
          dir.toString(), bad[0], bad[1]), String.join(" ", bad));
    }
    assertFalse(Files.exists(dir.resolve("node5")));
    assertArrayEquals(manifest, Files.readAllBytes(dir.resolve("testnet.json")));
    assertEquals("NOT_FOUND", reason(new TestnetJoinCommands.AddNode(), "--dir",
        tmp.resolve("none").toString()));
  }

  @Test
  void keyPutsANodesValidatorKeyInTheKeystoreOnceAsADevKey() throws Exception {
    assertEquals(0, run(new TestnetJoinCommands.Key(() -> keystore), "--dir", dir.toString(),
        "--node", "2"));
    Ed25519KeyPair validator = DevChain.loadOrCreateValidatorKey(
        dir.resolve("node2").resolve("validator.key"));
    Keystore.KeyInfo info = keystore.find("validator2").orElseThrow();
    assertEquals(validator.address(), info.address());
    assertTrue(info.devKey());
    assertEquals(validator.address(), keystore.load("validator2", new char[0]).address());
    // again: nothing changes; another name for the same key is fine too
    assertEquals(0, run(new TestnetJoinCommands.Key(() -> keystore), "--dir", dir.toString(),
        "--node", "2"));
    assertEquals(0, run(new TestnetJoinCommands.Key(() -> keystore), "--dir", dir.toString(),
        "--node", "2", "--name", "op2"));
    assertEquals(validator.address(), keystore.find("op2").orElseThrow().address());
  }

  @Test
  void keyRefusesANameHoldingAnotherKeyAndANodeOutsideTheTestnet() throws Exception {
    assertEquals("ALREADY_EXISTS", reason(new TestnetJoinCommands.Key(() -> keystore), "--dir",
        dir.toString(), "--node", "1", "--name", DevChain.DEV_KEY_NAME));
    assertEquals("INVALID_ARGUMENT", reason(new TestnetJoinCommands.Key(() -> keystore),
        "--dir", dir.toString(), "--node", "5"));
    Files.delete(dir.resolve("node3").resolve("validator.key"));
    assertEquals("NOT_FOUND", reason(new TestnetJoinCommands.Key(() -> keystore), "--dir",
        dir.toString(), "--node", "3"));
    assertEquals(List.of(DevChain.DEV_KEY_NAME),
        keystore.list().stream().map(Keystore.KeyInfo::name).toList());
  }

  /** With P2P such a node follows until bonded (ValidatorJoinNetworkIT); alone it never could. */
  @Test
  void aNodeWithAValidatorKeyOutsideTheGenesisRefusesToStartWithoutP2p() throws Exception {
    Genesis genesis = GenesisFile.read(dir.resolve("genesis.json"));
    Path data = tmp.resolve("solo");
    NodeConfig config = NodeConfig.dev(data, 0);
    Ed25519KeyPair outsider = Ed25519KeyPair.generate(new java.security.SecureRandom());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> org.bcos.node.Node.start(config, genesis, outsider));
    assertTrue(e.getMessage().contains("without P2P it can never join the set"), e.getMessage());
    assertFalse(Files.exists(data));
  }

  private static int run(Callable<Integer> command, String... args) throws Exception {
    new CommandLine(command).parseArgs(args);
    return command.call();
  }

  private static String reason(Callable<Integer> command, String... args) {
    return assertThrows(CliException.class, () -> run(command, args)).reason();
  }
}
