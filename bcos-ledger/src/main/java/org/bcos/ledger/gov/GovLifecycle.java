package org.bcos.ledger.gov;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.dvs.api.DvsGovernanceApi;
import org.bcos.ledger.dvs.api.DvsGovernanceApi.StakeVoter;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.CommunityPoolApi;
import org.bcos.ledger.stake.api.StakeApi;
import org.bcos.types.Address;

/**
 * A proposal's life after submission: deposits (voting opens in the block the minimum is
 * reached), the end of the deposit period, and the end of the vote (the DVS issue closed in the
 * same block's DVS end-of-block, which runs before this module's), with execution and the
 * settling of deposits.
 */
final class GovLifecycle {
  /** Most bonds read into one electorate (a limit on everything; far above any real set). */
  static final int MAX_ELECTORATE_BONDS = 1_000_000;

  /** Takes {@code units} from {@code depositor} into the proposal's deposits; may open voting. */
  void addDeposit(TxContext ctx, GovStore gov, Proposal p, Address depositor, long units) {
    if (!ctx.api(Bank.class).debit(depositor, units)) {
      throw new IllegalStateException("deposit checked affordable and not debited");
    }
    gov.putDeposit(p.id(), depositor, Math.addExact(gov.deposit(p.id(), depositor), units));
    Proposal next = p.withDeposit(Math.addExact(p.totalDeposit(), units));
    if (next.totalDeposit() >= ctx.param(GovParams.MIN_DEPOSIT_UNITS.name())) {
      gov.dequeue(GovSchema.DEPOSIT_END, p.depositEnd(), p.id());
      next = openVoting(ctx, gov, next);
    }
    gov.put(next);
  }

  /** Opens the proposal's DVS issue with the bonded stake of this moment as its electorate. */
  private static Proposal openVoting(TxContext ctx, GovStore gov, Proposal p) {
    long blocks = ctx.param(GovParams.VOTING_PERIOD_BLOCKS.name());
    DvsRules rules = new DvsRules(DvsMessages.Method.YES_NO,
        (int) ctx.param(GovParams.QUORUM_BASIS_POINTS.name()),
        (int) ctx.param(GovParams.THRESHOLD_BASIS_POINTS.name()),
        (int) ctx.param(GovParams.VETO_BASIS_POINTS.name()), 10, 100);
    long issue = ctx.api(DvsGovernanceApi.class).openChainIssue(p.title(), rules, blocks,
        electorate(ctx), ctx.height());
    long end = ctx.height() + blocks;
    gov.enqueue(GovSchema.VOTING_END, end, p.id());
    return p.voting(issue, end);
  }

  /**
   * Every bonder with its bonded units summed over its validators and, when the default applies,
   * the operator of the validator holding most of its stake (ties: the lower address) as its
   * default delegate. A bonder split over validators follows one of them by default: a DVS voter
   * has one delegate per scope (docs/GOVERNANCE.md says why and what is left).
   */
  static SortedMap<Address, StakeVoter> electorate(TxContext ctx) {
    boolean follow = ctx.param(GovParams.VALIDATOR_DEFAULT_DELEGATION.name()) == 1;
    TreeMap<Address, Long> weight = new TreeMap<>();
    TreeMap<Address, StakeApi.Bond> largest = new TreeMap<>();
    for (StakeApi.Bond b : ctx.api(StakeApi.class).bonds(MAX_ELECTORATE_BONDS)) {
      weight.merge(b.bonder(), b.units(), Math::addExact);
      StakeApi.Bond best = largest.get(b.bonder());
      // bonds come by bonder then validator, so a later equal bond has the higher address
      if (best == null || b.units() > best.units()) largest.put(b.bonder(), b);
    }
    SortedMap<Address, StakeVoter> out = new TreeMap<>();
    weight.forEach((who, units) -> out.put(who, new StakeVoter(units, follow
        ? Optional.of(largest.get(who).validator()) : Optional.empty())));
    return out;
  }

  /** Proposals whose deposit period or vote ends at this block. */
  void endBlock(TxContext ctx) {
    GovStore gov = new GovStore(ctx.state());
    long h = ctx.height();
    for (long id : gov.due(GovSchema.DEPOSIT_END, h)) {
      gov.dequeue(GovSchema.DEPOSIT_END, h, id);
      Proposal p = gov.proposal(id).orElseThrow();
      refund(ctx, gov, p.id());
      close(gov, p.closed(ProposalStatus.EXPIRED, "", "DEPOSIT_PERIOD_ENDED", h));
    }
    for (long id : gov.due(GovSchema.VOTING_END, h)) {
      gov.dequeue(GovSchema.VOTING_END, h, id);
      finishVote(ctx, gov, gov.proposal(id).orElseThrow());
    }
  }

  private static void finishVote(TxContext ctx, GovStore gov, Proposal p) {
    IssueTally tally = ctx.api(DvsApi.class).storedResult(p.issueId()).orElseThrow(
        () -> new IllegalStateException("DVS issue " + p.issueId() + " of proposal " + p.id()
            + " has no result at the end of its vote"));
    String outcome = tally.outcome().name();
    long h = ctx.height();
    switch (tally.outcome()) {
      case PASSED -> {
        Verdict done = GovExecution.execute(ctx, p.content());
        refund(ctx, gov, p.id());
        close(gov, done.ok() ? p.closed(ProposalStatus.PASSED, outcome, "EXECUTED", h)
            : p.closed(ProposalStatus.FAILED, outcome, describe(done), h));
      }
      case VETOED -> {
        long moved = toCommunityPool(ctx, gov, p.id());
        close(gov, p.closed(ProposalStatus.VETOED, outcome, "DEPOSITS_TO_COMMUNITY_POOL "
            + moved, h));
      }
      default -> {
        refund(ctx, gov, p.id());
        close(gov, p.closed(ProposalStatus.REJECTED, outcome, "DEPOSITS_RETURNED", h));
      }
    }
  }

  private static void close(GovStore gov, Proposal p) {
    gov.put(p);
    gov.addOpen(-1);
  }

  /** A failed execution's record: the reason's name and its detail, bounded. */
  static String describe(Verdict v) {
    String s = v.rejection().name() + (v.detail().isEmpty() ? "" : ": " + v.detail());
    return s.length() > 300 ? s.substring(0, 300) : s;
  }

  /** Pays every deposit back to its depositor. */
  private static void refund(TxContext ctx, GovStore gov, long id) {
    Bank bank = ctx.api(Bank.class);
    for (GovApi.Deposit d : gov.deposits(id)) {
      gov.deleteDeposit(id, d.depositor());
      bank.credit(d.depositor(), d.units());
    }
  }

  /** Moves every deposit into the community pool (a veto: the supply is fixed, nothing burns). */
  private static long toCommunityPool(TxContext ctx, GovStore gov, long id) {
    long total = 0;
    for (GovApi.Deposit d : gov.deposits(id)) {
      gov.deleteDeposit(id, d.depositor());
      total = Math.addExact(total, d.units());
    }
    ctx.api(CommunityPoolApi.class).receive(total);
    return total;
  }
}
