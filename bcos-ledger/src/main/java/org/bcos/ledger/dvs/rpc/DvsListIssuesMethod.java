package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * {@code dvs_listIssues [community?, phase?, limit?, cursor?]}: issues in id order, optionally of
 * one community and in one phase, paged.
 */
final class DvsListIssuesMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listIssues",
      "DVS issues in id order, optionally of one community and in one phase, paged.",
      "A filtered page scans at most " + DvsPage.MAX_SCANNED + " issues and may hold fewer"
          + " than limit with a nextCursor: go on while nextCursor is present. Costs one work"
          + " unit per issue scanned.",
      List.of(RpcParam.optional("community", JsonSchemas.uintParam(),
              "only this community's issues (null: all)"),
          RpcParam.optional("phase", JsonSchemas.oneOfText(phaseNames()),
              "only issues in this phase (null: all)"),
          RpcPaging.limitParam(), RpcPaging.cursorParam()),
      new RpcResult("issues", object().field("issues", array(DvsGetIssueMethod.SPEC.result()
          .schema())).optional("nextCursor", hex()).build()),
      List.of(RpcFailure.notFound("no community has that id")));

  DvsListIssuesMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(4);
    Optional<Long> community = args.has(0)
        ? Optional.of(args.uint(0, "community id")) : Optional.empty();
    Optional<Phase> phase = args.has(1) ? Optional.of(phase(args.text(1, "phase")))
        : Optional.empty();
    community.ifPresent(c -> DvsQueries.community(ledger, c));
    boolean filtered = community.isPresent() || phase.isPresent();
    return DvsPage.page(ledger, new DvsPage.Scan(DvsSchema.ISSUES, new byte[0], filtered,
        "issues", (k, v) -> {
          Issue i = Issue.decode(v);
          boolean wanted = community.map(c -> c == i.communityId()).orElse(true)
              && phase.map(p -> p == i.phase()).orElse(true);
          return wanted ? Optional.of(DvsJson.issue(i)) : Optional.empty();
        }), args, 2, budget);
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
