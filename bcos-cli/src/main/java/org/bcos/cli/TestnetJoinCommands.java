package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.bcos.client.JsonTree;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.Genesis;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.GenesisFile;
import org.bcos.node.config.NodeConfigFile;
import org.bcos.node.config.NodeKeyFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The testnet commands for adding a validator to a running testnet (docs/NETWORK.md "Add a
 * validator to a running network"): {@code add-node} makes one more node with its own validator
 * key outside the genesis (it follows the chain until that key is bonded into the set), and
 * {@code key} puts a node's validator key into the local keystore so that {@code --from} can sign
 * as the validator's operator (a genesis validator's operator is its validator key).
 */
final class TestnetJoinCommands {
  /** Nodes a testnet may have in all, genesis validators and added nodes. */
  static final int MAX_NODES = 32;
  private static final String VALIDATOR_KEY_FILE = "validator.key";

  private TestnetJoinCommands() {}

  @Command(name = "add-node", description = "Add a node with a new validator key that is not in"
      + " the genesis: it follows the chain, and signs once the key is bonded into the set")
  static final class AddNode implements Callable<Integer> {
    @Mixin TestnetCommand.DirOptions options;
    @Option(names = "--rpc-port", paramLabel = "PORT", description = "its JSON-RPC port"
        + " (default: one above the highest of the testnet)") Integer rpcPort;
    @Option(names = "--p2p-port", paramLabel = "PORT", description = "its P2P port (default: one"
        + " above the highest of the testnet)") Integer p2pPort;

    @Override
    public Integer call() throws IOException {
      TestnetCommand.Testnet testnet = TestnetCommand.Testnet.open(options.dir);
      List<TestnetCommand.Member> members = testnet.nodes();
      if (members.isEmpty()) throw invalid("the testnet in " + options.dir + " lists no nodes");
      if (members.size() >= MAX_NODES) {
        throw new CliException("LIMIT_EXCEEDED", "a testnet has at most " + MAX_NODES
            + " nodes; " + options.dir + " has " + members.size());
      }
      int index = members.size() + 1;
      int rpc = rpcPort != null ? rpcPort
          : members.stream().mapToInt(m -> URI.create(m.rpc()).getPort()).max().orElseThrow() + 1;
      int p2p = p2pPort != null ? p2pPort
          : members.stream().mapToInt(m -> p2pPortOf(m.p2p())).max().orElseThrow() + 1;
      checkPorts(members, rpc, p2p);
      Path dir = options.dir.resolve("node" + index);
      if (Files.exists(dir)) {
        throw new CliException("ALREADY_EXISTS", dir + " exists but the manifest lists "
            + members.size() + " nodes; delete it or restore " + TestnetCommand.MANIFEST_FILE);
      }
      Genesis genesis = GenesisFile.read(options.dir.resolve(TestnetCommand.GENESIS_FILE));
      ObjectNode config = configFrom(testnet.dirOf(members.getFirst()), members, rpc, p2p);
      Files.createDirectories(dir);
      Ed25519KeyPair key = DevChain.loadOrCreateValidatorKey(dir.resolve(VALIDATOR_KEY_FILE));
      NodeKeyFile.loadOrCreate(dir.resolve("node.key"), genesis.params().nodeIdPowBits());
      Path configFile = dir.resolve(TestnetCommand.CONFIG_FILE);
      Files.writeString(configFile, JsonTree.pretty(config), StandardCharsets.UTF_8);
      try {
        NodeConfigFile.read(configFile);
      } catch (NodeConfigFile.ConfigException e) {
        throw new CliException("INVALID_CONFIG", e.getMessage());
      }
      TestnetCommand.Member added = new TestnetCommand.Member(index, "node" + index,
          "http://127.0.0.1:" + rpc, "127.0.0.1:" + p2p, key.address().toString());
      // the manifest is appended to as read, so fields this command does not know stay
      Path manifest = options.dir.resolve(TestnetCommand.MANIFEST_FILE);
      ObjectNode json = (ObjectNode) JsonTree.parse(Files.readAllBytes(manifest));
      ((ArrayNode) json.get("nodes")).add(added.toJson());
      Files.writeString(manifest, JsonTree.pretty(json), StandardCharsets.UTF_8);
      print(added);
      return 0;
    }

    /** Node 1's configuration with this node's ports, and every other node as a seed. */
    private static ObjectNode configFrom(Path firstNodeDir, List<TestnetCommand.Member> members,
        int rpc, int p2p) throws IOException {
      Path file = firstNodeDir.resolve(TestnetCommand.CONFIG_FILE);
      ObjectNode c = (ObjectNode) JsonTree.parse(Files.readAllBytes(file));
      c.put("validatorKeyFile", VALIDATOR_KEY_FILE).put("rpcPort", rpc)
          .put("p2pListenPort", p2p);
      ArrayNode seeds = c.putArray("p2pSeeds");
      members.forEach(m -> seeds.add(m.p2p()));
      return c;
    }

