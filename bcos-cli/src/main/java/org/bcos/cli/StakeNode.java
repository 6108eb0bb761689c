package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bcos.client.RpcError;
import org.bcos.types.Address;
import org.bcos.types.Amount;

/**
 * What {@code bcos stake} commands ask the node: validators by address or moniker, balances and
 * bonds for the pre-checks that name a bad input before anything is signed (the node refuses it
 * by the same name anyway), and the chain's block time for "~21 days".
 */
final class StakeNode {
  /** Pages of validators read to find a moniker (200 each): 10,000 validators. */
  static final int MAX_MONIKER_PAGES = 50;
  /** Blocks back over which the block interval is measured. */
  static final int INTERVAL_SAMPLE_BLOCKS = 100;

  private StakeNode() {}

  /** A dd1… address, or a named error for {@code option}. */
  static Address address(String text, String option) {
    try {
      return Address.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw new CliException("INVALID_ADDRESS", option + ": not a dd1… address: " + text);
    }
  }

  /**
   * The validator's consensus key: a dd1… address or the name of a local key holding it (as
   * {@code bcos testnet key} puts a node's validator key). Never a key file: the CLI does not read
   * a node's secret key, so a path is refused with where to find the address.
   */
  static Address consensusKey(String text) {
    String given = text.strip();
    if (given.contains("/") || given.contains("\\") || given.endsWith(".key")) {
      throw new CliException("INVALID_ADDRESS", "--consensus-key: '" + given + "' is a file;"
          + " give the dd1… address of the key (printed by bcos node --new-validator-key and"
          + " bcos testnet add-node) or a local key name: the CLI never reads a node's secret"
          + " key");
    }
    try {
      return Keys.resolve(given);
    } catch (CliException e) {
      throw e.of("--consensus-key");
    }
  }

  /** One validator's answer ({@code stake_getValidator}); NO_SUCH_VALIDATOR when none. */
  static JsonNode validator(CommonOptions common, String operator) {
    try {
      return common.client().call("stake_getValidator", operator);
    } catch (RpcError e) {
      if (!e.reason().equals("NOT_FOUND")) throw e;
      throw new CliException("NO_SUCH_VALIDATOR", "no validator is operated by " + operator);
    }
  }

  /**
   * The operator address of the validator {@code nameOrAddress} names: an address; else a
   * validator's moniker (exact, case-sensitive; two with it is AMBIGUOUS_MONIKER); else a local
   * key name.
   */
  static Address operator(CommonOptions common, String nameOrAddress) {
    if (nameOrAddress.toLowerCase(Locale.ROOT).startsWith(Address.PREFIX + "1")) {
      return address(nameOrAddress, "VALIDATOR");
    }
    List<String> matches = new ArrayList<>();
    for (JsonNode v : allValidators(common)) {
      if (v.path("moniker").asText().equals(nameOrAddress)) {
        matches.add(v.path("operator").asText());
      }
    }
    if (matches.size() > 1) {
      throw new CliException("AMBIGUOUS_MONIKER", matches.size() + " validators are named '"
          + nameOrAddress + "': " + String.join(", ", matches) + "; give the operator address");
    }
    if (matches.size() == 1) return Address.parse(matches.getFirst());
    try {
      return Keys.resolve(nameOrAddress);
    } catch (CliException e) {
      throw new CliException("NO_SUCH_VALIDATOR", "'" + nameOrAddress + "' is no validator's"
          + " moniker, address or local key name (bcos stake validators lists them)");
    }
  }

  /** Every validator, page by page (at most {@link #MAX_MONIKER_PAGES} pages). */
  static List<JsonNode> allValidators(CommonOptions common) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_MONIKER_PAGES; page++) {
      JsonNode answer = cursor == null ? common.client().call("stake_validators", 200)
          : common.client().call("stake_validators", 200, cursor);
      answer.path("validators").forEach(out::add);
      if (!answer.has("nextCursor")) return out;
      cursor = answer.path("nextCursor").asText();
    }
    return out;
  }

  static long balance(CommonOptions common, Address who) {
    return Long.parseLong(common.client().account(who, false).path("balanceUnits").asText("0"));
  }

  /** BOND_EXCEEDS_BALANCE unless {@code who} holds {@code units} (the fee comes on top). */
  static void requireBalance(CommonOptions common, Address who, long units, String option) {
    long balance = balance(common, who);
    if (units > balance) {
      throw new CliException("BOND_EXCEEDS_BALANCE", option + " " + Amount.format(units)
          + " DDC is more than the balance of " + who + " (" + Amount.format(balance) + " DDC)");
    }
  }

  /** UNBOND_EXCEEDS_BONDED unless {@code who} has {@code units} bonded to {@code operator}. */
  static void requireBonded(CommonOptions common, Address who, Address operator, long units) {
    long bonded = 0;
    for (JsonNode d : common.client().call("stake_getAccount", who.toString())
        .path("delegations")) {
      if (d.path("validator").asText().equals(operator.toString())) {
        bonded = Long.parseLong(d.path("amountUnits").asText("0"));
      }
    }
    if (units > bonded) {
      throw new CliException("UNBOND_EXCEEDS_BONDED", "AMOUNT " + Amount.format(units) + " DDC"
          + " is more than " + who + " has bonded to " + operator + " ("
          + Amount.format(bonded) + " DDC)");
    }
  }

  static void describe(ObjectNode out, String field, Address validator, long units) {
    out.put(field, validator.toString()).put("amount", Amount.format(units))
        .put("amountUnits", Long.toString(units));
  }

  /** Adds when the unbonding made by a final transaction completes: height and rough time. */
  static void describeCompletion(CommonOptions common, ObjectNode out, Address bonder,
      Address operator, long units) {
    if (!"final".equals(out.path("status").asText())) return;
    long height = out.path("height").asLong();
    for (JsonNode u : common.client().call("stake_getAccount", bonder.toString())
        .path("unbonding")) {
      if (u.path("validator").asText().equals(operator.toString())
          && u.path("creationHeight").asLong() == height) {
        long completion = u.path("completionHeight").asLong();
        out.put("completionHeight", completion).put("completes", "unbonding "
            + Amount.format(units) + " DDC completes at height " + StakeText.height(completion)
            + " (" + StakeText.duration(completion - height, blockMillis(common)) + ")");
      }
    }
  }

  /** The chain's recent block interval, measured over the last blocks (1 s when too few). */
  static long blockMillis(CommonOptions common) {
    JsonNode head = common.client().block("latest", false);
    long height = head.path("height").asLong();
    long back = Math.min(height - 1, INTERVAL_SAMPLE_BLOCKS);
    if (back < 1) return 1000;
    JsonNode earlier = common.client().block(Long.toString(height - back), false);
    long span = head.path("timeMillis").asLong() - earlier.path("timeMillis").asLong();
    return Math.max(1, span / back);
  }
}
