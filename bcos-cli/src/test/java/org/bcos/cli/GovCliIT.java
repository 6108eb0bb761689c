package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.client.Transactions;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.types.Amount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bcos gov} commands as a user runs them (each a separate CLI process) against a real
 * dev node, which starts at the newest protocol version and so has gov: the dev account bonds,
 * proposes, votes with its stake and sees the provisional tally; bad input is refused by name.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GovCliIT {
  @TempDir Path root;
  private InProcessNode chain;
  private CliProcess cli;

  @BeforeEach
  void start() throws Exception {
    chain = InProcessNode.start(root);
    cli = new CliProcess(root, root);
  }

  @AfterEach
  void stop() {
    if (chain != null) chain.close();
  }

  private CliProcess.Run bcos(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--rpc", chain.url()));
    return cli.run(all.toArray(String[]::new));
  }

  private CliProcess.Run ok(String... args) throws Exception {
    CliProcess.Run run = bcos(args);
    assertEquals(0, run.exitCode(), run.toString());
    return run;
  }

  private void refused(String reason, String... args) throws Exception {
    CliProcess.Run run = bcos(args);
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().contains("error: " + reason + ":"), run.stderr());
  }

  @Test
  void proposeVoteAndReadTheTally() throws Exception {
    long bond = 100 * Amount.UNITS_PER_DDC;
    chain.awaitFinal(chain.client().send(Transactions.build(chain.chainId(), chain.dev,
        chain.pendingNonce(chain.dev.address()), chain.minFee(), chain.height() + 1000,
        new StakeBond(chain.validatorOperator(), bond))));

    JsonNode proposed = ok("gov", "propose", "text", "--title", "Hello chain", "--deposit",
        "1000", "--from", "dev", "--json").json();
    assertEquals("text", proposed.path("kind").asText(), proposed.toString());
    JsonNode list = ok("gov", "proposals", "--json").json();
    assertEquals("VOTING_PERIOD", list.path("proposals").get(0).path("status").asText());

    ok("gov", "vote", "--proposal", "1", "--choice", "yes", "--from", "dev");
    // dev operates the genesis validator: its yes carries its self-bond and the added bond
    JsonNode shown = ok("gov", "show", "1", "--json").json();
    long bonded = Genesis.DEV_STAKE_UNITS + bond;
    assertEquals(bonded, shown.path("tally").path("yes").asLong(), shown.toString());
    assertEquals(bonded, shown.path("tally").path("electorateWeight").asLong());
    String human = ok("gov", "show", "1").stdout();
    assertTrue(human.contains("status: VOTING_PERIOD"), human);
    assertTrue(human.contains("provisional count: yes 1000100, no 0"), human);
    assertTrue(human.contains("vote yes by " + chain.dev.address()), human);
    assertTrue(human.contains("deposit 1000 DDC from " + chain.dev.address()), human);
    String table = ok("gov", "proposals").stdout();
    assertTrue(table.contains("VOTING_PERIOD") && table.contains("Hello chain"), table);

    // an amount parameter reads in DDC; --json keeps the exact units
    ok("gov", "propose", "param", "--title", "Fees", "--set", "minFeeUnits=20000", "--set",
        "maxValidators=50", "--deposit", "1000", "--from", "dev");
    String param = ok("gov", "show", "2").stdout();
    assertTrue(param.contains("kind: parameter change: minFeeUnits = 0.0002 DDC, "
        + "maxValidators = 50"), param);
    JsonNode change = ok("gov", "show", "2", "--json").json().path("content").path("changes");
    assertEquals(20000, change.get(0).path("value").asLong(), change.toString());

    refused("PROPOSAL_NOT_IN_DEPOSIT_PERIOD", "gov", "deposit", "--proposal", "1", "--amount",
        "1", "--from", "dev");
    refused("UNKNOWN_PARAM", "gov", "propose", "param", "--title", "x", "--set", "noSuch=1",
        "--deposit", "1000", "--from", "dev");
    refused("NOT_FOUND", "gov", "show", "9");
  }
}
