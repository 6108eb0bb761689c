package org.bcos.node.release;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.p2p.ReleaseExchange;
import org.bcos.types.Hash;

/**
 * The release store as P2P release exchange sees it: a node serves an artifact only when it is
 * verified on its disk <em>and</em> is the release of one of the chain's upgrades (scheduled,
 * planned in the genesis, or applied), read from the committed head state. So a node never
 * serves arbitrary files, only what the chain voted.
 */
public final class NodeReleases implements ReleaseExchange.Releases {
  private final Ledger ledger;
  private final ReleaseStore store;

  public NodeReleases(Ledger ledger, ReleaseStore store) {
    this.ledger = ledger;
    this.store = store;
  }

  public ReleaseStore store() {
    return store;
  }

  /** The release the node fetches: the scheduled upgrade's, else the first planned one's. */
  public Optional<UpgradePlan> wanted() {
    UpgradeApi upgrades = ledger.api(UpgradeApi.class);
    Optional<UpgradePlan> scheduled = upgrades.scheduled();
    if (scheduled.isPresent()) return scheduled;
    return upgrades.planned().stream().findFirst();
  }

  /** The releases of every scheduled, planned and applied upgrade, in that order. */
  Set<Hash> chainReleases() {
    UpgradeApi upgrades = ledger.api(UpgradeApi.class);
    Set<Hash> out = new LinkedHashSet<>();
    upgrades.scheduled().ifPresent(p -> out.add(p.release()));
    for (UpgradePlan p : upgrades.planned()) out.add(p.release());
    for (UpgradePlan p : upgrades.applied()) out.add(p.release());
    return out;
  }

  @Override
  public long servedSize(Hash release) {
    return chainReleases().contains(release) ? store.size(release) : -1;
  }

  @Override
  public List<Hash> served() {
    List<Hash> out = new ArrayList<>();
    for (Hash h : chainReleases()) if (store.has(h)) out.add(h);
    return out;
  }

  @Override
  public byte[] read(Hash release, long offset, int length) throws IOException {
    return store.read(release, offset, length);
  }

  @Override
  public Path newTempFile(Hash release) throws IOException {
    return store.newTempFile(release);
  }

  @Override
  public boolean adopt(Path temp, Hash release) throws IOException {
    return store.adopt(temp, release);
  }
}
