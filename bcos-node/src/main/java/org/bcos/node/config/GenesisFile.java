package org.bcos.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;

/**
 * Reads and writes {@code genesis.json}; amounts are exact DDC decimal strings. Each validator's
 * {@code stake} is bonded out of its own allocation, or out of its {@code operator}'s when it
 * names one (optional, written only when it differs from {@code address}: a staking chain's
 * validator operated by another account, as a dev chain's by the dev key). {@code protocolVersion} is optional: a file
 * without it (every genesis written before protocol versions) starts at {@link
 * Genesis#DEFAULT_PROTOCOL_VERSION}, and it is written only when it differs, so such files keep
 * their bytes. {@code upgrades} (optional, written only when there are some) lists the chain's
 * planned upgrades: {@code [{"name": "staking", "version": 3, "release": "<sha256 hex>",
 * "height": 1000}]}, in activation order.
 */
public final class GenesisFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GenesisFile() {}

  public static Genesis read(Path file) {
    try {
      return parse(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new IllegalArgumentException(ConfigFiles.describe("genesis file", file, e));
    }
  }

  static Genesis parse(JsonNode root) {
    if (root.has("validator") && !root.has("validators")) {
      throw new IllegalArgumentException("this genesis file has the old single-validator format "
          + "(no staked \"validators\"); for a dev chain delete its data directory (e.g. "
          + "bcos-data/dev) and start again");
    }
    JsonNode p = required(root, "params");
    ChainParams params = ChainParams.of(required(root, "chainId").asText(),
        required(p, "minFeeUnits").asLong(), required(p, "maxTxsPerBlock").asInt(),
        required(p, "maxBlockBytes").asLong(), required(p, "maxExpiryDeltaBlocks").asLong(),
        required(p, "maxNonceGap").asInt(), required(p, "nodeIdPowBits").asInt());
    params = withModuleParams(params, p);
    List<Genesis.Allocation> allocations = new ArrayList<>();
    for (JsonNode a : required(root, "allocations")) {
      allocations.add(new Genesis.Allocation(Address.parse(required(a, "address").asText()),
          Amount.parse(required(a, "amount").asText())));
    }
    List<Genesis.Validator> validators = new ArrayList<>();
    for (JsonNode v : required(root, "validators")) {
      Address address = Address.parse(required(v, "address").asText());
      JsonNode operator = v.get("operator");
      validators.add(new Genesis.Validator(address, Amount.parse(required(v, "stake").asText()),
          operator == null || operator.isNull() ? address : Address.parse(operator.asText())));
    }
    return new Genesis(params, required(root, "timeMillis").asLong(), validators, allocations,
        protocolVersion(root), staking(root), upgrades(root));
  }

  /** The optional "upgrades" list of planned upgrades (the ledger checks their order). */
  private static List<UpgradePlan> upgrades(JsonNode root) {
    JsonNode list = root.get("upgrades");
    if (list == null || list.isNull()) return List.of();
    if (!list.isArray()) {
      throw new IllegalArgumentException("genesis file: upgrades must be a list of {name, "
          + "version, release, height}");
    }
    List<UpgradePlan> out = new ArrayList<>();
    for (JsonNode u : list) {
      JsonNode version = required(u, "version");
      JsonNode height = required(u, "height");
      if (!version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 1
          || !height.isIntegralNumber() || !height.canConvertToLong() || height.asLong() < 1) {
        throw new IllegalArgumentException("genesis file: a planned upgrade's version and "
            + "height are whole numbers >= 1, got " + u);
      }
      Hash release;
      try {
        release = Hash.fromHex(required(u, "release").asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("genesis file: a planned upgrade's release is the 64 "
            + "hex digits of the release's SHA-256, got " + u.get("release"));
      }
      out.add(new UpgradePlan(required(u, "name").asText(), version.asInt(), release,
          height.asLong(), 0));
    }
    return out;
  }

  private static int protocolVersion(JsonNode root) {
    JsonNode v = root.get("protocolVersion");
    if (v == null) return Genesis.DEFAULT_PROTOCOL_VERSION;
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
      throw new IllegalArgumentException("genesis file: protocolVersion must be a whole number "
          + ">= 1, got " + v);
    }
    return v.asInt();
  }

  /**
   * Any parameter besides the core ones ("params" may set a module's, e.g. {@code
   * unbondingPeriodBlocks}); the ledger refuses a name not in force at the genesis' protocol
   * version when it writes the genesis.
   */
  private static ChainParams withModuleParams(ChainParams params, JsonNode p) {
    ChainParams out = params;
    for (var it = p.fields(); it.hasNext(); ) {
      var field = it.next();
      if (ChainParams.CORE.stream().anyMatch(spec -> spec.name().equals(field.getKey()))) continue;
      if (!field.getValue().canConvertToExactIntegral()) {
        throw new IllegalArgumentException("genesis parameter " + field.getKey()
            + " must be a whole number");
      }
      out = out.with(field.getKey(), field.getValue().asLong());
    }
    return out;
  }

  /**
   * The optional "staking" section, {"rewardPool": "<DDC>"}: the reward pool of a chain starting
   * at a protocol version with staking (the ledger refuses it below that version).
   */
  private static java.util.Optional<Genesis.Staking> staking(JsonNode root) {
    JsonNode s = root.get("staking");
    if (s == null || s.isNull()) return java.util.Optional.empty();
    return java.util.Optional.of(new Genesis.Staking(
        Amount.parse(required(s, "rewardPool").asText())));
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("genesis file lacks the field '" + field + "'");
    }
    return v;
  }

  public static void write(Genesis genesis, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ChainParams p = genesis.params();
    root.put("chainId", p.chainId());
    root.put("timeMillis", genesis.timeMillis());
    if (genesis.protocolVersion() != Genesis.DEFAULT_PROTOCOL_VERSION) {
      root.put("protocolVersion", genesis.protocolVersion());
    }
    ArrayNode validators = root.putArray("validators");
    for (Genesis.Validator v : genesis.validators()) {
      ObjectNode entry = validators.addObject().put("address", v.address().toString())
          .put("stake", Amount.format(v.stakeUnits()));
      if (v.hasOwnOperator()) entry.put("operator", v.operator().toString());
    }
    ObjectNode params = root.putObject("params");
    params.put("minFeeUnits", p.minFeeUnits());
    params.put("maxTxsPerBlock", p.maxTxsPerBlock());
    params.put("maxBlockBytes", p.maxBlockBytes());
    params.put("maxExpiryDeltaBlocks", p.maxExpiryDeltaBlocks());
    params.put("maxNonceGap", p.maxNonceGap());
    params.put("nodeIdPowBits", p.nodeIdPowBits());
    for (var e : p.values().entrySet()) {
      if (!params.has(e.getKey())) params.put(e.getKey(), e.getValue());
    }
    genesis.staking().ifPresent(st -> root.putObject("staking")
        .put("rewardPool", Amount.format(st.rewardPoolUnits())));
    if (!genesis.upgrades().isEmpty()) {
      ArrayNode upgrades = root.putArray("upgrades");
      for (UpgradePlan u : genesis.upgrades()) {
        upgrades.addObject().put("name", u.name()).put("version", u.version())
            .put("release", u.release().toHex()).put("height", u.height());
      }
    }
    ArrayNode allocations = root.putArray("allocations");
    for (Genesis.Allocation a : genesis.allocations()) {
      allocations.addObject().put("address", a.address().toString())
          .put("amount", Amount.format(a.units()));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
