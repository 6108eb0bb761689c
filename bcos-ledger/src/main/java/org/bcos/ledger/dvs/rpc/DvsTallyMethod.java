package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsCounting;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.IssueCount;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * {@code dvs_tally [issue]}: the live count of an issue in voting (its final result once closed).
 * Counts are cached per (issue, height): a count costs O(ballots) and blocks come each second.
 */
final class DvsTallyMethod extends DvsQueryMethod {
  /** Work units per community member a count costs (member, delegation and ballot reads). */
  static final int UNITS_PER_MEMBER = 3;

  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_tally",
      "The live count of an issue in voting; its final result once closed. Each region cell"
          + " carries its electorate and turnout, and regionsWithoutVotes lists the regions where"
          + " nothing was counted (members' electorates only; open electorates have neither).",
      "Costs 3 work units per member of the community (a count); a cached count (same issue"
          + " and height) costs nothing more. A closed issue's result is read as stored; its"
          + " regions' electorates come from a recount, added when it is cached or the call's"
          + " budget affords it.",
      List.of(DvsSchemas.issueId()), new RpcResult("tally", DvsSchemas.tally()),
      List.of(new RpcFailure(RpcException.NOT_FOUND, "NOT_VOTING",
          "the issue has not reached voting yet"), RpcFailure.notFound("no issue has that id")));
  private final DvsCountCache tallies = new DvsCountCache();

  DvsTallyMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    DvsStore dvs = new DvsStore(ledger.headState());
    Issue issue = DvsQueries.issue(dvs, args.uint(0, "issue id"));
    if (issue.phase() == Phase.CLOSED) return closed(dvs, issue, budget);
    if (issue.phase() != Phase.VOTING) {
      throw new RpcException(RpcException.NOT_FOUND, "NOT_VOTING",
          "issue " + issue.id() + " is in " + issue.phase() + "; a tally exists from voting on");
    }
    long height = ledger.headHeight();
    return tallies.get(issue.id() + "@" + height, () -> {
      // a count reads every member, delegation and ballot: charged by the community's size
      budget.charge(countCost(dvs, issue));
      IssueCount count = DvsCounting.countWithMethod(dvs, issue, height, false);
      return DvsJson.tally(count.tally(), count.rolls(), count.silentRegions());
    });
  }

  /**
   * The stored result, with its regions' electorates from a recount of the frozen electorate
   * when the budget affords one (a result that was never counted, or a recount whose cells
   * differ from the stored ones, is given as stored).
   */
  private JsonNode closed(DvsStore dvs, Issue issue, WorkBudget budget) {
    IssueTally result = DvsQueries.storedResult(dvs, issue.id());
    ObjectNode stored = DvsJson.tally(result);
    if (!result.reachedVoting() || result.unverifiedIdentity()) return stored;
    String key = issue.id() + "@final";
    Optional<ObjectNode> recounted = tallies.cached(key); // e.g. by the dvsTally subscription
    if (recounted.isPresent()) return recounted.get();
    if (countCost(dvs, issue) > budget.remaining()) return stored;
    return tallies.get(key, () -> {
      budget.charge(countCost(dvs, issue));
      IssueCount count = DvsCounting.countWithMethod(dvs, issue, result.height(), true);
      if (!count.tally().regions().equals(result.regions())) return stored;
      return DvsJson.tally(result, count.rolls(), count.silentRegions());
    });
  }

  /** What counting {@code issue} costs: its community's members (1 + 3 per member). */
  static long countCost(DvsStore dvs, Issue issue) {
    long members = dvs.community(issue.communityId()).map(Community::memberCount).orElse(0L);
    return RpcCosts.STATE_ENTRY * (UNITS_PER_MEMBER * members + 1);
  }
}
