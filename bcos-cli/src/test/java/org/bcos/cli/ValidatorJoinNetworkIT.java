package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.bcos.client.BcosClient;
import org.bcos.client.JsonTree;
import org.bcos.ledger.Genesis;
import org.bcos.node.config.DevChain;
import org.bcos.node.config.GenesisFile;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator joins a running network by bonding (BCOS issue #11), as an operator does it, every
 * step a CLI process: a 4-validator {@code bcos testnet} of real node processes; {@code testnet
 * add-node} makes a fifth node with its own validator key outside the genesis, which starts and
 * follows the chain; {@code testnet key} puts that key in the keystore as the operator's, the dev
 * key funds it ({@code bcos send}), and {@code bcos stake validator create} registers and
 * self-bonds as much as each genesis validator. Every node's {@code bcos_validators} leaves it out
 * of the set at h + 1 and has it from h + 2 (h = the block of the bond); then its precommits are
 * in later blocks' {@code lastCommitSigners} and it proposes blocks (their {@code proposer}),
 * within bounded heights, on one chain with the supply whole. Last it unbonds everything: out of
 * the set from two heights later, and the four go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ValidatorJoinNetworkIT {
  private static final int GENESIS_NODES = 4;
  private static final long BLOCK_INTERVAL_MILLIS = 500;
  /** As much as each genesis validator (testnet init's default): it proposes one block in five. */
  private static final long SELF_BOND_DDC = 1_000_000;
  private static final long FUNDS_DDC = SELF_BOND_DDC + 10;
  /**
   * Heights from the first it governs within which it must have signed and proposed: a new
   * validator starts at priority -1.125 × the total power (ProposerRotation), so with a fifth of
   * the power it first proposes about seven heights in.
   */
  private static final long MAX_HEIGHTS_TO_PROPOSE = 40;

  @TempDir static Path root;
  private TestnetDriver net;
  private Genesis genesis;
  private int joiner;
  private Address key;
  private String operator;
  private long bondHeight;
  private final List<Integer> all = new ArrayList<>();

  @BeforeAll
  void init() throws Exception {
    net = new TestnetDriver(root, GENESIS_NODES);
    net.init(BLOCK_INTERVAL_MILLIS);
    genesis = GenesisFile.read(net.dir.resolve("genesis.json"));
    net.startAll();
    joiner = net.addNode();
    key = DevChain.loadOrCreateValidatorKey(net.nodeDir(joiner).resolve("validator.key"))
        .address();
    for (int i = 1; i <= joiner; i++) all.add(i);
  }

  @AfterAll
  void stopAll() throws Exception {
    if (net != null) net.stopAll("validator-join-it-logs");
  }

  @Test
  @Order(1)
  void anAddedNodeWithItsOwnValidatorKeyFollowsTheChainOutsideTheSet() throws Exception {
    assertEquals(GENESIS_NODES + 1, joiner);
    assertFalse(genesis.isValidator(key), "the added node's key is not a genesis validator");
    net.awaitHeight(List.of(1, 2, 3, 4), 3);
    net.start(joiner);
    net.awaitCatchUp(joiner, List.of(1, 2, 3, 4));
    for (int n : all) {
      assertFalse(members(net.get(n), null).contains(key.toString()), "node " + n);
    }
  }

  @Test
  @Order(2)
  void itsOperatorBondsAndEveryNodeHasItInTheSetFromTwoHeightsOn() throws Exception {
    CliProcess.Run imported = net.cli("testnet", "key", "--dir", net.dir.toString(), "--node",
        Integer.toString(joiner), "--json");
    assertEquals(0, imported.exitCode(), imported.toString());
    JsonNode keyJson = JsonTree.parse(imported.stdout());
    operator = keyJson.path("name").asText();
    assertEquals(key.toString(), keyJson.path("address").asText());
    assertTrue(keyJson.path("imported").asBoolean(), imported.stdout());
    CliProcess.Run again = net.cli("testnet", "key", "--dir", net.dir.toString(), "--node",
        Integer.toString(joiner), "--json");
    assertFalse(JsonTree.parse(again.stdout()).path("imported").asBoolean(), again.toString());

    CliProcess.Run funded = net.cliVia(joiner, "send", "--from", DevChain.DEV_KEY_NAME, "--to",
        operator, "--amount", Long.toString(FUNDS_DDC));
    assertEquals(0, funded.exitCode(), funded.toString());
    CliProcess.Run created = net.cliVia(joiner, "stake", "validator", "create", "--from",
        operator, "--moniker", "joiner", "--consensus-key", operator, "--commission", "5%",
        "--self-bond", SELF_BOND_DDC + "DDC", "--json");
    assertEquals(0, created.exitCode(), created.toString());
    bondHeight = JsonTree.parse(created.stdout()).path("height").asLong();
    assertTrue(bondHeight > 0, created.stdout());
    System.out.println("[validator-join-it] bonded in block " + bondHeight);

    net.awaitHeight(all, bondHeight);
    long power = SELF_BOND_DDC;
    for (int n : all) {
      BcosClient node = net.get(n);
      assertFalse(members(node, bondHeight + 1).contains(key.toString()), "node " + n);
      JsonNode set = node.call("bcos_validators", bondHeight + 2);
      assertTrue(members(node, bondHeight + 2).contains(key.toString()), "node " + n + ": " + set);
      assertEquals(GENESIS_NODES * SELF_BOND_DDC + power, set.path("totalPower").asLong());
      JsonNode v = node.call("stake_getValidator", key.toString());
      assertEquals("active", v.path("status").asText(), "node " + n + ": " + v);
      assertEquals(Long.toString(SELF_BOND_DDC * Amount.UNITS_PER_DDC),
          v.path("tokensUnits").asText(), "node " + n);
    }
  }

  @Test
  @Order(3)
  void itSignsAndProposesBlocksOnOneChainWithTheSupplyWhole() throws Exception {
    long first = bondHeight + 2;
    long limit = first + MAX_HEIGHTS_TO_PROPOSE;
    long[] signedAt = {0};
    long[] proposedAt = {0};
    long[] scanned = {first};
    Await.until("the joiner's validator signs and proposes by height " + limit,
        TestnetDriver.WAIT, () -> {
          long head = net.tryHeight(1).orElse(0L);
          for (long h = scanned[0]; h <= Math.min(head, limit); h++, scanned[0] = h) {
            JsonNode block = net.get(1).block(Long.toString(h), false);
            if (proposedAt[0] == 0 && block.path("proposer").asText().equals(key.toString())) {
              proposedAt[0] = h;
            }
            // block h carries the certificate of h - 1: its signers count from first + 1 on
            if (signedAt[0] == 0 && h > first && signers(block).contains(key.toString())) {
              signedAt[0] = h - 1;
            }
          }
          if (signedAt[0] != 0 && proposedAt[0] != 0) return true;
          if (scanned[0] > limit) throw new AssertionError("by height " + limit + ": signed at "
              + signedAt[0] + ", proposed at " + proposedAt[0] + " (0 = never)");
          return false;
        });
    System.out.println("[validator-join-it] in the set from " + first + ": first signed block "
        + signedAt[0] + ", first proposed block " + proposedAt[0]);
    long end = Math.max(signedAt[0], proposedAt[0]) + 1;
    net.awaitHeight(all, end);
    assertCertificatesFrom(first, end);
    net.assertSameChain(all);
    for (int n : all) assertSupplyWhole(n);
  }

  @Test
  @Order(4)
  void unbondedFullyItLeavesTheSetTwoHeightsLaterAndTheOthersGoOn() throws Exception {
    CliProcess.Run unbond = net.cliVia(joiner, "stake", "unbond", operator,
        Long.toString(SELF_BOND_DDC), "--from", operator, "--json");
    assertEquals(0, unbond.exitCode(), unbond.toString());
    long u = JsonTree.parse(unbond.stdout()).path("height").asLong();
    net.awaitHeight(all, u);
    for (int n : all) {
      assertTrue(members(net.get(n), u + 1).contains(key.toString()), "node " + n);
      assertFalse(members(net.get(n), u + 2).contains(key.toString()), "node " + n);
      assertEquals(GENESIS_NODES * SELF_BOND_DDC,
          net.get(n).call("bcos_validators", u + 2).path("totalPower").asLong());
    }
    JsonNode account = net.get(1).call("stake_getAccount", key.toString());
    assertEquals(Long.toString(SELF_BOND_DDC * Amount.UNITS_PER_DDC),
        account.path("unbondingTotalUnits").asText(), account.toString());
    net.awaitHeight(all, u + 8);
    for (long h = u + 3; h <= u + 8; h++) {
      JsonNode block = net.get(2).block(Long.toString(h), false);
      assertFalse(block.path("proposer").asText().equals(key.toString()), "block " + h);
      assertFalse(signers(block).contains(key.toString()), "block " + h);
    }
    net.assertSameChain(all);
    for (int n : all) assertSupplyWhole(n);
  }

  /** The addresses of the set governing {@code height} (null: the next one) on one node. */
  private static List<String> members(BcosClient node, Long height) {
    JsonNode set = height == null ? node.call("bcos_validators")
        : node.call("bcos_validators", height);
    return StreamSupport.stream(set.path("validators").spliterator(), false)
        .map(v -> v.path("address").asText()).toList();
  }

  private static List<String> signers(JsonNode block) {
    return StreamSupport.stream(block.path("lastCommitSigners").spliterator(), false)
        .map(JsonNode::asText).toList();
  }

  /**
   * Every block from {@code first} to {@code end} has a certificate of the five (carried by the
   * next block) and the joiner is in at least 30 % of them (a decision needs only four of five
   * precommits; late ones are added: docs/GOVERNANCE.md "Downtime slashing"); prints the figures.
   */
  private void assertCertificatesFrom(long first, long end) {
    TreeMap<Integer, Integer> sizes = new TreeMap<>();
    int signed = 0;
    for (long h = first + 1; h <= end; h++) {
      List<String> carried = signers(net.get(1).block(Long.toString(h), false));
      sizes.merge(carried.size(), 1, Integer::sum);
      if (carried.contains(key.toString())) signed++;
    }
    long blocks = end - first;
    System.out.println("[validator-join-it] certificates of blocks " + first + ".." + (end - 1)
        + " by size " + sizes + "; the joiner in " + signed + " of " + blocks);
    assertTrue(signed * 10 >= blocks * 3, "the joiner in " + signed + " of " + blocks);
  }

  private void assertSupplyWhole(int node) {
    JsonNode supply = net.get(node).call("bcos_supply");
    assertTrue(supply.path("whole").asBoolean(), "node " + node + ": " + supply);
    assertEquals(Long.toString(Amount.TOTAL_SUPPLY_UNITS), supply.path("totalUnits").asText());
  }
}
