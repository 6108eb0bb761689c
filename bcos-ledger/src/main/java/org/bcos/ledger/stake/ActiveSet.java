package org.bcos.ledger.stake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Address;

/**
 * The active set of a staking chain: the top {@code maxValidators} unjailed validators whose
 * operator bonds at least the minimum self-bond, by bonded tokens descending, ties by
 * consensus-key bytes ascending; reported in consensus-key order, as the ledger keeps sets.
 */
final class ActiveSet {
  private ActiveSet() {}

  static List<ValidatorPower> of(StakingStore store, Bonding bonding, StakingParams params) {
    List<ValidatorPower> out = new ArrayList<>(ranked(store, bonding, params));
    out.sort(Comparator.comparing(ValidatorPower::address));
    return List.copyOf(out);
  }

  /** The active set in rank order: the first holds the most tokens (queries show the rank). */
  static List<ValidatorPower> ranked(StakingStore store, Bonding bonding, StakingParams params) {
    List<StakingValidator> eligible = new ArrayList<>();
    for (Map.Entry<Address, StakingValidator> e : store.validators()) {
      StakingValidator v = e.getValue();
      if (v.jailed() || v.tombstoned() || v.power() == 0) continue;
      if (bonding.bondOf(e.getKey(), e.getKey()) < params.minSelfBondUnits()) continue;
      eligible.add(v);
    }
    eligible.sort(Comparator.comparingLong(StakingValidator::tokens).reversed()
        .thenComparing(StakingValidator::consensusKey));
    List<ValidatorPower> out = new ArrayList<>();
    for (StakingValidator v : eligible.subList(0,
        (int) Math.min(eligible.size(), params.maxValidators()))) {
      out.add(new ValidatorPower(v.consensusKey(), v.power()));
    }
    return out;
  }
}
