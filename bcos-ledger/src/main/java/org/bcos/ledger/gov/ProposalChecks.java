package org.bcos.ledger.gov;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.gov.api.GovRejection;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalContent.CancelUpgrade;
import org.bcos.ledger.gov.api.ProposalContent.CommunitySpend;
import org.bcos.ledger.gov.api.ProposalContent.ParamChange;
import org.bcos.ledger.gov.api.ProposalContent.ParamValue;
import org.bcos.ledger.gov.api.ProposalContent.SoftwareUpgrade;
import org.bcos.ledger.gov.api.ProposalContent.Text;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.params.api.ParamsRejection;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.CommunityPoolApi;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.ledger.upgrade.api.UpgradeRejection;
import org.bcos.types.Hash;

/**
 * The checks of a proposal's content: pure ones, and those against the state of a block, run when
 * it is submitted (refused by name) and again when it passes (the state may have moved: a failure
 * then is recorded and nothing changes).
 */
final class ProposalChecks {
  /**
   * Rules between parameters: the first must stay strictly below the second. Unbonding stake must
   * stay slashable for its whole life, so evidence must be accepted for longer than unbonding.
   */
  static final List<List<String>> BELOW = List.of(
      List.of("unbondingPeriodBlocks", "maxEvidenceAgeBlocks"));

  private ProposalChecks() {}

  /** Checks that need no state. */
  static Verdict pure(ProposalContent content) {
    return switch (content) {
      case ParamChange p -> pureParams(p);
      case SoftwareUpgrade u -> u.version() >= 1 && u.height() >= 0
          && plan(u, 0).hasValidName() && !u.release().equals(Hash.ZERO) ? Verdict.OK
          : Verdict.reject(GovRejection.PROPOSAL_CONTENT_INVALID, "upgrade name '" + u.name()
              + "' (1-64 of a-z 0-9 . _ -), version " + u.version() + " (>= 1), height "
              + u.height() + " or an all-zero release hash");
      case CancelUpgrade c -> c.name().isEmpty() ? Verdict.reject(
          GovRejection.PROPOSAL_CONTENT_INVALID, "name the upgrade to cancel") : Verdict.OK;
      case CommunitySpend s -> s.units() > 0 ? Verdict.OK
          : Verdict.reject(GovRejection.PROPOSAL_CONTENT_INVALID, "a spend must be positive");
      case Text t -> Verdict.OK;
    };
  }

  private static Verdict pureParams(ParamChange p) {
    if (p.changes().isEmpty() || p.changes().size() > ProposalContent.MAX_CHANGES) {
      return Verdict.reject(GovRejection.PROPOSAL_CONTENT_INVALID, "1.."
          + ProposalContent.MAX_CHANGES + " parameter changes, got " + p.changes().size());
    }
    TreeSet<String> names = new TreeSet<>();
    for (ParamValue c : p.changes()) {
      if (!names.add(c.name())) {
        return Verdict.reject(GovRejection.PROPOSAL_CONTENT_INVALID, c.name() + " twice");
      }
    }
    return Verdict.OK;
  }

  /**
   * Checks against the block's state. {@code atSubmit}: the vote has not run yet, so an upgrade
   * must leave room for the whole voting period as well as the lead.
   */
  static Verdict stateful(TxContext ctx, ProposalContent content, boolean atSubmit) {
    long h = ctx.height();
    return switch (content) {
      case ParamChange p -> params(ctx, p);
      case SoftwareUpgrade u -> upgrade(ctx, u, atSubmit ? h + ctx.param(
          GovParams.VOTING_PERIOD_BLOCKS.name()) : h);
      case CancelUpgrade c -> ctx.api(UpgradeApi.class).scheduled()
          .filter(s -> s.name().equals(c.name())).isPresent() ? Verdict.OK
          : Verdict.reject(GovRejection.NO_UPGRADE_TO_CANCEL, c.name());
      case CommunitySpend s -> s.units() <= ctx.api(CommunityPoolApi.class).balance() ? Verdict.OK
          : Verdict.reject(GovRejection.COMMUNITY_POOL_INSUFFICIENT, "pool holds "
              + ctx.api(CommunityPoolApi.class).balance() + " units, spend " + s.units());
      case Text t -> Verdict.OK;
    };
  }

  /** Each parameter in state now, within its bounds, and the rules between them kept. */
  private static Verdict params(TxContext ctx, ParamChange p) {
    SortedMap<String, Long> values = new TreeMap<>(ctx.api(ParamsApi.class)
        .valuesAt(ctx.height()));
    for (ParamValue c : p.changes()) {
      Optional<ParamSpec> spec = ctx.registry().param(c.name());
      if (spec.isEmpty() || !values.containsKey(c.name())) {
        return Verdict.reject(ParamsRejection.UNKNOWN_PARAM, c.name());
      }
      if (!spec.get().allows(c.value())) {
        return Verdict.reject(ParamsRejection.PARAM_OUT_OF_RANGE, c.name() + " = " + c.value()
            + " (bounds " + spec.get().min() + ".." + spec.get().max() + ")");
      }
      values.put(c.name(), c.value());
    }
    TreeSet<String> changed = new TreeSet<>();
    for (ParamValue c : p.changes()) changed.add(c.name());
    for (List<String> rule : BELOW) {
      // only a proposal touching a rule answers for it: one that predates it blocks nothing else
      if (!changed.contains(rule.get(0)) && !changed.contains(rule.get(1))) continue;
      Long low = values.get(rule.get(0));
      Long high = values.get(rule.get(1));
      if (low != null && high != null && low >= high) {
        return Verdict.reject(GovRejection.PARAM_RULE_BROKEN, rule.get(0) + " (" + low
            + ") must stay below " + rule.get(1) + " (" + high + ")");
      }
    }
    return Verdict.OK;
  }

  /** Not in the past, at least the lead after {@code earliestEnd}, a newer version. */
  private static Verdict upgrade(TxContext ctx, SoftwareUpgrade u, long earliestEnd) {
    long h = ctx.height();
    if (u.height() <= h) {
      return Verdict.reject(GovRejection.UPGRADE_HEIGHT_IN_PAST, "height " + u.height()
          + ", this block " + h);
    }
    long lead = ctx.param(GovParams.UPGRADE_MIN_LEAD_BLOCKS.name());
    if (u.height() - earliestEnd < lead) {
      return Verdict.reject(GovRejection.UPGRADE_TOO_SOON, "height " + u.height()
          + ", earliest allowed " + (earliestEnd + lead));
    }
    int inForce = ctx.api(UpgradeApi.class).versionAt(h);
    if (u.version() <= inForce) {
      return Verdict.reject(UpgradeRejection.UPGRADE_VERSION_NOT_NEWER, "version "
          + u.version() + ", in force " + inForce);
    }
    return Verdict.OK;
  }

  /** The upgrade plan a passed proposal schedules in the block at {@code height}. */
  static UpgradePlan plan(SoftwareUpgrade u, long height) {
    return new UpgradePlan(u.name(), Math.max(u.version(), 1), u.release(),
        Math.max(u.height(), 0), height);
  }
}
