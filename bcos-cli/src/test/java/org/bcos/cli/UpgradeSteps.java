package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.node.Node;
import org.bcos.node.release.UpgradeRequiredFile;
import org.bcos.types.Hash;

/**
 * The checks an upgrade on a real testnet shares, whatever scheduled it (a genesis plan in
 * {@code UpgradeNetworkIT}, a gov vote in {@code GovUpgradeNetworkIT}): the node on old software
 * stops before the height with the whole line and exit status 3, and a node wiped after the
 * height syncs across it to the same chain.
 */
final class UpgradeSteps {
  private UpgradeSteps() {}

  /** What the upgrade is: activation height, version and its plan's name and release. */
  record Plan(long height, int version, String name, Hash release) {}

  /**
   * {@code stopped} (a {@code bcos node} run with {@code --max-protocol-version maxVersion} on
   * node {@code node}) exited 3 after printing the line, logged that it stopped at the height
   * before, printed no stack trace, and left the stop file a supervisor reads.
   */
  static void assertStoppedBeforeTheHeight(TestnetDriver nodes, int node, CliProcess.Run stopped,
      Plan plan, int maxVersion) throws Exception {
    assertEquals(Node.EXIT_UPGRADE_REQUIRED, stopped.exitCode(), stopped.stderr());
    assertTrue(stopped.stderr().contains("UPGRADE REQUIRED at height " + plan.height()
        + ": protocol version " + plan.version() + " (\"" + plan.name() + "\") is not in this"
        + " software (it runs versions 1.." + maxVersion + "); release sha256 "
        + plan.release().toHex() + "; stopped before block " + plan.height() + " with nothing"
        + " committed under the old rules: install the release with that sha256 (it ships"
        + " version " + plan.version() + ") and start the node again on the same data"
        + " directory"), stopped.stderr());
    assertTrue(stopped.stderr().contains("exit status 3"), stopped.stderr());
    // it committed every block below the height, then closed (its store last) before exiting
    assertTrue(stopped.stdout().contains("stopped for the upgrade at height "
        + (plan.height() - 1)), stopped.stdout());
    assertFalse(stopped.stderr().contains("\tat "), "no stack trace:\n" + stopped.stderr());
    // what a supervisor reads: the plan, without opening the store
    assertEquals(Optional.of(new UpgradeRequiredFile.Stop(plan.height(), plan.version(),
        Optional.of(plan.name()), Optional.of(plan.release()))),
        UpgradeRequiredFile.read(nodes.nodeDir(node).resolve(TestnetCommand.DATA_DIR)));
  }

  /** Node {@code node}, restarted without the cap, catches up and has no stop file any more. */
  static void assertRejoinsWithoutTheCap(TestnetDriver nodes, int node, List<Integer> others)
      throws Exception {
    nodes.start(node);
    nodes.awaitCatchUp(node, others);
    assertEquals(Optional.empty(),
        UpgradeRequiredFile.read(nodes.nodeDir(node).resolve(TestnetCommand.DATA_DIR)),
        "running again");
  }

  /**
   * Node {@code node} stopped, wiped ({@code testnet reset}) and started again syncs from genesis
   * across the height (old rules below, new above) to the same block hashes and state root as
   * {@code others}.
   */
  static void assertWipedNodeSyncsAcrossTheHeight(TestnetDriver nodes, int node,
      List<Integer> others) throws Exception {
    String dir = nodes.dir.toString();
    assertEquals(0, nodes.cli("testnet", "stop", "--dir", dir, "--node",
        Integer.toString(node)).exitCode());
    CliProcess.Run reset = nodes.cli("testnet", "reset", "--dir", dir, "--node",
        Integer.toString(node));
    assertEquals(0, reset.exitCode(), reset.stderr());
    long target = nodes.maxHeight(others) + 2;
    nodes.start(node);
    List<Integer> all = new ArrayList<>(others);
    all.add(node);
    nodes.awaitHeight(all, target);
    nodes.assertSameChain(all);
    String wiped = nodes.get(node).block(Long.toString(target), false).path("stateRoot")
        .asText();
    assertEquals(nodes.get(others.getFirst()).block(Long.toString(target), false)
        .path("stateRoot").asText(), wiped);
  }
}
