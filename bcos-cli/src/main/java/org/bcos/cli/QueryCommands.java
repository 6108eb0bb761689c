package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bcos.ledger.coin.api.Account;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Read-only commands: balance, tx, block, status. */
final class QueryCommands {
  private QueryCommands() {}

  static void print(CommonOptions common, JsonNode node) {
    Output.print(common, node);
  }

  @Command(name = "balance", description = "Show an account's balance (optionally proven)")
  static final class Balance implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME|ADDRESS") String who;
    @Option(names = "--verify", description = "fetch a Merkle proof and check it against the "
        + "state root") boolean verify;

    @Override
    public Integer call() {
      Address address = Keys.resolve(who);
      ObjectNode account = (ObjectNode) common.client().account(address, verify);
      if (verify) {
        boolean ok = verifyProof(address, account);
        account.put("proofVerified", ok);
        account.remove("proof");
        account.remove("accountEncoding");
        if (!ok) {
          print(common, account);
          throw new CliException("PROOF_INVALID", "the node's proof does not match its state root");
        }
      }
      print(common, account);
      return 0;
    }

    static boolean verifyProof(Address address, JsonNode account) {
      Hash root = Hash.fromHex(account.path("stateRoot").asText());
      byte[] proof = Hex.decode(account.path("proof").asText());
      Optional<byte[]> encoding = account.path("exists").asBoolean()
          ? Optional.of(Hex.decode(account.path("accountEncoding").asText())) : Optional.empty();
      return encoding.map(e -> matches(Account.decode(e), account)).orElse(true)
          && StateProofs.verify(root, Account.STATE_COLUMN, address.toBytes(), encoding, proof);
    }

    /** Whether the account fields shown agree with the proven encoding. */
    private static boolean matches(Account decoded, JsonNode account) {
      return Long.toString(decoded.balanceUnits()).equals(account.path("balanceUnits").asText())
          && decoded.nonce() == account.path("nonce").asLong();
    }
  }

  @Command(name = "tx", description = "Show a transaction (pending or final)")
  static final class Tx implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "HASH") String hash;

    @Override
    public Integer call() {
      JsonNode tx = common.client().transaction(txHash(hash));
      if (common.json) print(common, tx); else BlockText.printTransaction(System.out, tx);
      return 0;
    }
  }

  /** A transaction hash typed by the user, checked: INVALID_HASH says what is wrong. */
  static Hash txHash(String hex) {
    try {
      return Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new CliException("INVALID_HASH", "not a transaction hash: " + e.getMessage());
    }
  }

  @Command(name = "block", description = "Show a block: latest (default), a height or a hash")
  static final class Block implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "latest|HEIGHT|HASH", defaultValue = "latest") String ref;
    @Option(names = "--full", description = "include full transactions") boolean full;

    @Override
    public Integer call() {
      checkBlockRef(ref);
      JsonNode block = common.client().block(ref, full);
      if (common.json) Output.json(System.out, block); else BlockText.print(System.out, block);
      return 0;
    }

    /** latest, a height (0, 1, …) or a 64-hex-digit hash; anything else is named here. */
    static void checkBlockRef(String ref) {
      if (ref.equals("latest") || ref.matches("[0-9]{1,18}") || ref.matches("[0-9a-fA-F]{64}")) {
        return;
      }
      String why = ref.matches("-[0-9]+") ? "heights start at 0"
          : ref.matches("[0-9]+") ? "that height is beyond any chain"
          : "give latest, a height (0, 1, …) or a block hash (64 hex digits)";
      throw new CliException("INVALID_BLOCK", "'" + ref + "' is not a block: " + why);
    }
  }

  @Command(name = "status", description = "Show the node's chain, height, mempool and"
      + " validator set (with each validator's share of the power)")
  static final class Status implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      JsonNode status = common.client().status();
      if (common.json) {
        Output.json(System.out, status);
      } else {
        StatusText.print(System.out, status, StatusText.monikers(common));
      }
      return 0;
    }
  }

  @Command(name = "supply", description = "Where the fixed supply of 50,000,000,000 DDC sits:"
      + " liquid, bonded, unbonding, pools, rewards")
  static final class Supply implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      JsonNode supply = common.client().call("bcos_supply");
      if (common.json) {
        Output.json(System.out, supply);
      } else {
        Table table = new Table("holding", "DDC");
        supply.path("holdings").forEach(h -> table.row(h.path("kind").asText(),
            h.path("amount").asText()));
        table.row("total", supply.path("total").asText());
        System.out.println("supply at height " + supply.path("height").asLong() + ":");
        table.print(System.out);
      }
      if (!supply.path("whole").asBoolean()) {
        throw new CliException("SUPPLY_NOT_WHOLE", "the holdings total "
            + supply.path("total").asText() + " DDC, not " + supply.path("supply").asText());
      }
      return 0;
    }
  }

  @Command(name = "params", description = "Show the chain parameters (state, changed only by "
      + "governance) governing a height, with their bounds and meaning")
  static final class Params implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--height", paramLabel = "H", description = "the height the values govern "
        + "(default: the next block; 0 = genesis)") Long height;

    @Override
    public Integer call() {
      JsonNode params = height == null ? common.client().call("bcos_params")
          : common.client().call("bcos_params", height);
      if (common.json) {
        Output.json(System.out, params);
        return 0;
      }
      System.out.println("chain parameters governing height " + params.path("height").asLong());
      Table table = new Table("name", "value", "bounds", "module", "meaning");
      for (JsonNode p : params.path("params")) {
        table.row(p.path("name").asText(), value(p, "value"),
            value(p, "min") + ".." + value(p, "max"), p.path("module").asText(),
            p.path("doc").asText());
      }
      table.print(System.out);
      return 0;
    }

    private static String value(JsonNode p, String field) {
      return text(p.path(field).asLong(), p.path("unit").asText());
    }

    /**
     * A parameter's value as people read it: a {@code BASE_UNITS} amount in DDC with its unit,
     * other numbers as they are ({@code unit} is a {@code bcos_params} unit name).
     */
    static String text(long value, String unit) {
      return unit.equals(org.bcos.ledger.ParamSpec.Unit.BASE_UNITS.name())
          ? org.bcos.types.Amount.format(value) + " DDC" : Long.toString(value);
    }

    /** Each parameter's unit by name, as {@code bcos_params} (the next block's) declares it. */
    static java.util.Map<String, String> units(org.bcos.client.BcosClient client) {
      java.util.Map<String, String> units = new java.util.TreeMap<>();
      for (JsonNode p : client.call("bcos_params").path("params")) {
        units.put(p.path("name").asText(), p.path("unit").asText());
      }
      return units;
    }
  }
}
