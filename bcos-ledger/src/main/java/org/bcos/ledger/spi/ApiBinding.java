package org.bcos.ledger.spi;

import org.bcos.ledger.state.WorkingState;

/**
 * A module's api interface and how to bind its implementation to a block's state: what other
 * modules receive from {@link TxContext#api} (Cosmos' expected keepers).
 */
public record ApiBinding<A>(Class<A> type, Factory<? extends A> factory) {
  /** Binds the implementation to {@code state}; {@code registry} gives it other modules' apis. */
  @FunctionalInterface
  public interface Factory<A> {
    A bind(WorkingState state, ModuleRegistry registry);
  }
}
