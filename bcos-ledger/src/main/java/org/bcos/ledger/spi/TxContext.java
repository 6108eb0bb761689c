package org.bcos.ledger.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;

/**
 * What a handler sees while it executes in a block: the height, the block's proposer (who earns
 * the fees), the chain parameters governing this block, the block's working state (a module
 * reads and writes only its own columns there) and the other modules' apis.
 */
public final class TxContext {
  private final ModuleRegistry registry;
  private final ChainParams params;
  private final long height;
  private final Address proposer;
  private final WorkingState state;
  private final LongFunction<List<ValidatorPower>> validatorSetAt;
  private final ProtocolRules rules;
  private final Map<Class<?>, Object> apis = new LinkedHashMap<>();

  /** A context under the registry's default protocol version (tools and tests). */
  public TxContext(ModuleRegistry registry, ChainParams params, long height, Address proposer,
      WorkingState state, LongFunction<List<ValidatorPower>> validatorSetAt) {
    this(registry, params, height, proposer, state, validatorSetAt,
        registry.versions().defaultRules());
  }

  /** A context of a block at {@code height} running under {@code rules}. */
  public TxContext(ModuleRegistry registry, ChainParams params, long height, Address proposer,
      WorkingState state, LongFunction<List<ValidatorPower>> validatorSetAt,
      ProtocolRules rules) {
    this.rules = rules;
    this.registry = registry;
    this.params = params;
    this.height = height;
    this.proposer = proposer;
    this.state = state;
    this.validatorSetAt = validatorSetAt;
  }

  public ChainParams params() {
    return params;
  }

  /** The rules of the protocol version governing this block. */
  public ProtocolRules rules() {
    return rules;
  }

  public long height() {
    return height;
  }

  public Address proposer() {
    return proposer;
  }

  /** The block's working state (the caller module's own columns only). */
  public WorkingState state() {
    return state;
  }

  /** The active validator set that governs {@code height} (>= 1), as committed. */
  public List<ValidatorPower> validatorSetAt(long height) {
    return validatorSetAt.apply(height);
  }

  /** Another module's api, bound to this block's state. */
  public <A> A api(Class<A> type) {
    return type.cast(apis.computeIfAbsent(type, t -> registry.api(type, state)));
  }

  /** The chain's modules (for what they declare: parameters, message types). */
  public ModuleRegistry registry() {
    return registry;
  }

  /** Any parameter declared by a module, as governing this block. */
  public long param(String name) {
    return params.value(name);
  }
}
