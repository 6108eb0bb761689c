package org.bcos.ledger.upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.ledger.upgrade.api.UpgradeRejection;
import org.bcos.storage.Column;
import org.bcos.types.codec.Encoder;

/**
 * The upgrade module's state over a block's working state. Column {@link #SCHEDULED}: key {@link
 * #PLAN_KEY} → the one scheduled plan. Column {@link #APPLIED}: key u64 activation height → the
 * plan that activated there (height 0: a genesis version other than the default). Column {@link
 * #PLANNED}: key u64 activation height → a plan of the genesis not yet scheduled.
 */
final class UpgradeStore implements UpgradeApi {
  static final Column SCHEDULED = new Column(60, "upgrade_scheduled");
  static final Column APPLIED = new Column(61, "upgrade_applied");
  static final Column PLANNED = new Column(62, "upgrade_planned");
  static final byte[] PLAN_KEY = {1};

  private final WorkingState state;

  UpgradeStore(WorkingState state) {
    this.state = state;
  }

  @Override
  public Verdict schedule(UpgradePlan plan) {
    Verdict problem = scheduleProblem(plan);
    if (!problem.ok()) return problem;
    state.put(SCHEDULED, PLAN_KEY, plan.encode());
    return Verdict.OK;
  }

  /** Every check of {@link #schedule}, writing nothing. */
  private Verdict scheduleProblem(UpgradePlan plan) {
    if (!plan.hasValidName() || plan.name().equals(UpgradePlan.GENESIS_NAME)) {
      return Verdict.reject(UpgradeRejection.UPGRADE_NAME_INVALID, plan.name());
    }
    if (plan.height() <= plan.scheduledAt()) {
      return Verdict.reject(UpgradeRejection.UPGRADE_HEIGHT_PASSED, "height " + plan.height()
          + ", scheduled in block " + plan.scheduledAt());
    }
    if (plan.height() - plan.scheduledAt() > MAX_LEAD_BLOCKS) {
      return Verdict.reject(UpgradeRejection.UPGRADE_TOO_FAR, "at most " + MAX_LEAD_BLOCKS
          + " blocks ahead");
    }
    Optional<UpgradePlan> pending = scheduled();
    if (pending.isPresent()) {
      return Verdict.reject(UpgradeRejection.UPGRADE_ALREADY_SCHEDULED, pending.get().describe());
    }
    if (applied().stream().anyMatch(p -> p.name().equals(plan.name()))) {
      return Verdict.reject(UpgradeRejection.UPGRADE_NAME_USED, plan.name());
    }
    int inForce = versionAt(plan.scheduledAt());
    if (plan.version() <= inForce) {
      return Verdict.reject(UpgradeRejection.UPGRADE_VERSION_NOT_NEWER, "version "
          + plan.version() + ", in force " + inForce);
    }
    return Verdict.OK;
  }

  @Override
  public Verdict cancel(String name, long height) {
    Optional<UpgradePlan> pending = scheduled();
    if (pending.isEmpty()) return Verdict.reject(UpgradeRejection.NO_SCHEDULED_UPGRADE, name);
    UpgradePlan plan = pending.get();
    if (!plan.name().equals(name)) {
      return Verdict.reject(UpgradeRejection.UPGRADE_NAME_MISMATCH, "scheduled: " + plan.name());
    }
    if (height >= plan.height()) {
      return Verdict.reject(UpgradeRejection.UPGRADE_ALREADY_ACTIVE, plan.describe());
    }
    state.delete(SCHEDULED, PLAN_KEY);
    return Verdict.OK;
  }

  @Override
  public Optional<UpgradePlan> scheduled() {
    byte[] raw = state.get(SCHEDULED, PLAN_KEY);
    return raw == null ? Optional.empty() : Optional.of(UpgradePlan.decode(raw));
  }

  @Override
  public List<UpgradePlan> applied() {
    List<UpgradePlan> out = new ArrayList<>();
    state.forEach(APPLIED, new byte[0], (k, v) -> out.add(UpgradePlan.decode(v)));
    return out;
  }

  @Override
  public int versionAt(long height) {
    return planAt(height).map(UpgradePlan::version).orElse(Genesis.DEFAULT_PROTOCOL_VERSION);
  }

  @Override
  public Optional<UpgradePlan> planAt(long height) {
    Optional<UpgradePlan> pending = scheduled().filter(p -> p.height() <= height);
    if (pending.isPresent()) return pending;
    UpgradePlan last = null;
    // keys ascend by activation height: the last one at or below the height governs it
    for (UpgradePlan p : applied()) {
      if (p.height() <= height) last = p;
    }
    return Optional.ofNullable(last);
  }

  /** Keeps a genesis' planned upgrade until the one before it has activated. */
  void plan(UpgradePlan plan) {
    state.put(PLANNED, heightKey(plan.height()), plan.encode());
  }

  /** The planned upgrade with the lowest height, removed from the plans; empty when none is left. */
  Optional<UpgradePlan> takeNextPlanned() {
    List<UpgradePlan> planned = planned();
    if (planned.isEmpty()) return Optional.empty();
    UpgradePlan next = planned.getFirst();
    state.delete(PLANNED, heightKey(next.height()));
    return Optional.of(next);
  }

  @Override
  public List<UpgradePlan> planned() {
    List<UpgradePlan> out = new ArrayList<>();
    state.forEach(PLANNED, new byte[0], (k, v) -> out.add(UpgradePlan.decode(v)));
    return out;
  }

  private static byte[] heightKey(long height) {
    return new Encoder(8).u64(height).toByteArray();
  }

  /** Records {@code plan} as activated (the end of the block at its height, or genesis). */
  void markApplied(UpgradePlan plan) {
    state.put(APPLIED, heightKey(plan.height()), plan.encode());
    if (scheduled().filter(p -> p.name().equals(plan.name())).isPresent()) {
      state.delete(SCHEDULED, PLAN_KEY);
    }
  }
}