    private static void checkPorts(List<TestnetCommand.Member> members, int rpc, int p2p) {
      for (int port : List.of(rpc, p2p)) {
        if (port < 1 || port > 65_535) throw invalid("ports are 1..65535, got " + port);
      }
      if (rpc == p2p) throw invalid("the RPC and P2P ports must differ");
      List<Integer> taken = new ArrayList<>();
      for (TestnetCommand.Member m : members) {
        taken.add(URI.create(m.rpc()).getPort());
        taken.add(p2pPortOf(m.p2p()));
      }
      for (int port : List.of(rpc, p2p)) {
        if (taken.contains(port)) {
          throw invalid("port " + port + " is already a port of another node of the testnet");
        }
      }
    }

    private void print(TestnetCommand.Member added) {
      String dir = options.dir.toString();
      ObjectNode out = added.toJson().put("validatorKey", added.address())
          .put("inValidatorSet", false)
          .put("next", "bcos testnet start --dir " + dir + " --node " + added.index());
      if (options.json) {
        Output.json(System.out, out);
        return;
      }
      System.out.printf("node %d:     rpc %s  p2p %s%n", added.index(), added.rpc(), added.p2p());
      System.out.println("validator key: " + added.address() + " (not in the validator set: the"
          + " node follows the chain until this key is bonded into it)");
      System.out.println("next:       bcos testnet start --dir " + dir + " --node "
          + added.index());
      System.out.println("then:       bcos testnet key --dir " + dir + " --node " + added.index()
          + "   # its operator key, to fund and sign with");
      System.out.println("            bcos stake validator create --from validator"
          + added.index() + " --consensus-key validator" + added.index() + " --moniker node"
          + added.index() + " --commission 5% --self-bond 1000DDC --rpc " + added.rpc());
    }
  }

  @Command(name = "key", description = "Put a node's validator key into the local keystore"
      + " (empty passphrase, development only), to sign as the validator's operator")
  static final class Key implements Callable<Integer> {
    @Mixin TestnetCommand.DirOptions options;
    @Option(names = "--node", required = true, paramLabel = "I", description = "the node")
    int node;
    @Option(names = "--name", paramLabel = "NAME", description = "the key's name in the keystore"
        + " (default: validatorI)") String name;

    private final Supplier<Keystore> keystore;

    Key() {
      this(CommonOptions::keystore);
    }

    /** With the keystore to put the key in; tests pass their own. */
    Key(Supplier<Keystore> keystore) {
      this.keystore = keystore;
    }

    @Override
    public Integer call() throws IOException {
      TestnetCommand.Testnet testnet = TestnetCommand.Testnet.open(options.dir);
      TestnetCommand.Member m = testnet.select(node).getFirst();
      String keyName = name != null ? name : "validator" + m.index();
      Imported imported = importValidatorKey(keystore.get(),
          testnet.dirOf(m).resolve(VALIDATOR_KEY_FILE), keyName);
      ObjectNode out = Output.object().put("index", m.index()).put("name", keyName)
          .put("address", imported.address()).put("imported", imported.isNew());
      if (options.json) {
        Output.json(System.out, out);
      } else {
        System.out.println("key '" + keyName + "' = " + imported.address() + ": node "
            + m.index() + "'s validator key" + (imported.isNew() ? "" : ", already in the"
            + " keystore") + " (empty passphrase: DEVELOPMENT ONLY); sign as its operator with"
            + " --from " + keyName);
      }
      return 0;
    }
  }

  /** A validator key in the keystore: its address, and whether this call put it there. */
  record Imported(String address, boolean isNew) {}

  /**
   * Puts the validator key in {@code keyFile} into {@code keystore} as dev key {@code name}; a
   * second call with the same key changes nothing, a name holding another key is refused
   * ALREADY_EXISTS, a missing key file NOT_FOUND.
   */
  static Imported importValidatorKey(Keystore keystore, Path keyFile, String name)
      throws IOException {
    if (!Files.exists(keyFile)) {
      throw new CliException("NOT_FOUND", "no validator key " + keyFile);
    }
    Ed25519KeyPair key = DevChain.loadOrCreateValidatorKey(keyFile);
    var existing = keystore.find(name);
    if (existing.isPresent()) {
      if (!existing.get().address().equals(key.address())) {
        throw new CliException("ALREADY_EXISTS", "key '" + name + "' is another key ("
            + existing.get().address() + "); choose another --name");
      }
      return new Imported(key.address().toString(), false);
    }
    keystore.createDevKey(name, key);
    return new Imported(key.address().toString(), true);
  }

  private static int p2pPortOf(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static CliException invalid(String message) {
    return new CliException("INVALID_ARGUMENT", message);
  }
}
