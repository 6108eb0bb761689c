package org.bcos.ledger.spi;

import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.tx.Rejection;

/**
 * One ledger module: a unit of chain state and the messages that change it (Cosmos SDK's {@code
 * x/<module>}, Hedera's services). Every module has the same shape, and the ledger knows modules
 * only through this interface and the {@link ModuleRegistry} built from them:
 *
 * <ul>
 *   <li>{@link #schema()}: its state columns, schema version and migration hook;
 *   <li>{@link #messages()}: the message types it handles, each with its wire tag, decoder and
 *       {@link MessageHandler} (stateless checks, admission check, execution);
 *   <li>{@link #rejections()}: the named reasons its handlers return;
 *   <li>{@link #params()}: the chain parameters it declares (kept in state by the params module);
 *   <li>{@link #initGenesis}: its genesis state;
 *   <li>{@link #endBlock}: work at the end of every block, returning its effects on the chain
 *       (validator-set changes) instead of the ledger reading the module's keys;
 *   <li>{@link #holdings()}: the state entries that hold coins, for the fixed-supply invariant;
 *   <li>{@link #apis()}: the interfaces other modules may call (its {@code api} package);
 *   <li>{@link #rpc()}: its query methods and the JSON of its messages.
 * </ul>
 *
 * A module reaches another module only through that module's {@code api} interfaces ({@link
 * TxContext#api}); it never reads another module's columns.
 */
public interface LedgerModule {
  /** Short lower-case name, unique in a registry (e.g. {@code coin}). */
  String name();

  /** Its storage: columns, version and migration. */
  ModuleSchema schema();

  /** The message types it handles (possibly none). */
  List<MessageType<?>> messages();

  /** Every reason its handlers may refuse a message with. */
  List<? extends Rejection> rejections();

  /** Chain parameters it declares, with bounds and documentation. */
  default List<ParamSpec> params() {
    return List.of();
  }

  /**
   * Writes its genesis state (modules run in registration order); only a module active under the
   * genesis' protocol version runs it.
   */
  default void initGenesis(Genesis genesis, TxContext ctx) {}

  /**
   * Writes its initial state when an upgrade activates it on a chain that ran without it, or
   * brings parameters of it (a version that adds rules to a module already active: the module
   * tells which by {@code ctx.rules()}): at the start of the block at the activation height,
   * before that block's transactions, after the ledger has written the brought parameters'
   * defaults from that height (so {@code ctx.params()} holds them). Deterministic, like
   * everything in a block.
   */
  default void activate(TxContext ctx) {}

  /**
   * The protocol versions that change this module's state layout without bringing a parameter
   * of it (a version that adds an index): at the first block of each, when the chain upgrades
   * across it, {@link #activate} runs too, and migrates the state (docs/GOVERNANCE.md "Modules
   * and parameters an upgrade activates"). A chain that starts at or above such a version writes
   * that layout from genesis.
   */
  default List<Integer> migratesAt() {
    return List.of();
  }

  /** Runs after the block's last transaction; returns what the chain must do about it. */
  default EndBlockEffects endBlock(TxContext ctx) {
    return EndBlockEffects.NONE;
  }

  /** State entries that hold coins (counted by the supply invariant). */
  default List<Holding> holdings() {
    return List.of();
  }

  /** The module's api implementations, bound to a block's state. */
  default List<ApiBinding<?>> apis() {
    return List.of();
  }

  /**
   * The account a block's fees are paid into, if this module collects them (a distribution of
   * fees to stakers) in a block under {@code rules}; otherwise fees go to the block's proposer.
   * At most one module of a chain may answer.
   */
  default Optional<org.bcos.types.Address> feeCollector(ProtocolRules rules) {
    return Optional.empty();
  }

  /** The module's part of the JSON-RPC API (query methods, message JSON), if any. */
  default Optional<ModuleRpc> rpc() {
    return Optional.empty();
  }

  /**
   * The validator-set changes this module has recorded in committed state, by the height of the
   * block that made each (only a module that returns validator sets from {@link #endBlock} has
   * any). The ledger rebuilds its validator schedule from them when it opens a data directory or a
   * state snapshot.
   */
  default NavigableMap<Long, List<ValidatorPower>> recordedValidatorSets(KeyValueStore store) {
    return new TreeMap<>();
  }
}
