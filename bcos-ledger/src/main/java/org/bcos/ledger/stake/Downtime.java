package org.bcos.ledger.stake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.types.Address;

/**
 * Counts missed precommits over a sliding window of {@code downtimeWindowBlocks} and names the
 * validators to slash for downtime (Cosmos {@code x/slashing} HandleValidatorSignature): once a
 * validator has been counted for a whole window, more than {@code window - window *
 * minSignedBasisPoints / 10,000} misses in the last window put it down. Its record then starts
 * over (so one outage is punished once), as it does when governance changes the window.
 */
final class Downtime {
  private final StakingStore store;
  private final StakingParams params;

  Downtime(StakingStore store, StakingParams params) {
    this.store = store;
    this.params = params;
  }

  /**
   * Records, for every member of {@code set} (the set that governed the previous block), whether
   * it is among {@code signers}; returns the consensus keys now down, in set order.
   */
  List<Address> record(List<ValidatorPower> set, Set<Address> signers) {
    long window = params.downtimeWindowBlocks();
    long maxMissed = window - StakeMath.ofBasisPoints(window, params.minSignedBasisPoints());
    List<Address> down = new ArrayList<>();
    for (ValidatorPower member : set) {
      Address key = member.address();
      SigningRecord r = store.signing(key).orElse(SigningRecord.fresh(window));
      if (r.window() != window) {
        // the window was changed by governance: its slots mean other blocks now, start over
        store.clearSigning(key);
        r = SigningRecord.fresh(window);
      }
      long slot = r.counted() % window;
      boolean wasMissed = store.missedBit(key, slot);
      boolean missed = !signers.contains(key);
      store.setMissedBit(key, slot, missed);
      long count = r.missed() + (missed ? 1 : 0) - (wasMissed ? 1 : 0);
      SigningRecord next = new SigningRecord(window, r.counted() + 1, count);
      if (next.counted() >= window && count > maxMissed) {
        down.add(key);
        store.clearSigning(key);
      } else {
        store.putSigning(key, next);
      }
    }
    return down;
  }

  /** The record of {@code consensusKey}, if it has been counted. */
  Optional<SigningRecord> recordOf(Address consensusKey) {
    return store.signing(consensusKey);
  }
}
