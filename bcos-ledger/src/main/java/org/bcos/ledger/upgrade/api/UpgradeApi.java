package org.bcos.ledger.upgrade.api;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.spi.Verdict;

/**
 * The upgrade module's api, bound to a block's state: what the gov module calls when an upgrade
 * proposal passes (or is cancelled), what the ledger reads to know the protocol version governing
 * a height, and what queries show. At most one upgrade is scheduled at a time; at the end of the
 * block at its height it becomes applied.
 */
public interface UpgradeApi {
  /** The furthest ahead of the scheduling block an activation height may be. */
  long MAX_LEAD_BLOCKS = 10_000_000;

  /**
   * Schedules {@code plan}, made in the block at {@code plan.scheduledAt()}. Refuses, writing
   * nothing: a malformed name, a height not after the scheduling block or too far ahead, a plan
   * while another is scheduled, a name that already activated, a version not newer than the one
   * in force. The version need not be one this software ships.
   */
  Verdict schedule(UpgradePlan plan);

  /** Cancels the scheduled upgrade named {@code name}, in the block at {@code height}. */
  Verdict cancel(String name, long height);

  /** The upgrade scheduled and not yet activated, if any. */
  Optional<UpgradePlan> scheduled();

  /**
   * The genesis' planned upgrades not yet scheduled, by activation height: each is scheduled when
   * nothing else is (at genesis, or in the block where the one before it activates).
   */
  List<UpgradePlan> planned();

  /** Every upgrade that activated, by activation height (the genesis version first if recorded). */
  List<UpgradePlan> applied();

  /** The protocol version governing the block at {@code height}, as this state knows it. */
  int versionAt(long height);

  /** The plan that made {@code versionAt(height)}, empty when that is the default version. */
  Optional<UpgradePlan> planAt(long height);
}
