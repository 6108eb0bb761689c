package org.bcos.ledger.dvs;

import java.util.Optional;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRejection;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;

/**
 * Casts (or replaces) a ballot. Eligibility is the electorate fixed when voting opened; members
 * cast one part with all their weight; weighted members may split their weight over parts whose
 * weights add up to exactly their snapshot weight.
 */
final class DvsCastBallotHandler {

  Verdict cast(TxContext ctx, Transaction tx, DvsCastBallot m) {
    DvsStore dvs = DvsStore.of(ctx);
    Optional<Issue> found = dvs.issue(m.issueId());
    if (found.isEmpty()) return Verdict.reject(DvsRejection.UNKNOWN_ISSUE, "id " + m.issueId());
    Issue issue = found.get();
    if (issue.phase() != Phase.VOTING || ctx.height() <= issue.votingStart()) {
      return Verdict.reject(DvsRejection.VOTING_CLOSED, "issue is " + issue.phase());
    }
    Community c = dvs.community(issue.communityId()).orElseThrow();
    Verdict v = DvsModule.stamp(tx, c);
    if (!v.ok()) return v;
    boolean open = c.params().electorate() == DvsParams.OPEN;
    Optional<Member> voter = dvs.snapshot(issue.id(), tx.sender());
    if (!open && voter.map(Member::weight).orElse(0L) == 0) {
      return Verdict.reject(DvsRejection.NOT_A_MEMBER, "not in the electorate of issue "
          + issue.id());
    }
    v = checkParts(issue, c, m, open ? 1 : voter.get().weight());
    if (!v.ok()) return v;
    dvs.putBallot(issue.id(), tx.sender(), m.parts());
    return Verdict.OK;
  }

  private static Verdict checkParts(Issue issue, Community c, DvsCastBallot m, long weight) {
    boolean weighted = c.params().electorate() == DvsParams.WEIGHTED;
    if (m.parts().size() > 1 && !weighted) {
      return Verdict.reject(DvsRejection.INVALID_BALLOT, "only weighted electorates split votes");
    }
    long sum = 0;
    for (DvsBallotPart part : m.parts()) {
      StringBuilder why = new StringBuilder();
      if (DvsBallots.content(issue, part, why).isEmpty()) {
        return Verdict.reject(DvsRejection.INVALID_BALLOT, why.toString());
      }
      sum = Math.addExact(sum, part.weight());
    }
    boolean whole = m.parts().size() == 1 && m.parts().getFirst().weight() == 0;
    if (!whole && sum != weight) {
      return Verdict.reject(DvsRejection.INVALID_BALLOT, "part weights add up to " + sum
          + ", the voter's weight is " + weight + " (or give one part with weight 0)");
    }
    return Verdict.OK;
  }
}
