package org.bcos.node;

import java.util.concurrent.CompletableFuture;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.UpgradeRequired;

/**
 * Notices that the chain's next block runs under a protocol version this software lacks, however
 * the node got there (a validator deciding the block before it, a follower or a catching-up node
 * importing it, or a start on such a chain): raises the blocking health fault {@code
 * UPGRADE_REQUIRED} whose detail is the one line, and completes {@link #required()} once, so the
 * process can close its storage and exit with its own status (the supervisor's signal).
 */
final class UpgradeStop {
  static final String ACTION = "install the release with that protocol version and start the node"
      + " again on the same data directory";

  private final Ledger ledger;
  private final NodeHealth health;
  private final CompletableFuture<UpgradeRequired> required = new CompletableFuture<>();

  UpgradeStop(Ledger ledger, NodeHealth health) {
    this.ledger = ledger;
    this.health = health;
  }

  /** Checks the next height; called after every committed block and once at start. */
  void check() {
    if (required.isDone()) return;
    ledger.upgradeRequired().ifPresent(stop -> {
      health.raise(NodeHealth.Fault.UPGRADE_REQUIRED, stop.line(), ACTION);
      required.complete(stop);
    });
  }

  /** Completes with the stop the first time the node reaches a height it cannot run. */
  CompletableFuture<UpgradeRequired> required() {
    return required;
  }
}
