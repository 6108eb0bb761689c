package org.bcos.ledger.gov;

import org.bcos.ledger.gov.api.GovRejection;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalContent.CancelUpgrade;
import org.bcos.ledger.gov.api.ProposalContent.CommunitySpend;
import org.bcos.ledger.gov.api.ProposalContent.ParamChange;
import org.bcos.ledger.gov.api.ProposalContent.ParamValue;
import org.bcos.ledger.gov.api.ProposalContent.SoftwareUpgrade;
import org.bcos.ledger.gov.api.ProposalContent.Text;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.CommunityPoolApi;
import org.bcos.ledger.upgrade.api.UpgradeApi;

/**
 * Executes a passed proposal at the end of the block its vote ends in. Everything is checked
 * again first (state moved on since the submission); a refusal writes nothing and is recorded.
 */
final class GovExecution {
  private GovExecution() {}

  static Verdict execute(TxContext ctx, ProposalContent content) {
    Verdict v = ProposalChecks.stateful(ctx, content, false);
    if (!v.ok()) return v;
    long h = ctx.height();
    return switch (content) {
      case ParamChange p -> change(ctx, p);
      case SoftwareUpgrade u -> ctx.api(UpgradeApi.class).schedule(ProposalChecks.plan(u, h));
      case CancelUpgrade c -> ctx.api(UpgradeApi.class).cancel(c.name(), h);
      case CommunitySpend s -> ctx.api(CommunityPoolApi.class).pay(s.recipient(), s.units())
          ? Verdict.OK : Verdict.reject(GovRejection.COMMUNITY_POOL_INSUFFICIENT, "");
      case Text t -> Verdict.OK;
    };
  }

  /** Every value from the next block; all were checked, so a refusal here is a bug. */
  private static Verdict change(TxContext ctx, ParamChange p) {
    ParamsApi params = ctx.api(ParamsApi.class);
    for (ParamValue c : p.changes()) {
      Verdict v = params.change(c.name(), c.value(), ctx.height() + 1);
      if (!v.ok()) {
        throw new IllegalStateException("checked parameter change refused: " + v.message());
      }
    }
    return Verdict.OK;
  }
}
