package org.bcos.ledger;

import java.util.Optional;
import org.bcos.ledger.upgrade.api.UpgradePlan;

/**
 * The chain's next block runs under a protocol version this software does not ship: the node must
 * stop before that block (it cannot propose, check or commit it) until it runs a release that has
 * the version. Never a fork: the old rules are not applied past the activation height.
 *
 * @param height the first height this software cannot run
 * @param version the protocol version governing it
 * @param plan the upgrade that scheduled it (empty only for a genesis this software cannot run)
 * @param supported the versions this software ships, for people ({@code 1..2})
 */
public record UpgradeRequired(long height, int version, Optional<UpgradePlan> plan,
    String supported) {
  /** The one line a node prints when it stops: the version, the release hash, what to do. */
  public String line() {
    String name = plan.map(p -> " (\"" + p.name() + "\")").orElse("");
    String release = plan.map(p -> "; release sha256 " + p.release().toHex()).orElse("");
    // what to install; getting it is bcos upgrade fetch (docs/GOVERNANCE.md "Release artifacts")
    String install = plan.isPresent() ? "install the release with that sha256 (it ships version "
        + version + ")" : "install a release that ships version " + version;
    return "UPGRADE REQUIRED at height " + height + ": protocol version " + version + name
        + " is not in this software (it runs versions " + supported + ")" + release
        + "; stopped before block " + height + " with nothing committed under the old rules: "
        + install + " and start the node again on the same data directory";
  }
}
