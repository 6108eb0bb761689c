package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.Phase;
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
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.codec.Decoder;

/**
 * {@code dvs_listIssues [community?, phase?, limit?, cursor?, order?]}: issues in id order
 * ({@code asc}, a scan of the issue column) or newest first ({@code desc}: point reads down from
 * the issue counter; ids are dense and issues never removed), optionally of one community and in
 * one phase, paged. State keeps no index of issues by community, so either filter is a scan,
 * bounded per page.
 */
final class DvsListIssuesMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listIssues",
      "DVS issues in id order (order asc, default) or newest first (desc), optionally of one"
          + " community and in one phase, paged.",
      "A filtered page scans at most " + DvsPage.MAX_SCANNED + " issues and may hold fewer"
          + " than limit with a nextCursor: go on while nextCursor is present. Costs one work"
          + " unit per issue scanned.",
      List.of(RpcParam.optional("community", JsonSchemas.uintParam(),
              "only this community's issues (null: all)"),
          RpcParam.optional("phase", JsonSchemas.oneOfText(phaseNames()),
              "only issues in this phase (null: all)"),
          RpcPaging.limitParam(), RpcPaging.cursorParam(),
          RpcParam.optional("order", JsonSchemas.oneOfText("asc", "desc"),
              "asc: oldest first (default); desc: newest first")),
      new RpcResult("issues", object().field("issues", array(DvsGetIssueMethod.SPEC.result()
          .schema())).optional("nextCursor", hex()).build()),
      List.of(RpcFailure.notFound("no community has that id")));

  DvsListIssuesMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(5);
    Optional<Long> community = args.has(0)
        ? Optional.of(args.uint(0, "community id")) : Optional.empty();
    Optional<Phase> phase = args.has(1) ? Optional.of(phase(args.text(1, "phase")))
        : Optional.empty();
    boolean newestFirst = newestFirst(args);
    community.ifPresent(c -> DvsQueries.community(ledger, c));
    boolean filtered = community.isPresent() || phase.isPresent();
    DvsPage.Item item = (k, v) -> {
      Issue i = Issue.decode(v);
      boolean wanted = community.map(c -> c == i.communityId()).orElse(true)
          && phase.map(p -> p == i.phase()).orElse(true);
      return wanted ? Optional.of(DvsJson.issue(i)) : Optional.empty();
    };
    if (newestFirst) return newestFirst(filtered, item, args, budget);
    return DvsPage.page(ledger, new DvsPage.Scan(DvsSchema.ISSUES, new byte[0], filtered,
        "issues", item), args, 2, budget);
  }

  private static boolean newestFirst(RpcArgs args) {
    String order = args.has(4) ? args.text(4, "order") : "asc";
    return switch (order) {
      case "asc" -> false;
      case "desc" -> true;
      default -> throw RpcException.invalidParams("order must be asc or desc");
    };
  }

  /**
   * A page newest first: reads issue ids down from the cursor's (or the newest), all from one
   * view of the head, at most limit items and, filtered, at most {@link DvsPage#MAX_SCANNED}
   * issues read (and no more than the budget allows).
   */
  private JsonNode newestFirst(boolean filtered, DvsPage.Item item, RpcArgs args,
      WorkBudget budget) {
    int limit = RpcPaging.limit(args, 2);
    WorkingState view = ledger.headState();
    long newest = new DvsStore(view).last("issue");
    long id = RpcPaging.cursor(args, 3).map(c -> issueId(c, newest)).orElse(newest);
    int cap = DvsPage.scanCap(filtered, limit, budget);
    ObjectNode out = RpcJson.object();
    ArrayNode items = out.putArray("issues");
    int scanned = 0;
    for (; id >= 1 && items.size() < limit && scanned < cap; id--, scanned++) {
      byte[] key = DvsSchema.id(id);
      byte[] raw = view.get(DvsSchema.ISSUES, key);
      if (raw == null) throw new IllegalStateException("issue " + id + " missing below counter");
      item.render(key, raw).ifPresent(items::add);
    }
    budget.charge((long) RpcCosts.STATE_ENTRY * scanned);
    return RpcPaging.next(out, id >= 1 ? Optional.of(DvsSchema.id(id)) : Optional.empty());
  }

  /** The issue id a newest-first cursor names: 1..newest, else not a cursor this gave. */
  private static long issueId(byte[] cursor, long newest) {
    long id = cursor.length == 8 ? new Decoder(cursor).u64() : 0;
    if (id < 1 || id > newest) {
      throw RpcException.invalidParams("cursor must be a nextCursor this method returned");
    }
    return id;
  }

  private static Phase phase(String name) {
    try {
      return Phase.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("phase must be one of " + Arrays.toString(phaseNames()));
    }
  }

  private static String[] phaseNames() {
    return Arrays.stream(Phase.values()).map(Phase::name).toArray(String[]::new);
  }
}
