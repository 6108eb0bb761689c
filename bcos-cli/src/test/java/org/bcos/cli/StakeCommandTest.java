package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeEditValidator;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The {@code bcos stake} commands' parsing and the checks they make before any key or node is
 * used: every command answers --help, options become the message, and bad input is a named
 * error.
 */
class StakeCommandTest {
  private static final Address KEY = Ed25519KeyPair.fromSeed(new byte[32]).address();

  @Test
  void everyStakeCommandAnswersHelp() {
    String[][] commands = {{"stake"}, {"stake", "validator"}, {"stake", "validator", "create"},
        {"stake", "validator", "edit"}, {"stake", "validator", "unjail"},
        {"stake", "validator", "show"}, {"stake", "bond"}, {"stake", "unbond"},
        {"stake", "redelegate"}, {"stake", "withdraw"}, {"stake", "validators"},
        {"stake", "bonds"}, {"stake", "rewards"}, {"stake", "pools"}, {"supply"}};
    for (String[] command : commands) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      String out = NotaryCommandTest.captured(() -> assertEquals(0, BcosCli.run(args)));
      assertTrue(out.contains("Usage: bcos " + String.join(" ", command)), out);
    }
  }

  @Test
  void createOptionsBecomeTheMessage() {
    StakeCommand.Create create = new StakeCommand.Create();
    new CommandLine(create).parseArgs("--from", "op", "--moniker", "alice", "--consensus-key",
        KEY.toString(), "--commission", "5%", "--max-commission", "20%", "--max-change",
        "100bp", "--self-bond", "1000DDC", "--sign-only", "--chain-id", "bcos-dev", "--nonce",
        "0", "--fee", "0.0001", "--expiry-height", "100");
    assertEquals(new StakeCreateValidator(KEY, 500, 2_000, 100, 1000 * Amount.UNITS_PER_DDC,
        "alice"), create.message(), "offline: no node asked for the balance pre-check");
  }

  @Test
  void createRefusesACommissionAboveItsCeilingByName() {
    StakeCommand.Create create = new StakeCommand.Create();
    new CommandLine(create).parseArgs("--from", "op", "--moniker", "a", "--consensus-key",
        KEY.toString(), "--commission", "30%", "--max-commission", "20%", "--self-bond", "1");
    CliException e = assertThrows(CliException.class, create::message);
    assertEquals("COMMISSION_INVALID", e.reason());
    assertTrue(e.getMessage().contains("--max-commission"), e.getMessage());
    StakeCommand.Create badKey = new StakeCommand.Create();
    new CommandLine(badKey).parseArgs("--from", "op", "--moniker", "a", "--consensus-key",
        "node.key", "--commission", "5%", "--self-bond", "1");
    assertEquals("INVALID_ADDRESS", assertThrows(CliException.class, badKey::message).reason());
  }

  @Test
  void editNeedsSomethingToChangeAndKeepsTheRateByDefault() {
    StakeCommand.Edit nothing = new StakeCommand.Edit();
    new CommandLine(nothing).parseArgs("--from", "op");
    assertEquals("INVALID_ARGUMENT", assertThrows(CliException.class, nothing::message)
        .reason());
    StakeCommand.Edit rename = new StakeCommand.Edit();
    new CommandLine(rename).parseArgs("--from", "op", "--moniker", "bob");
    assertEquals(new StakeEditValidator("bob", StakeEditValidator.KEEP_RATE), rename.message());
  }

  @Test
  void amountsAndValidatorsAreCheckedBeforeAnyNodeIsAsked() {
    StakeCommand.Bond zero = new StakeCommand.Bond();
    new CommandLine(zero).parseArgs(KEY.toString(), "0", "--from", "x");
    assertEquals("INVALID_AMOUNT", assertThrows(CliException.class, zero::message).reason());
    StakeCommand.Redelegate self = new StakeCommand.Redelegate();
    new CommandLine(self).parseArgs(KEY.toString(), KEY.toString(), "1", "--from", "x");
    assertEquals("REDELEGATION_TO_SELF", assertThrows(CliException.class, self::message)
        .reason());
    StakeCommand.Unbond typo = new StakeCommand.Unbond();
    new CommandLine(typo).parseArgs("dd1notanaddress", "1", "--from", "x");
    assertEquals("INVALID_ADDRESS", assertThrows(CliException.class, typo::message).reason());
  }
}
