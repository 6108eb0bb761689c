package org.bcos.ledger.dvs;

import java.math.BigInteger;
import java.util.List;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.spi.TxContext;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/**
 * The issue lifecycle, run at the end of every block for the issues whose phase ends there:
 * admission → discussion → verification → voting → closed (LiquidFeedback's phases; polls are
 * created in voting). Opening the vote fixes the electorate's weights (snapshot); closing it
 * counts, stores the result and runs the issue's action. Zero-length phases pass at once.
 */
final class DvsLifecycle {

  void endBlock(TxContext ctx) {
    DvsStore dvs = DvsStore.of(ctx);
    long h = ctx.height();
    for (long id : dvs.dueAt(h)) {
      dvs.unschedule(h, id);
      Issue issue = dvs.issue(id).orElseThrow();
      Community c = dvs.community(issue.communityId()).orElseThrow();
      advance(ctx, c, issue);
    }
  }

  private void advance(TxContext ctx, Community c, Issue issue) {
    DvsStore dvs = DvsStore.of(ctx);
    long h = ctx.height();
    DvsParams p = c.params();
    Issue next = switch (issue.phase()) {
      case ADMISSION -> bestSupport(dvs, c, issue) >= quorum(c, p.issueQuorumBps())
          ? issue.withPhase(Phase.DISCUSSION, h + p.discussionBlocks())
          : close(ctx, issue, IssueTally.Outcome.NOT_ADMITTED);
      case DISCUSSION -> issue.withPhase(Phase.VERIFICATION, h + p.verificationBlocks());
      case VERIFICATION -> openVoting(ctx, c, issue);
      case VOTING -> close(ctx, issue, null);
      case CLOSED -> issue;
    };
    dvs.put(next);
    if (next.phase() == Phase.CLOSED) return;
    if (next.phaseEnd() == h) {
      advance(ctx, c, next);
    } else {
      dvs.schedule(next.phaseEnd(), next.id());
    }
  }

  private static long quorum(Community c, int bps) {
    return BigInteger.valueOf(c.totalWeight() == 0 ? c.memberCount() : c.totalWeight())
        .multiply(BigInteger.valueOf(bps)).add(BigInteger.valueOf(9_999))
        .divide(BigInteger.valueOf(10_000)).longValueExact();
  }

  /** Support of the most supported initiative (direct supporters, or with delegated weight). */
  private static long bestSupport(DvsStore dvs, Community c, Issue issue) {
    long best = 0;
    for (int i = 0; i < issue.options().size(); i++) best = Math.max(best, support(dvs, c, issue, i));
    return best;
  }

  private static long support(DvsStore dvs, Community c, Issue issue, int initiative) {
    if (c.params().delegationInSupport()) {
      return DvsCounting.supportWithDelegation(dvs, c, issue,
          dvs.supporters(issue.id(), initiative));
    }
    long sum = 0;
    for (Address a : dvs.supporters(issue.id(), initiative)) {
      long w = c.params().electorate() == DvsParams.OPEN ? 1
          : dvs.member(c.id(), a).map(m -> m.weight()).orElse(0L);
      sum = Math.addExact(sum, w);
    }
    return sum;
  }

  private Issue openVoting(TxContext ctx, Community c, Issue issue) {
    DvsStore dvs = DvsStore.of(ctx);
    long threshold = quorum(c, c.params().initiativeQuorumBps());
    boolean[] qualified = new boolean[issue.options().size()];
    boolean any = false;
    for (int i = 0; i < qualified.length; i++) {
      qualified[i] = support(dvs, c, issue, i) >= threshold && support(dvs, c, issue, i) > 0;
      any |= qualified[i];
    }
    if (!any) return close(ctx, issue, IssueTally.Outcome.NO_QUALIFIED_INITIATIVE);
    snapshot(dvs, c, issue.id());
    return issue.openVoting(ctx.height(), ctx.height() + c.params().votingBlocks(), qualified);
  }

  /** Fixes the electorate's weights and regions for {@code issueId} now. */
  static void snapshot(DvsStore dvs, Community c, long issueId) {
    if (c.params().electorate() == DvsParams.OPEN) return;
    dvs.forEachMember(c.id(), (who, m) -> {
      if (m.weight() > 0) dvs.putSnapshot(issueId, who, m);
    });
  }

  /** Closes: counts (unless it ended earlier with {@code early}), stores, runs the action. */
  private Issue close(TxContext ctx, Issue issue, IssueTally.Outcome early) {
    DvsStore dvs = DvsStore.of(ctx);
    Issue closed = issue.withPhase(Phase.CLOSED, ctx.height());
    IssueTally tally;
    if (early != null) {
      tally = new IssueTally(issue.id(), ctx.height(), true, early, List.of(), List.of(), 0, 0,
          0, false, Hash.ZERO, List.of(), false, "");
    } else {
      DvsCounting.freeze(dvs, issue);
      dvs.put(closed);
      IssueTally counted = DvsCounting.count(dvs, closed, ctx.height(), true);
      tally = counted.asFinal(counted.outcome(), runAction(ctx, issue, counted));
    }
    dvs.putResult(issue.id(), tally.encode());
    return closed;
  }

  /** A passed yes/no issue's payment from the community treasury. */
  private static String runAction(TxContext ctx, Issue issue, IssueTally tally) {
    if (issue.payUnits() == 0 || tally.outcome() != IssueTally.Outcome.PASSED) return "";
    Address treasury = DvsCommunityHandlers.treasury(issue.communityId());
    if (!ctx.api(Bank.class).transfer(treasury, issue.payTo(), issue.payUnits())) {
      return "TREASURY_INSUFFICIENT";
    }
    return "PAID";
  }
}
