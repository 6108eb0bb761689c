package org.bcos.ledger.upgrade.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.ledger.spi.ProtocolVersions;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;

/**
 * {@code upgrade_status}: the protocol version governing the next block, the versions this
 * node's software ships, the scheduled upgrade (blocks left, whether this software has its
 * version) and every upgrade that activated. What {@code bcos upgrade status} will print.
 */
final class UpgradeStatusMethod extends AbstractRpcMethod {
  private static final JsonNode PLAN = object().field("name", string())
      .field("version", uint()).field("release", hash()).field("height", uint())
      .field("scheduledAt", uint()).field("supported", bool())
      .optional("releaseStored", bool()).build();

  static final RpcMethodSpec SPEC = new RpcMethodSpec("upgrade_status",
      "The protocol version in force, the versions this software ships, and the scheduled and "
          + "applied upgrades.",
      "version is the protocol version governing the next block. scheduled (absent when none) "
          + "is the upgrade governance scheduled, with blocksLeft until its height and whether "
          + "this node's software ships its version (supported: false means this node stops "
          + "before that height). planned lists the genesis' planned upgrades not yet scheduled "
          + "(each is scheduled when the one before it activates). applied lists every upgrade "
          + "that activated, by height (a chain started at a version other than the default "
          + "lists it as 'genesis'). releaseStored, filled in by a node that keeps a release store, "
          + "says whether the release artifact with the plan's hash is verified on its disk "
          + "(bcos upgrade fetch).",
      List.of(),
      new RpcResult("status", object().field("height", uint()).field("version", uint())
          .field("software", array(object().field("version", uint()).field("name", string())
              .field("modules", array(string())).build()))
          .optional("scheduled", object().fieldsOf((ObjectNode) PLAN).field("blocksLeft", uint())
              .build())
          .field("planned", array(PLAN)).field("applied", array(PLAN)).build()),
      List.of());

  private final QueryContext queries;

  UpgradeStatusMethod(QueryContext queries) {
    super(SPEC);
    this.queries = queries;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    long next = queries.headHeight() + 1;
    UpgradeApi upgrades = queries.api(UpgradeApi.class);
    ProtocolVersions software = queries.modules().versions();
    List<UpgradePlan> applied = upgrades.applied();
    List<UpgradePlan> planned = upgrades.planned();
    budget.charge((long) RpcCosts.STATE_ENTRY * (1 + applied.size() + planned.size()));
    ObjectNode out = RpcJson.object().put("height", next).put("version", upgrades.versionAt(next));
    ArrayNode versions = out.putArray("software");
    for (ProtocolRules r : software.all()) {
      ArrayNode modules = versions.addObject().put("version", r.version()).put("name", r.name())
          .putArray("modules");
      r.modules().forEach(modules::add);
    }
    Optional<UpgradePlan> scheduled = upgrades.scheduled();
    scheduled.ifPresent(p -> plan(out.putObject("scheduled"), p, software)
        .put("blocksLeft", Math.max(0, p.height() - next)));
    ArrayNode future = out.putArray("planned");
    for (UpgradePlan p : planned) plan(future.addObject(), p, software);
    ArrayNode list = out.putArray("applied");
    for (UpgradePlan p : applied) plan(list.addObject(), p, software);
    return out;
  }

  private static ObjectNode plan(ObjectNode out, UpgradePlan p, ProtocolVersions software) {
    return out.put("name", p.name()).put("version", p.version())
        .put("release", p.release().toHex()).put("height", p.height())
        .put("scheduledAt", p.scheduledAt()).put("supported", software.supports(p.version()));
  }
}
