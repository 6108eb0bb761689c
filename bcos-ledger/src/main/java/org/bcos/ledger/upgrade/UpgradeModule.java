package org.bcos.ledger.upgrade;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Invariants;
import org.bcos.ledger.spi.ApiBinding;
import org.bcos.ledger.spi.EndBlockEffects;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.ledger.upgrade.api.UpgradeRejection;
import org.bcos.ledger.upgrade.rpc.UpgradeRpc;
import org.bcos.types.Hash;
import org.bcos.types.tx.Rejection;

/**
 * The upgrade module (Cosmos' {@code x/upgrade}): holds the one scheduled software upgrade (name,
 * protocol version, SHA-256 of the release artifact, activation height) and the history of those
 * that activated, from which the ledger reads the protocol version governing every height. It has
 * no messages: governance schedules and cancels through {@link UpgradeApi}. No parameters in
 * state, on purpose: one would change the genesis state of every existing chain (docs/GOVERNANCE.md
 * "Upgrades"); the "too soon" policy is governance's.
 */
public final class UpgradeModule implements LedgerModule {
  @Override
  public String name() {
    return "upgrade";
  }

  @Override
  public ModuleSchema schema() {
    return ModuleSchema.v1(List.of(UpgradeStore.SCHEDULED, UpgradeStore.APPLIED,
        UpgradeStore.PLANNED));
  }

  @Override
  public List<MessageType<?>> messages() {
    return List.of();
  }

  @Override
  public List<? extends Rejection> rejections() {
    return List.of(UpgradeRejection.values());
  }

  /**
   * Records a genesis version other than the default (so that genesis hash differs from the same
   * genesis at another version); a genesis at the default writes nothing, as every chain did
   * before protocol versions existed. Schedules the genesis' first planned upgrade as governance
   * would, and keeps the others for later ({@link #endBlock}); a genesis without plans writes
   * nothing more.
   */
  @Override
  public void initGenesis(Genesis genesis, TxContext ctx) {
    UpgradeStore store = store(ctx);
    if (genesis.protocolVersion() != Genesis.DEFAULT_PROTOCOL_VERSION) {
      store.markApplied(new UpgradePlan(UpgradePlan.GENESIS_NAME, genesis.protocolVersion(),
          Hash.ZERO, 0, 0));
    }
    for (UpgradePlan plan : genesis.upgrades()) store.plan(plan);
    scheduleNextPlanned(store, 0);
  }

  /**
   * At the end of the block at the scheduled height, the plan has governed it: it is applied.
   * Then, with nothing scheduled, the next planned upgrade of the genesis is scheduled in this
   * block (the same call governance makes).
   */
  @Override
  public EndBlockEffects endBlock(TxContext ctx) {
    UpgradeStore store = store(ctx);
    Optional<UpgradePlan> plan = store.scheduled();
    if (plan.isPresent()) {
      Invariants.check(plan.get().height() >= ctx.height(),
          "scheduled upgrade " + plan.get().describe() + " was not applied at its height");
      if (plan.get().height() == ctx.height()) store.markApplied(plan.get());
    }
    scheduleNextPlanned(store, ctx.height());
    return EndBlockEffects.NONE;
  }

  /**
   * Schedules the earliest planned upgrade in the block at {@code height} when none is
   * scheduled. Genesis checked the plans' order, so only governance can make one unschedulable
   * (by cancelling and scheduling its own): such a plan, overtaken, is dropped.
   */
  private static void scheduleNextPlanned(UpgradeStore store, long height) {
    while (store.scheduled().isEmpty()) {
      Optional<UpgradePlan> next = store.takeNextPlanned();
      if (next.isEmpty()) return;
      UpgradePlan p = next.get();
      store.schedule(new UpgradePlan(p.name(), p.version(), p.release(), p.height(), height));
    }
  }

  @Override
  public List<ApiBinding<?>> apis() {
    return List.of(new ApiBinding<>(UpgradeApi.class,
        (state, registry) -> new UpgradeStore(state)));
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return Optional.of(new UpgradeRpc());
  }

  private static UpgradeStore store(TxContext ctx) {
    return (UpgradeStore) ctx.api(UpgradeApi.class);
  }
}
