package org.bcos.ledger.gov.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.amount;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uintParam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Amount;

/**
 * {@code gov_proposal [id]}: one proposal with its deposits, its tally (live while voting, the
 * stored result once closed) and its direct votes.
 */
final class GovProposalMethod extends AbstractRpcMethod {
  /** Most votes listed (by voter address); the tally always counts them all. */
  static final int MAX_VOTES = 1_000;
  private static final List<String> CHOICES = List.of("yes", "no", "abstain", "veto");

  static final RpcMethodSpec SPEC = new RpcMethodSpec("gov_proposal",
      "One governance proposal with its deposits, tally and votes.",
      "tally (absent before voting opens) is the DVS count of the proposal's issue in the chain "
          + "community: provisional while voting (final false), the stored result once closed; "
          + "yes/no/abstain/veto are weights in base units of bonded stake, direct and delegated. "
          + "votes lists the direct ballots by voter (at most " + MAX_VOTES + "; votesTruncated "
          + "says when there are more). Costs one work unit per deposit and vote.",
      List.of(RpcParam.required("id", uintParam(), "the proposal id")),
      new RpcResult("proposal", object().fieldsOf(GovJson.proposalSchema())
          .field("deposits", array(object().field("depositor", address())
              .field("amount", amount()).build()))
          .optional("tally", object().field("final", bool()).field("outcome", string())
              .field("yes", uint()).field("no", uint()).field("abstain", uint())
              .field("veto", uint()).field("electorateWeight", uint())
              .field("countedWeight", uint()).field("turnoutBps", uint())
              .field("quorumMet", bool()).build())
          .field("votes", array(object().field("voter", address()).field("choice", string())
              .build()))
          .field("votesTruncated", bool()).build()),
      List.of(RpcFailure.notFound("no proposal has that id")));

  private final QueryContext queries;

  GovProposalMethod(QueryContext queries) {
    super(SPEC);
    this.queries = queries;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(1);
    long id = args.uint(0, "id");
    Proposal p = queries.api(GovApi.class).proposal(id)
        .orElseThrow(() -> RpcException.notFound("no proposal " + id));
    ObjectNode out = GovJson.proposal(RpcJson.object(), p);
    ArrayNode deposits = out.putArray("deposits");
    for (GovApi.Deposit d : queries.api(GovApi.class).deposits(id)) {
      deposits.addObject().put("depositor", d.depositor().toString())
          .put("amount", Amount.format(d.units()));
    }
    budget.charge((long) RpcCosts.STATE_ENTRY * (1 + deposits.size()));
    tally(p).ifPresent(t -> tally(out.putObject("tally"), t));
    votes(out, p, budget);
    return out;
  }

  private Optional<IssueTally> tally(Proposal p) {
    if (p.issueId() == 0) return Optional.empty();
    DvsApi dvs = queries.api(DvsApi.class);
    return p.status() == ProposalStatus.VOTING_PERIOD
        ? dvs.count(p.issueId(), queries.headHeight(), false) : dvs.storedResult(p.issueId());
  }

  private static void tally(ObjectNode n, IssueTally t) {
    n.put("final", t.isFinal()).put("outcome", t.outcome().name());
    for (int i = 0; i < CHOICES.size(); i++) {
      n.put(CHOICES.get(i), i < t.totals().size() ? t.totals().get(i) : 0);
    }
    n.put("electorateWeight", t.electorateWeight()).put("countedWeight", t.countedWeight())
        .put("turnoutBps", t.turnoutBps()).put("quorumMet", t.quorumMet());
  }

  private void votes(ObjectNode out, Proposal p, WorkBudget budget) {
    ArrayNode votes = out.putArray("votes");
    boolean[] truncated = {false};
    if (p.issueId() != 0) {
      queries.api(DvsApi.class).forEachBallot(p.issueId(), (voter, parts) -> {
        budget.charge(RpcCosts.STATE_ENTRY);
        if (votes.size() >= MAX_VOTES) {
          truncated[0] = true;
          return;
        }
        long choice = parts.getFirst().values()[0];
        votes.addObject().put("voter", voter.toString()).put("choice",
            choice >= 0 && choice < CHOICES.size() ? CHOICES.get((int) choice) : "?");
      });
    }
    out.put("votesTruncated", truncated[0]);
  }
}
