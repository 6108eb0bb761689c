package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.integer;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsCounting;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.IssueCount;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.dvs.tally.BallotRules;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * {@code dvs_ranking [issue, withMatrix?]}: the full ranking of an issue's options with what
 * explains it, computed on request by the ledger's own count (the stored result holds only totals
 * and winners and is not changed). Closed issues are recounted from what their close froze, and
 * the ranking's first place is checked against the stored winners; open ones are provisional.
 */
final class DvsRankingMethod extends DvsQueryMethod {
  /** Counting steps (a comparison and an add) per work unit: one unit is a few microseconds. */
  static final int STEPS_PER_UNIT = 1_000;
  /** Matrix cells or IRV round entries rendered per work unit. */
  static final int CELLS_PER_UNIT = 100;

  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_ranking",
      "The full ranking of an issue's options (places; ties only where the method's rules leave"
          + " them), with the Schulze matrices on request, the IRV rounds and the yes/no"
          + " decision. Computed on request; provisional while voting is open.",
      "Costs what dvs_tally does (3 work units per community member) plus, for Schulze,"
          + " (members*c^2 + c^3)/1000 and with the matrices c^2/50, for IRV (members*c + c^3)/1000"
          + " + c^2/50, where c is the options on the ballot + 1 (at most 257). A cached ranking"
          + " (same issue, height and withMatrix) costs nothing more.",
      List.of(DvsSchemas.issueId(), RpcParam.optional("withMatrix", JsonSchemas.bool(),
          "Schulze: add the candidates, d[i][j] (pairwise) and p[i][j] (strongest paths)")),
      new RpcResult("ranking", schema()),
      List.of(new RpcFailure(RpcException.NOT_FOUND, "NOT_VOTING",
          "the issue has not reached voting, or closed before it (nothing was counted)"),
          RpcFailure.notFound("no issue has that id")));
  private final DvsCountCache rankings = new DvsCountCache();

  DvsRankingMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    DvsStore dvs = new DvsStore(ledger.headState());
    Issue issue = DvsQueries.issue(dvs, args.uint(0, "issue id"));
    boolean matrix = args.flag(1, "withMatrix", false);
    Optional<IssueTally> stored = dvs.result(issue.id()).map(IssueTally::decode);
    refuseWithoutCount(issue, stored);
    long height = stored.map(IssueTally::height).orElse(ledger.headHeight());
    return rankings.get(issue.id() + "@" + height + "@" + matrix, () -> {
      budget.charge(cost(dvs, issue, matrix));
      IssueCount count = DvsCounting.countWithMethod(dvs, issue, height, stored.isPresent());
      IssueTally stated = stored.orElse(count.tally());
      checkAgrees(stated, count);
      return DvsRankingJson.ranking(issue, stated, count, matrix);
    });
  }

  private static void refuseWithoutCount(Issue issue, Optional<IssueTally> stored) {
    if (stored.isPresent() && !stored.get().reachedVoting()) {
      throw new RpcException(RpcException.NOT_FOUND, "NOT_VOTING", "issue " + issue.id()
          + " closed " + stored.get().outcome() + " before voting; nothing was counted");
    }
    if (stored.isEmpty() && issue.phase() != Phase.VOTING) {
      throw new RpcException(RpcException.NOT_FOUND, "NOT_VOTING", "issue " + issue.id()
          + " is in " + issue.phase() + "; a ranking exists from voting on");
    }
  }

  /** The stored winners are the recount's first place; anything else is a bug, not an input. */
  private static void checkAgrees(IssueTally stated, IssueCount count) {
    if (stated.winners().isEmpty()) return;
    if (!new TreeSet<>(count.places().getFirst()).equals(new TreeSet<>(stated.winners()))) {
      throw new IllegalStateException("issue " + stated.issueId() + ": ranking's first place "
          + count.places().getFirst() + " is not the stored winners " + stated.winners());
    }
  }

  /**
   * Work units: the count (by community size) plus the ranked methods' own work, measured at
   * about 3 microseconds per {@link #STEPS_PER_UNIT} steps (Schulze: c² per ballot and c³ for the
   * paths; IRV: c per ballot and up to c³ for the rounds' tie-breaks), and the rendered cells.
   */
  static long cost(DvsStore dvs, Issue issue, boolean matrix) {
    long c = Math.min(issue.ballotOptions().size() + 1L, BallotRules.MAX_OPTIONS + 1L);
    long members = dvs.community(issue.communityId()).map(Community::memberCount).orElse(0L);
    long units = DvsTallyMethod.countCost(dvs, issue);
    return switch (issue.rules().method()) {
      case SCHULZE -> units + (members * c * c + c * c * c) / STEPS_PER_UNIT
          + (matrix ? 2 * c * c / CELLS_PER_UNIT : 0);
      case IRV -> units + (members * c + c * c * c) / STEPS_PER_UNIT + 2 * c * c / CELLS_PER_UNIT;
      default -> units;
    };
  }

  private static ObjectNode schema() {
    ObjectNode ranked = object().field("place", uint()).optional("option", integer())
        .optional("choice", string()).optional("total", integer()).optional("weight", uint())
        .optional("firstChoices", uint()).optional("beats", uint())
        .optional("beatenBy", uint()).optional("eliminatedInRound", uint()).build();
    ObjectNode optionWeight = object().field("option", integer()).field("weight", uint()).build();
    ObjectNode round = object().field("round", uint()).field("totals", array(optionWeight))
        .field("exhaustedWeight", uint()).optional("eliminated", integer())
        .optional("reason", JsonSchemas.oneOfText("FEWEST", "TIED_LESS_EARLIER",
            "TIED_HIGHEST_INDEX")).optional("tiedWith", array(integer()))
        .optional("transfers", array(optionWeight)).optional("exhaustedByTransfer", uint())
        .optional("elected", integer()).build();
    ObjectNode decision = object().field("yes", uint()).field("no", uint())
        .field("noWithVeto", uint()).field("abstain", uint()).field("turnoutWeight", uint())
        .field("quorumWeight", uint()).field("decisiveWeight", uint())
        .field("yesShareBps", uint()).field("thresholdBps", uint())
        .optional("vetoBps", uint()).build();
    return object().field("issue", uint()).field("height", uint()).field("final", bool())
        .field("provisional", bool()).field("method", string()).field("outcome", string())
        .field("winners", array(integer())).field("countedWeight", uint())
        .field("quorumMet", bool()).field("ranking", array(ranked))
        .field("notOnBallot", array(uint())).optional("candidates", array(integer()))
        .optional("pairwise", array(array(uint()))).optional("strongestPaths",
            array(array(uint()))).optional("rounds", array(round))
        .optional("decision", decision).build();
  }
}
