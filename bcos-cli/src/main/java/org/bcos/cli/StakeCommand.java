package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeEditValidator;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeUnjail;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bcos stake …}: run a validator, bond DDC to validators, unbond, redelegate and withdraw
 * rewards (each a signed transaction with the shared {@link TxOptions}), and read validators,
 * bonds, rewards and pools (docs/GOVERNANCE.md "Staking from the CLI and RPC"). A validator is
 * named by its operator's address, its moniker or a local key name.
 */
@Command(name = "stake", description = "Stake DDC: validators, bonds, rewards (protocol version 3)",
    subcommands = {StakeCommand.Validator.class, StakeCommand.Bond.class,
        StakeCommand.Unbond.class, StakeCommand.Redelegate.class, StakeCommand.Withdraw.class,
        StakeQueryCommands.Validators.class, StakeQueryCommands.Bonds.class,
        StakeQueryCommands.Rewards.class, StakeQueryCommands.Pools.class})
final class StakeCommand {
  private StakeCommand() {}

  /** {@code bcos stake validator create|edit|unjail|show}. */
  @Command(name = "validator", description = "Create, edit, unjail or show a validator",
      subcommands = {Create.class, Edit.class, Unjail.class, StakeQueryCommands.Show.class})
  static final class Validator {}

  @Command(name = "create", description = "Register the --from account as a validator operator,"
      + " signing blocks with --consensus-key, and bond --self-bond to it")
  static final class Create extends TxCommand {
    @Option(names = "--moniker", required = true, description = "its name for people (1..64"
        + " bytes, no control characters)") String moniker;
    @Option(names = "--consensus-key", required = true, paramLabel = "KEY", description =
        "the Ed25519 key the validator's node signs with (its validator.key): its dd1… address"
        + " (bcos node --new-validator-key FILE prints it) or a local key name holding it (bcos"
        + " testnet key)") String key;
    @Option(names = "--commission", required = true, paramLabel = "RATE", description =
        "share of its rewards the validator keeps, e.g. 5% (or 500bp)") String commission;
    @Option(names = "--max-commission", defaultValue = "20%", paramLabel = "RATE", description =
        "ceiling the rate may never exceed (default: ${DEFAULT-VALUE}); fixed for life")
    String maxCommission;
    @Option(names = "--max-change", defaultValue = "1%", paramLabel = "RATE", description =
        "largest change of the rate in one edit (default: ${DEFAULT-VALUE}); fixed for life")
    String maxChange;
    @Option(names = "--self-bond", required = true, paramLabel = "DDC", description = "DDC the"
        + " operator bonds to it, e.g. 1000DDC (at least the chain's minSelfBondUnits)")
    String selfBond;

    private long selfBondUnits;

    @Override
    Message message() {
      Address consensusKey = StakeNode.consensusKey(key);
      int rate = StakeText.basisPoints(commission, "--commission");
      int max = StakeText.basisPoints(maxCommission, "--max-commission");
      int change = StakeText.basisPoints(maxChange, "--max-change");
      if (rate > max) {
        throw new CliException("COMMISSION_INVALID", "--commission " + commission + " is above"
            + " --max-commission " + maxCommission);
      }
      if (change > max) {
        throw new CliException("COMMISSION_INVALID", "--max-change " + maxChange + " is above"
            + " --max-commission " + maxCommission);
      }
      selfBondUnits = StakeText.amount(selfBond, "--self-bond");
      if (mayAskNode()) {
        StakeNode.requireBalance(common, Keys.resolve(tx.from), selfBondUnits, "--self-bond");
      }
      return new StakeCreateValidator(consensusKey, rate, max, change, selfBondUnits, moniker);
    }

    @Override
    void describe(ObjectNode out) {
      out.put("moniker", moniker).put("selfBond", Amount.format(selfBondUnits))
          .put("selfBondUnits", Long.toString(selfBondUnits));
      out.put("next", "from block height + 2 it is in the active set if its stake ranks among"
          + " the top maxValidators (bcos stake validators)");
    }
  }

  @Command(name = "edit", description = "Change the --from account's validator: moniker and/or"
      + " commission rate (within its ceiling and largest change, at most once per"
      + " commissionChangeIntervalBlocks)")
  static final class Edit extends TxCommand {
    @Option(names = "--moniker", description = "new name (default: keep)") String moniker;
    @Option(names = "--commission", paramLabel = "RATE", description = "new rate, e.g. 6%"
        + " (default: keep)") String commission;

    @Override
    Message message() {
      if (moniker == null && commission == null) {
        throw new CliException("INVALID_ARGUMENT", "give --moniker, --commission or both");
      }
      int rate = commission == null ? StakeEditValidator.KEEP_RATE
          : StakeText.basisPoints(commission, "--commission");
      String name = moniker;
      if (name == null) {
        // the message carries the moniker: keeping it means reading it from the node
        if (!mayAskNode()) {
          throw new CliException("INVALID_ARGUMENT", "signing offline: give --moniker (the"
              + " current one to keep it)");
        }
        name = StakeNode.validator(common, Keys.resolve(tx.from).toString()).path("moniker")
            .asText();
      }
      return new StakeEditValidator(name, rate);
    }
  }

