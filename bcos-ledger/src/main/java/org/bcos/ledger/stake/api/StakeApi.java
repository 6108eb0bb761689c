package org.bcos.ledger.stake.api;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.types.Address;

/** What other modules and tools may read of the stake module's state. */
public interface StakeApi {
  /** A validator's bonded stake and standing. */
  Optional<ValidatorStake> validator(Address address);

  /** Units slashed so far, held by the chain (part of the fixed supply). */
  long slashedPool();

  /** The active validators, in ascending address-byte order. */
  List<ValidatorPower> activeSet();
}
