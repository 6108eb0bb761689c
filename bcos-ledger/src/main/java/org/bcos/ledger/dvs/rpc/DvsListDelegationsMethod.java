package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;

/**
 * {@code dvs_listDelegations [community, address, direction?, limit?, cursor?]}: the delegations
 * an account gave ({@code given}, a prefix scan) or those given to it ({@code received}: from
 * protocol version 6 a prefix scan of the index by delegate, full pages; before it a filtered
 * scan of the community's delegations), paged in delegator, scope, scope id order. Each names the
 * delegator's registered weight in the community when it is on the roll.
 */
final class DvsListDelegationsMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listDelegations",
      "Delegations an account gave in a community (given) or received from others (received).",
      "Both directions list in delegator, scope, scope id order. given scans only the account's"
          + " own delegations; received reads the index by delegate on chains at protocol version"
          + " 6 or later (full pages of limit), and before it scans the community's delegations,"
          + " at most " + DvsPage.MAX_SCANNED + " per page (a page may be short and still have a"
          + " nextCursor). Costs one work unit per delegation scanned, and one per delegation"
          + " listed (the delegator's weight).",
      List.of(RpcParam.required("community", JsonSchemas.uintParam(), "the community id"),
          RpcParam.required("address", address(), "the account"),
          RpcParam.optional("direction", oneOfText("given", "received"),
              "given (default) or received"),
          RpcPaging.limitParam(), RpcPaging.cursorParam()),
      new RpcResult("delegations", object().field("delegations", array(object()
          .field("from", address()).field("scope", string()).field("scopeId", uint())
          .field("to", address()).optional("weight", uint()).build()))
          .optional("nextCursor", hex()).build()),
      List.of(RpcFailure.notFound("no community has that id")));

  DvsListDelegationsMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(5);
    long community = args.uint(0, "community id");
    Address who = args.address(1, "address");
    boolean received = received(args);
    DvsQueries.community(ledger, community);
    DvsStore roll = new DvsStore(ledger.headState());
    DvsPage.Scan scan = received && roll.indexed()
        ? new DvsPage.Scan(DvsSchema.DELEGATIONS_BY_DELEGATE, DvsSchema.idAddress(community, who),
            false, "delegations", (k, v) -> {
              DvsStore.Delegation d = byDelegate(k);
              return Optional.of(json(d, roll.member(community, d.from())));
            })
        : new DvsPage.Scan(DvsSchema.DELEGATIONS,
            received ? DvsSchema.id(community) : DvsSchema.idAddress(community, who), received,
            "delegations", (k, v) -> {
              DvsStore.Delegation d = DvsStore.Delegation.decode(k, v);
              return received && !d.to().equals(who) ? Optional.empty()
                  : Optional.of(json(d, roll.member(community, d.from())));
            });
    ObjectNode page = DvsPage.page(ledger, scan, args, 3, budget);
    budget.charge((long) RpcCosts.STATE_ENTRY * page.path("delegations").size());
    return page;
  }

  /** A delegation from its key in the index by delegate (community | to | from | scope | id). */
  private static DvsStore.Delegation byDelegate(byte[] key) {
    Decoder d = new Decoder(key);
    d.u64();
    Address to = d.address();
    Address from = d.address();
    DvsMessages.Scope scope = DvsMessages.Scope.values()[d.u8()];
    return new DvsStore.Delegation(from, scope, d.u64(), to);
  }

  private static boolean received(RpcArgs args) {
    String direction = args.has(2) ? args.text(2, "direction") : "given";
    return switch (direction) {
      case "given" -> false;
      case "received" -> true;
      default -> throw RpcException.invalidParams("direction must be given or received");
    };
  }

  private static JsonNode json(DvsStore.Delegation d, Optional<Member> delegator) {
    ObjectNode n = RpcJson.object().put("from", d.from().toString())
        .put("scope", d.scope().name()).put("scopeId", d.scopeId()).put("to", d.to().toString());
    delegator.ifPresent(m -> n.put("weight", m.weight()));
    return n;
  }
}
