package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Modules;
import org.bcos.types.Amount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bcos node --dev} as a user starts it: ten funded dev keys at first start, printed as a
 * table, derived from the dev words; a restart changes nothing; bad counts are refused.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DevAccountsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  @Test
  void firstStartFundsTenDevKeysFromTheDevWordsAndARestartChangesNothing() throws Exception {
    Path home = root.resolve("home");
    Path data = root.resolve("data");
    CliProcess cli = new CliProcess(home, root);
    CrashIT.NodeProcess node = CrashIT.NodeProcess.start(home, data, root.resolve("node.log"),
        true);
    String genesisHash;
    try {
      String banner = banner(node);
      assertTrue(banner.contains("dev accounts"), banner);
      assertTrue(banner.contains("dev9 "), banner);
      assertFalse(banner.contains("dev10"), banner);

      JsonNode keys = ok(cli, "key", "list", "--json");
      assertEquals(10, keys.size(), keys.toString());
      for (JsonNode k : keys) assertTrue(k.path("devKey").asBoolean(), k.toString());
      JsonNode dev5 = ok(cli, "balance", "dev5", "--json", "--rpc", node.url());
      assertEquals(Long.toString(10_000 * Amount.UNITS_PER_DDC), dev5.path("balanceUnits").asText());
      assertTrue(banner.contains(dev5.path("address").asText() + "  10000"), banner);
      long devUnits = Long.parseLong(ok(cli, "balance", "dev", "--json", "--rpc", node.url())
          .path("balanceUnits").asText());
      // the reward pool of a new dev chain comes out of dev's share
      assertEquals(Amount.TOTAL_SUPPLY_UNITS - Genesis.DEV_STAKE_UNITS
          - 9 * 10_000 * Amount.UNITS_PER_DDC - Genesis.DEV_REWARD_POOL_UNITS, devUnits);
      assertTrue(banner.contains("protocol:   version " + Modules.VERSIONS.latest().version()
          + " at genesis, staking reward pool "
          + Amount.format(Genesis.DEV_REWARD_POOL_UNITS) + " DDC"), banner);

      // the dev key keeps its words; account 3 of them is dev3
      String words = JSON.readTree(home.resolve("keys/dev.key").toFile()).path("mnemonic")
          .asText();
      Path wordsFile = Files.writeString(root.resolve("words.txt"), words);
      Path pass = Files.writeString(root.resolve("pass.txt"), "correct horse");
      JsonNode imported = ok(cli, "key", "import", "--name", "copy3", "--account", "3",
          "--mnemonic-file", wordsFile.toString(), "--passphrase-file", pass.toString(),
          "--json");
      assertEquals(ok(cli, "key", "show", "dev3", "--json").path("address"),
          imported.path("address"));
      genesisHash = new BcosClient(node.url()).call("bcos_chainId").path("genesisHash").asText();
    } finally {
      node.kill();
    }

    CrashIT.NodeProcess again = CrashIT.NodeProcess.start(home, data, root.resolve("node.log"),
        true, List.of("--dev-accounts", "2"));
    try {
      assertEquals(genesisHash,
          new BcosClient(again.url()).call("bcos_chainId").path("genesisHash").asText());
      String banner = banner(again);
      assertTrue(banner.contains("keeps its genesis"), banner);
      assertEquals(11, ok(cli, "key", "list", "--json").size(), "no key made or removed");
    } finally {
      again.kill();
    }
  }

  @Test
  void anAccountCountOutOfRangeIsRefusedAndWritesNothing() throws Exception {
    CliProcess cli = new CliProcess(root.resolve("home"), root);
    Path data = root.resolve("data");
    CliProcess.Run run = cli.run("node", "--dev", "--data", data.toString(), "--rpc-port", "19801",
        "--dev-accounts", "101");
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().startsWith("error: INVALID_ARGUMENT: --dev-accounts must be 0..100"),
        run.stderr());
    assertFalse(Files.exists(data), "nothing written");
    CliProcess.Run tooRich = cli.run("node", "--dev", "--data", data.toString(), "--rpc-port",
        "19801", "--dev-balance", "6000000000");
    assertEquals(1, tooRich.exitCode(), tooRich.toString());
    assertTrue(tooRich.stderr().startsWith("error: INVALID_ARGUMENT: --dev-balance"),
        tooRich.stderr());
    assertFalse(Files.exists(data), "nothing written");
  }

  /** The start-up lines, once the node has printed them all (they follow /health by a moment). */
  private static String banner(CrashIT.NodeProcess node) throws InterruptedException {
    Await.until("the start-up banner", Duration.ofSeconds(30), () -> {
      try {
        return node.logTail().contains("DEVELOPMENT ONLY");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      return node.logTail();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode ok(CliProcess cli, String... args) throws Exception {
    CliProcess.Run run = cli.run(args);
    assertEquals(0, run.exitCode(), run.toString());
    return run.json();
  }
}
