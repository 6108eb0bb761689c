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
 * ({@code asc}) or newest first ({@code desc}), optionally of one community and in one phase,
 * paged. Of one community, from protocol version 6: point reads over the index by community,
 * full pages when unfiltered. Otherwise: a scan of the issue column ({@code asc}) or point reads
 * down from the issue counter ({@code desc}; ids are dense and issues never removed), a filter
 * bounded per page.
 */
final class DvsListIssuesMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listIssues",
      "DVS issues in id order (order asc, default) or newest first (desc), optionally of one"
          + " community and in one phase, paged.",
      "A filtered page scans at most " + DvsPage.MAX_SCANNED + " issues and may hold fewer"
          + " than limit with a nextCursor: go on while nextCursor is present. Costs one work"
          + " unit per issue scanned. With a community, on chains at protocol version 6 or"
          + " later, reads that community's index: full pages of limit (a phase filter then"
          + " scans the community's issues only), two work units per issue read.",
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
    if (community.isPresent()) {
      WorkingState view = ledger.headState();
      DvsStore dvs = new DvsStore(view);
      if (dvs.indexed()) {
        return ofCommunity(dvs, community.get(), phase.isPresent(), newestFirst, item, args,
            budget);
      }
    }
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

  /**
   * A page of one community's issues from the index by community (version 6 on): its n-th issues
   * by point reads, n up from 1 or down from the count, at most limit items and, with a phase
   * filter, at most {@link DvsPage#MAX_SCANNED} issues read (each costs its index entry and the
   * issue: two work units). The cursor is community | n, so it is good for this community only.
   */
  private static JsonNode ofCommunity(DvsStore dvs, long community, boolean filtered,
      boolean newestFirst, DvsPage.Item item, RpcArgs args, WorkBudget budget) {
    int limit = RpcPaging.limit(args, 2);
    long count = dvs.issueCount(community);
    long n = RpcPaging.cursor(args, 3).map(c -> position(c, community, count))
        .orElse(newestFirst ? count : 1);
    long affordable = Math.max(1, budget.remaining() / (2L * RpcCosts.STATE_ENTRY));
    long cap = Math.min(filtered ? DvsPage.MAX_SCANNED : limit, affordable);
    ObjectNode out = RpcJson.object();
    ArrayNode items = out.putArray("issues");
    long step = newestFirst ? -1 : 1;
    int scanned = 0;
    for (; n >= 1 && n <= count && items.size() < limit && scanned < cap; n += step, scanned++) {
      long id = dvs.issueOf(community, n);
      Issue issue = dvs.issue(id).orElseThrow(() ->
          new IllegalStateException("indexed issue " + id + " missing"));
      item.render(DvsSchema.id(id), issue.encode()).ifPresent(items::add);
    }
    budget.charge(RpcCosts.STATE_ENTRY * (1L + 2L * scanned));
    return RpcPaging.next(out, n >= 1 && n <= count
        ? Optional.of(DvsSchema.idLong(community, n)) : Optional.empty());
  }

  /** The position a community cursor names: this community's, 1..count, else not one we gave. */
  private static long position(byte[] cursor, long community, long count) {
    Decoder d = new Decoder(cursor);
    long n = cursor.length == 16 && d.u64() == community ? d.u64() : 0;
    if (n < 1 || n > count) {
      throw RpcException.invalidParams("cursor must be a nextCursor this method returned for"
          + " this community and order");
    }
    return n;
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
