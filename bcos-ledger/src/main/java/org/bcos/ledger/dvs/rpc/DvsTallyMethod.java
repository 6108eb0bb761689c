package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bcos.ledger.dvs.DvsCounting;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.Issue;
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
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_tally",
      "The live count of an issue in voting; its final result once closed.",
      "Costs 3 work units per member of the community (a count); a cached count (same issue"
          + " and height) costs nothing more.",
      List.of(DvsSchemas.issueId()), new RpcResult("tally", DvsSchemas.tally()),
      List.of(new RpcFailure(RpcException.NOT_FOUND, "NOT_VOTING",
          "the issue has not reached voting yet"), RpcFailure.notFound("no issue has that id")));
  private static final int CACHE_ENTRIES = 64;
  private final Map<String, ObjectNode> tallies = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  DvsTallyMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    DvsStore dvs = new DvsStore(ledger.headState());
    Issue issue = DvsQueries.issue(dvs, args.uint(0, "issue id"));
    if (issue.phase() == Phase.CLOSED) return DvsQueries.finalResult(ledger, issue.id());
    if (issue.phase() != Phase.VOTING) {
      throw new RpcException(RpcException.NOT_FOUND, "NOT_VOTING",
          "issue " + issue.id() + " is in " + issue.phase() + "; a tally exists from voting on");
    }
    long height = ledger.headHeight();
    String key = issue.id() + "@" + height;
    synchronized (tallies) {
      ObjectNode cached = tallies.get(key);
      if (cached != null) return cached.deepCopy();
    }
    // a count reads every member, delegation and ballot: charged by the community's size
    long members = dvs.community(issue.communityId()).map(Community::memberCount).orElse(0L);
    budget.charge(RpcCosts.STATE_ENTRY * (3 * members + 1));
    ObjectNode tally = DvsJson.tally(DvsCounting.count(dvs, issue, height, false));
    synchronized (tallies) {
      tallies.put(key, tally.deepCopy());
    }
    return tally;
  }
}
