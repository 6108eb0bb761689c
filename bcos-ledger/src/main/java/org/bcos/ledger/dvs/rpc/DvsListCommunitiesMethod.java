package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * {@code dvs_listCommunities [limit?, cursor?, namePrefix?]}: the communities, in id order, paged;
 * with a name prefix, only those whose name starts with it. State keys communities by id and keeps
 * no index by name, so a prefix is a filtered scan, bounded per page like every filtered list.
 */
final class DvsListCommunitiesMethod extends DvsQueryMethod {
  /** Longest name prefix accepted, in characters (a community name is at most 256 bytes). */
  static final int MAX_PREFIX_CHARS = 256;

  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listCommunities",
      "The DVS communities in id order, a page at a time; optionally only those whose name"
          + " starts with namePrefix (case-sensitive).",
      "Costs one work unit per community scanned. With namePrefix a page scans at most "
          + DvsPage.MAX_SCANNED + " communities (state has no name index) and may hold fewer"
          + " than limit with a nextCursor: go on while nextCursor is present.",
      List.of(RpcPaging.limitParam(), RpcPaging.cursorParam(),
          RpcParam.optional("namePrefix", string(),
              "only communities whose name starts with this (at most " + MAX_PREFIX_CHARS
                  + " characters; null: all)")),
      new RpcResult("communities", object().field("communities", array(object()
          .field("id", uint()).field("name", string()).field("registrar", address())
          .field("electorate", JsonSchemas.oneOfText(DvsJson.ELECTORATES))
          .field("members", uint()).field("areas", uint()).field("totalWeight", uint())
          .field("createdHeight", uint()).build())).optional("nextCursor", hex()).build()),
      List.of());

  DvsListCommunitiesMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(3);
    Optional<String> prefix = args.has(2) ? Optional.of(namePrefix(args)) : Optional.empty();
    return DvsPage.page(ledger, new DvsPage.Scan(DvsSchema.COMMUNITIES, new byte[0],
        prefix.isPresent(), "communities", (k, v) -> {
          Community c = Community.decode(v);
          return prefix.map(p -> c.name().startsWith(p)).orElse(true)
              ? Optional.of(summary(c)) : Optional.empty();
        }), args, 0, budget);
  }

  private static String namePrefix(RpcArgs args) {
    String prefix = args.text(2, "namePrefix");
    if (prefix.isEmpty() || prefix.length() > MAX_PREFIX_CHARS) {
      throw RpcException.invalidParams("namePrefix must be 1.." + MAX_PREFIX_CHARS
          + " characters");
    }
    return prefix;
  }

  private static JsonNode summary(Community c) {
    return RpcJson.object().put("id", c.id()).put("name", c.name())
        .put("registrar", c.registrar().toString())
        .put("electorate", DvsJson.electorate(c.params()))
        .put("members", c.memberCount()).put("areas", c.areaCount())
        .put("totalWeight", c.totalWeight()).put("createdHeight", c.createdHeight());
  }
}
