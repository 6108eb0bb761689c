package org.bcos.ledger.spi;

import java.util.List;
import java.util.Optional;

/**
 * What a module's end-of-block work asks of the chain. Today: a new active validator set, which
 * governs from the block's height + {@link org.bcos.ledger.ValidatorSets#ACTIVATION_DELAY}.
 *
 * @param validatorSet the whole new active set (address order), if it changed in this block
 */
public record EndBlockEffects(Optional<List<ValidatorPower>> validatorSet) {
  public static final EndBlockEffects NONE = new EndBlockEffects(Optional.empty());

  public EndBlockEffects {
    validatorSet = validatorSet.map(List::copyOf);
  }

  public static EndBlockEffects validatorSet(List<ValidatorPower> set) {
    return new EndBlockEffects(Optional.of(set));
  }

  /** Joins two modules' effects; two modules may not both change the validator set. */
  public EndBlockEffects and(EndBlockEffects other) {
    if (validatorSet.isPresent() && other.validatorSet.isPresent()) {
      throw new IllegalStateException("two modules changed the validator set in one block");
    }
    return validatorSet.isPresent() ? this : other;
  }
}
