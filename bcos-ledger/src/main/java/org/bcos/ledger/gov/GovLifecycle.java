package org.bcos.ledger.gov;

import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.bcos.ledger.spi.ValidatorPower;
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
   * a default delegate: the operator of the active validator (governing this block, not jailed)
   * holding most of its stake, ties to the lower operator address. As Cosmos tallies only bonded
   * validators, a bonder of a jailed or inactive validator has no default: it counts only if it
   * votes or delegates itself. A bonder split over validators follows one of them for all of its
   * weight: a DVS voter has one delegate per scope (docs/GOVERNANCE.md says why).
   */
  static SortedMap<Address, StakeVoter> electorate(TxContext ctx) {
    boolean follow = ctx.param(GovParams.VALIDATOR_DEFAULT_DELEGATION.name()) == 1;
    Set<Address> active = follow ? activeOperators(ctx) : new TreeSet<>();
    TreeMap<Address, Long> weight = new TreeMap<>();
    TreeMap<Address, StakeApi.Bond> largest = new TreeMap<>();
    for (StakeApi.Bond b : ctx.api(StakeApi.class).bonds(MAX_ELECTORATE_BONDS)) {
      weight.merge(b.bonder(), b.units(), Math::addExact);
      if (!active.contains(b.validator())) continue;
      StakeApi.Bond best = largest.get(b.bonder());
      if (best == null || isBetterDefault(b, best)) largest.put(b.bonder(), b);
    }
    SortedMap<Address, StakeVoter> out = new TreeMap<>();
    weight.forEach((who, units) -> out.put(who, new StakeVoter(units,
        Optional.ofNullable(largest.get(who)).map(StakeApi.Bond::validator))));
    return out;
  }

  /**
   * Whether {@code b} beats {@code best} as a bonder's default: more units, or as many with the
   * lower operator address (decided here, not by the order the bonds are listed in).
   */
  static boolean isBetterDefault(StakeApi.Bond b, StakeApi.Bond best) {
    if (b.units() != best.units()) return b.units() > best.units();
    return b.validator().compareTo(best.validator()) < 0;
  }

  /** Operators of the validators in the set governing this block that are not jailed. */
  private static Set<Address> activeOperators(TxContext ctx) {
    StakeApi stake = ctx.api(StakeApi.class);
    Set<Address> out = new TreeSet<>();
    for (ValidatorPower v : ctx.validatorSetAt(ctx.height())) {
      Optional<Address> operator = stake.operatorOf(v.address());
      if (operator.isPresent() && stake.stakingValidator(operator.get())
          .filter(s -> !s.jailed()).isPresent()) {
        out.add(operator.get());
      }
    }
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
