package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bcos stake} commands as a user runs them (each a separate CLI process) against a
 * real dev node at protocol version 3 whose blocks come only from {@code dev_mine}, so every
 * height is known: an operator creates a validator, a second account bonds to it, the validator
 * is in the set from h + 2, rewards accrue and a withdraw pays exactly what was pending, unbond
 * shows its completion height, redelegate moves stake, and bad inputs are refused by name with
 * the state unchanged.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class StakingCliIT {
  @TempDir Path root;
  private InProcessNode chain;
  private CliProcess cli;
  private Path passphrase;

  @BeforeEach
  void start() throws Exception {
    chain = InProcessNode.startMinedOnDemand(root);
    cli = new CliProcess(root, root);
    passphrase = Files.writeString(root.resolve("passphrase.txt"), "staking walkthrough\n",
        StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    if (chain != null) chain.close();
  }

  @Test
  void validatorLifecycleFromTheCli() throws Exception {
    Address operator = fundedKey("op", "5000");
    Address bonder = fundedKey("bonder", "2000");
    // the consensus key by its local key name, as `bcos testnet key` leaves it
    Address consensusKey = Address.parse(ok("key", "new", "--name", "alice-node",
        "--passphrase-file", passphrase.toString(), "--json").path("address").asText());
    refusedUnchanged(operator, "KEY_NOT_FOUND", "stake", "validator", "create", "--moniker",
        "alice", "--consensus-key", "alice-nod", "--commission", "5%", "--self-bond", "1000DDC",
        "--from", "op");
    refusedUnchanged(operator, "INVALID_ADDRESS", "stake", "validator", "create", "--moniker",
        "alice", "--consensus-key", root.resolve("validator.key").toString(), "--commission",
        "5%", "--self-bond", "1000DDC", "--from", "op");

    JsonNode created = mined("stake", "validator", "create", "--moniker", "alice",
        "--consensus-key", "alice-node", "--commission", "5%", "--max-commission",
        "20%", "--max-change", "1%", "--self-bond", "1000DDC", "--from", "op");
    assertEquals("final", created.path("status").asText(), created.toString());
    long h = created.path("height").asLong();
    assertFalse(inConsensusSet(consensusKey), "the set for h + 1 is the old one");

    JsonNode bonded = mined("stake", "bond", "alice", "500", "--from", "bonder");
    assertEquals(operator.toString(), bonded.path("validator").asText());
    assertEquals(h + 1, chain.height());
    assertTrue(inConsensusSet(consensusKey), "the set for h + 2 has the new validator");
    JsonNode view = chain.client().transaction(Hash.fromHex(bonded.path("hash").asText()));
    assertEquals("stake.bond", view.path("type").asText(), view.toString());
    assertEquals(operator.toString(), view.path("validator").asText());
    assertEquals("500", view.path("amount").asText());

    CliProcess.Run dry = bcos(withKey("stake", "bond", "alice", "1", "--from", "bonder",
        "--dry-run"));
    assertEquals(0, dry.exitCode(), dry.toString());
    assertEquals("admissible (dry run: not sent)", dry.json().path("status").asText());
    assertEquals(0, chain.client().status().path("mempoolTxs").asInt(), "a dry run sends nothing");

    JsonNode alice = validatorNamed("alice");
    assertEquals("active", alice.path("status").asText());
    assertEquals(2, alice.path("rank").asInt());
    assertEquals(1500, alice.path("votingPower").asLong());
    assertEquals("1500", alice.path("tokens").asText());
    assertEquals(500, alice.path("commission").path("rateBasisPoints").asInt());
    assertTrue(text("stake", "validators").contains("alice"));
    String shown = text("stake", "validator", "show", "alice");
    assertTrue(shown.contains("5% (max 20%, change at most 1% per edit)"), shown);
    assertTrue(shown.contains("active (rank 2)"), shown);
    JsonNode pools = ok("stake", "pools", "--json");
    assertEquals(Long.toString(1500 * Amount.UNITS_PER_DDC
        + org.bcos.ledger.Genesis.DEV_STAKE_UNITS), pools.path("bondedUnits").asText());

    mineBlocks(3);
    long pending = Long.parseLong(ok("stake", "rewards", "bonder", "--json")
        .path("totalUnits").asText());
    assertTrue(pending > 0, "rewards accrued");
    long before = chain.balance(bonder);
    JsonNode withdrawn = mined("stake", "withdraw", "alice", "--from", "bonder");
    // rewards of the withdraw's own block are shared after its transactions
    assertEquals(before - chain.minFee() + pending, chain.balance(bonder));
    assertEquals(Long.toString(pending), withdrawn.path("receivedUnits").asText());

    refusedUnchanged(bonder, "BOND_EXCEEDS_BALANCE", "stake", "bond", "alice", "999999",
        "--from", "bonder");
    refusedUnchanged(bonder, "UNBOND_EXCEEDS_BONDED", "stake", "unbond", "alice", "501",
        "--from", "bonder");
    refusedUnchanged(operator, "NOT_JAILED", "stake", "validator", "unjail", "--from", "op");

    JsonNode unbond = mined("stake", "unbond", "alice", "100", "--from", "bonder");
    long completion = unbond.path("height").asLong() + param("unbondingPeriodBlocks");
    assertEquals(completion, unbond.path("completionHeight").asLong());
    String bonds = text("stake", "bonds", "bonder");
    assertTrue(bonds.contains("unbonding 100 DDC from " + operator + " completes at height "
        + StakeText.height(completion)), bonds);

    Address devValidator = chain.validatorOperator();
    JsonNode moved = mined("stake", "redelegate", "alice", devValidator.toString(), "50",
        "--from", "bonder");
    assertEquals("final", moved.path("status").asText());
    JsonNode account = ok("stake", "bonds", "bonder", "--json");
    assertEquals("350", amountAt(account, operator));
    assertEquals("50", amountAt(account, devValidator));
    assertEquals(1, account.path("redelegations").size());
    assertEquals(1, account.path("unbonding").size());
    assertEquals(1, ok("supply", "--json").path("whole").asBoolean() ? 1 : 0);
  }

  @Test
  void theDevKeyOperatesTheDevChainsValidator() throws Exception {
    String dev = chain.dev.address().toString();
    JsonNode genesis = ok("stake", "validator", "show", "dev", "--json");
    assertEquals(dev, genesis.path("operator").asText(), genesis.toString());
    assertEquals(chain.validator().toString(), genesis.path("consensusKey").asText());
    assertEquals(org.bcos.ledger.Genesis.DEV_STAKE_UNITS,
        Amount.parse(genesis.path("tokens").asText()));
    // the local dev key (empty passphrase) acts as its operator
    JsonNode edited = mined(false, "stake", "validator", "edit", "--moniker", "devnet", "--from",
        "dev", "--json");
    assertEquals("final", edited.path("status").asText(), edited.toString());
    String shown = text("stake", "validator", "show", "devnet");
    assertTrue(shown.contains("0% (max 100%, change at most 1% per edit)"), shown);
    assertTrue(shown.contains(dev), shown);
    JsonNode own = ok("stake", "bonds", "dev", "--json");
    assertEquals("1000000", amountAt(own, chain.dev.address()), own.toString());
  }

  private static String amountAt(JsonNode account, Address validator) {
    for (JsonNode d : account.path("delegations")) {
      if (d.path("validator").asText().equals(validator.toString())) {
        return d.path("amount").asText();
      }
    }
    return "0";
  }

  /** A command that must fail with {@code reason} before anything is sent: nothing changes. */
  private void refusedUnchanged(Address who, String reason, String... args) throws Exception {
    long height = chain.height();
    long balance = chain.balance(who);
    JsonNode stakeBefore = chain.client().call("stake_getAccount", who.toString());
    CliProcess.Run run = bcos(withKey(args));
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().contains("error: " + reason + ":"), run.stderr());
    assertEquals(0, chain.client().status().path("mempoolTxs").asInt(), "nothing was sent");
    assertEquals(height, chain.height());
    assertEquals(balance, chain.balance(who));
    assertEquals(stakeBefore, chain.client().call("stake_getAccount", who.toString()));
  }

  /** A chain parameter's value now, as the node reports it (bcos_params). */
  private long param(String name) {
    for (JsonNode p : chain.client().call("bcos_params").path("params")) {
      if (p.path("name").asText().equals(name)) return p.path("value").asLong();
    }
    throw new AssertionError("no parameter " + name);
  }

  private boolean inConsensusSet(Address consensusKey) {
    for (JsonNode v : chain.client().status().path("validators")) {
      if (v.path("address").asText().equals(consensusKey.toString())) return true;
    }
    return false;
  }

  private JsonNode validatorNamed(String moniker) throws Exception {
    for (JsonNode v : ok("stake", "validators", "--json").path("validators")) {
      if (v.path("moniker").asText().equals(moniker)) return v;
    }
    throw new AssertionError("no validator " + moniker);
  }

  private Address fundedKey(String name, String ddc) throws Exception {
    Address a = Address.parse(ok("key", "new", "--name", name, "--passphrase-file",
        passphrase.toString(), "--json").path("address").asText());
    chain.commitFromDev(new CoinTransfer(a, Amount.parse(ddc), ""));
    return a;
  }

  private void mineBlocks(int n) {
    chain.client().call("dev_mine", n);
  }

  /**
   * Runs a transaction command that waits for finality, mining the block once its transaction
   * is in the mempool.
   */
  private JsonNode mined(String... args) throws Exception {
    return mined(true, args);
  }

  /** As {@link #mined(String...)}; {@code passphrase}: the test keys' file and --json added. */
  private JsonNode mined(boolean passphrase, String... args) throws Exception {
    CompletableFuture<CliProcess.Run> run = CompletableFuture.supplyAsync(() -> {
      try {
        return bcos(passphrase ? withKey(args) : args);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Await.until("the transaction in the mempool", Duration.ofSeconds(60), () -> run.isDone()
        || chain.client().status().path("mempoolTxs").asInt() > 0);
    if (!run.isDone()) mineBlocks(1);
    CliProcess.Run done = run.get(120, TimeUnit.SECONDS);
    assertEquals(0, done.exitCode(), done.toString());
    return done.json();
  }

  private String[] withKey(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--passphrase-file", passphrase.toString(), "--json"));
    return all.toArray(String[]::new);
  }

  private CliProcess.Run bcos(String... args) throws Exception {
    return cli.run(CliProcess.withRpc(chain.url(), args));
  }

  private JsonNode ok(String... args) throws Exception {
    return cli.succeeds(chain.url(), args).json();
  }

  private String text(String... args) throws Exception {
    return cli.succeeds(chain.url(), args).stdout();
  }
}