  @Command(name = "unjail", description = "Return the --from account's jailed validator to the"
      + " candidates once its jail period is over")
  static final class Unjail extends TxCommand {
    @Override
    Message message() {
      if (mayAskNode()) {
        JsonNode v = StakeNode.validator(common, Keys.resolve(tx.from).toString());
        if (!v.path("status").asText().equals("jailed")) {
          throw new CliException("NOT_JAILED", "validator '" + v.path("moniker").asText()
              + "' is " + v.path("status").asText() + ", not jailed: nothing to unjail");
        }
      }
      return new StakeUnjail();
    }
  }

  /** A transaction about one VALIDATOR and an AMOUNT of DDC (bond, unbond). */
  abstract static class ValidatorAmountCommand extends TxCommand {
    @Parameters(index = "0", paramLabel = "VALIDATOR", description = "operator address,"
        + " moniker or key name") String validator;
    @Parameters(index = "1", paramLabel = "AMOUNT", description = "DDC, e.g. 100 or 100DDC")
    String amount;

    Address operator;
    long units;

    /** Reads the amount, then the validator (which may ask the node for its moniker). */
    void resolve() {
      units = StakeText.amount(amount, "AMOUNT");
      operator = StakeNode.operator(common, validator);
    }

    @Override
    void describe(ObjectNode out) {
      StakeNode.describe(out, "validator", operator, units);
    }
  }

  @Command(name = "bond", description = "Bond DDC from the --from account to a validator")
  static final class Bond extends ValidatorAmountCommand {
    @Override
    Message message() {
      resolve();
      if (mayAskNode()) StakeNode.requireBalance(common, Keys.resolve(tx.from), units, "AMOUNT");
      return new StakeBond(operator, units);
    }
  }

  @Command(name = "unbond", description = "Unbond DDC from a validator: paid out after the"
      + " unbonding period (unbondingPeriodBlocks), slashable until then")
  static final class Unbond extends ValidatorAmountCommand {
    @Override
    Message message() {
      resolve();
      if (mayAskNode()) StakeNode.requireBonded(common, Keys.resolve(tx.from), operator, units);
      return new StakeUnbond(operator, units);
    }

    @Override
    void describe(ObjectNode out) {
      super.describe(out);
      StakeNode.describeCompletion(common, out, Keys.resolve(tx.from), operator, units);
    }
  }

  @Command(name = "redelegate", description = "Move bonded DDC from one validator to another at"
      + " once (no unbonding wait; still slashable at the source for the unbonding period)")
  static final class Redelegate extends TxCommand {
    @Parameters(index = "0", paramLabel = "FROM", description = "source validator") String from;
    @Parameters(index = "1", paramLabel = "TO", description = "destination validator") String to;
    @Parameters(index = "2", paramLabel = "AMOUNT", description = "DDC") String amount;

    private Address source;
    private Address destination;
    private long units;

    @Override
    Message message() {
      units = StakeText.amount(amount, "AMOUNT");
      source = StakeNode.operator(common, from);
      destination = StakeNode.operator(common, to);
      if (source.equals(destination)) {
        throw new CliException("REDELEGATION_TO_SELF", "FROM and TO are the same validator");
      }
      if (mayAskNode()) StakeNode.requireBonded(common, Keys.resolve(tx.from), source, units);
      return new StakeRedelegate(source, destination, units);
    }

    @Override
    void describe(ObjectNode out) {
      StakeNode.describe(out, "source", source, units);
      out.put("destination", destination.toString());
    }
  }

  @Command(name = "withdraw", description = "Withdraw the --from account's pending rewards from"
      + " a validator (and, for its operator, the commission)")
  static final class Withdraw extends TxCommand {
    @Parameters(index = "0", paramLabel = "VALIDATOR", description = "operator address,"
        + " moniker or key name") String validator;

    private Address operator;
    private long balanceBefore = -1;

    @Override
    Message message() {
      operator = StakeNode.operator(common, validator);
      if (mayAskNode()) balanceBefore = StakeNode.balance(common, Keys.resolve(tx.from));
      return new StakeWithdrawRewards(operator);
    }

    @Override
    void describe(ObjectNode out) {
      out.put("validator", operator.toString());
      if (balanceBefore < 0 || !"final".equals(out.path("status").asText())) return;
      long paid = StakeNode.balance(common, Keys.resolve(tx.from)) - balanceBefore
          + Long.parseLong(out.path("feeUnits").asText("0"));
      out.put("received", Amount.format(paid)).put("receivedUnits", Long.toString(paid));
    }
  }
}
