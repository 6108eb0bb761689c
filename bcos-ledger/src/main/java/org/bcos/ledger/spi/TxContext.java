package org.bcos.ledger.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;

/**
 * What a handler sees while it executes in a block: the height, the block's proposer, the account
 * its fees go to (the proposer, or a collecting module's), the chain parameters governing this
 * block, the block's working state (a module reads and writes only its own columns there), the
 * other modules' apis, and the previous block's signers when the block carries them.
 */
public final class TxContext {
  private final ModuleRegistry registry;
  private final ChainParams params;
  private final long height;
  private final Address proposer;
  private final Address feeCollector;
  private final WorkingState state;
  private final LongFunction<List<ValidatorPower>> validatorSetAt;
  private final ProtocolRules rules;
  private final java.util.Optional<java.util.Set<Address>> lastCommitSigners;
  private final Map<Class<?>, Object> apis = new LinkedHashMap<>();

  /** A context under the registry's default protocol version (tools and tests). */
  public TxContext(ModuleRegistry registry, ChainParams params, long height, Address proposer,
      WorkingState state, LongFunction<List<ValidatorPower>> validatorSetAt) {
    this(registry, params, height, proposer, state, validatorSetAt,
        registry.versions().defaultRules());
  }

  /** A context of a block at {@code height} running under {@code rules}, carrying no signers. */
  public TxContext(ModuleRegistry registry, ChainParams params, long height, Address proposer,
      WorkingState state, LongFunction<List<ValidatorPower>> validatorSetAt,
      ProtocolRules rules) {
    this(registry, params, height, proposer, state, validatorSetAt, rules,
        java.util.Optional.empty());
  }

  /**
   * A context of a block at {@code height} running under {@code rules} that also knows who signed
   * the commit of the previous block ({@link #lastCommitSigners}).
   */
  public TxContext(ModuleRegistry registry, ChainParams params, long height, Address proposer,
      WorkingState state, LongFunction<List<ValidatorPower>> validatorSetAt,
      ProtocolRules rules, java.util.Optional<java.util.Set<Address>> lastCommitSigners) {
    this.rules = java.util.Objects.requireNonNull(rules, "rules");
    // a sorted copy: state may be built from it, so no hash order
    this.lastCommitSigners = lastCommitSigners.map(s -> java.util.Collections
        .unmodifiableSortedSet(new java.util.TreeSet<>(s)));
    this.registry = registry;
    this.params = params;
    this.height = height;
    this.proposer = proposer;
    this.feeCollector = registry.feeCollector(rules, proposer);
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

  /** The account this block's fees are paid into: the proposer, or a collecting module's. */
  public Address feeCollector() {
    return feeCollector;
  }

  /** The block's working state (the caller module's own columns only). */
  public WorkingState state() {
    return state;
  }

  /** The active validator set that governs {@code height} (>= 1), as committed. */
  public List<ValidatorPower> validatorSetAt(long height) {
    return validatorSetAt.apply(height);
  }

  /**
   * The validators (consensus keys) whose precommits for the previous block this block carries,
   * when it carries them: from protocol version 3, every block after block 1 carries the
   * previous block's commit certificate, checked before the block runs (docs/GOVERNANCE.md
   * "Downtime slashing"); empty for block 1 and for blocks of earlier versions.
   */
  public java.util.Optional<java.util.Set<Address>> lastCommitSigners() {
    return lastCommitSigners;
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
