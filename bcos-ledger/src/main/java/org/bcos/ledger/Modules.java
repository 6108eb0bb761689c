package org.bcos.ledger;

import java.util.List;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.CoinModule;
import org.bcos.ledger.dvs.DvsModule;
import org.bcos.ledger.params.ParamsModule;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.ledger.spi.ProtocolVersions;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.state.ChainSchema;
import org.bcos.ledger.tx.TransactionProcessor;
import org.bcos.storage.Column;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * The chain's ledger modules: the one place a module is registered. Adding a module is a change
 * to its own package plus one line here.
 */
public final class Modules {
  private Modules() {}

  /** Every module of the chain, its stake module checking evidence with {@code evidence}. */
  public static ModuleRegistry standard(EvidenceCheck evidence) {
    return new ModuleRegistry(List.of(
        new ParamsModule(),
        new CoinModule(),
        new StakeModule(evidence),
        new DvsModule(),
        new org.bcos.ledger.notary.NotaryModule(),
        new org.bcos.ledger.upgrade.UpgradeModule(),
        new org.bcos.ledger.gov.GovModule()), VERSIONS);
  }

  /**
   * The standard modules as software shipping only the protocol versions up to {@code
   * maxVersion} ({@link ModuleRegistry#upToVersion}): the node's test and operator knob to run
   * "a release without version N".
   */
  public static ModuleRegistry standard(EvidenceCheck evidence, int maxVersion) {
    return standard(evidence).upToVersion(maxVersion);
  }

  /** Version 1: the chain without the notary (a chain may start here and gain it by upgrade). */
  private static final ProtocolRules BASE = new ProtocolRules(1, "base",
      new java.util.TreeSet<>(List.of("params", "coin", "stake", "dvs", "upgrade")));

  /**
   * Every protocol version this software ships (docs/GOVERNANCE.md "Upgrades"): a new version is
   * one line here. Version 2 is what every chain made before versions existed has run since
   * genesis, and the default of a genesis that names none. Version 3 runs the same modules and
   * brings staking (the stake module's parameters declared since it, and its rules); version 4
   * adds the gov module (proposals voted through DVS's chain community); version 5 runs the same
   * modules and brings the coin module's multi-send (a message and its parameter declared since
   * it); version 6 runs the same modules and brings DVS's indexes (delegations by delegate,
   * issues by community), built from existing state at its first block.
   */
  public static final ProtocolVersions VERSIONS = new ProtocolVersions(List.of(
      BASE,
      BASE.plus(2, "notary", "notary"),
      BASE.plus(2, "notary", "notary").plus(org.bcos.ledger.stake.StakeModule.STAKING_VERSION,
          "staking"),
      BASE.plus(2, "notary", "notary").plus(org.bcos.ledger.stake.StakeModule.STAKING_VERSION,
          "staking").plus(org.bcos.ledger.gov.GovModule.GOV_VERSION, "gov", "gov"),
      BASE.plus(2, "notary", "notary").plus(org.bcos.ledger.stake.StakeModule.STAKING_VERSION,
          "staking").plus(org.bcos.ledger.gov.GovModule.GOV_VERSION, "gov", "gov")
          .plus(org.bcos.ledger.coin.api.CoinMultiSend.SINCE_VERSION, "batch-payments"),
      BASE.plus(2, "notary", "notary").plus(org.bcos.ledger.stake.StakeModule.STAKING_VERSION,
          "staking").plus(org.bcos.ledger.gov.GovModule.GOV_VERSION, "gov", "gov")
          .plus(org.bcos.ledger.coin.api.CoinMultiSend.SINCE_VERSION, "batch-payments")
          .plus(org.bcos.ledger.dvs.DvsSchema.INDEXES_VERSION, "dvs-indexes")));

  /**
   * The standard modules, for decoding and describing messages, the schema and the parameters
   * (its stake module refuses all evidence: use {@link #standard} to run a chain).
   */
  public static final ModuleRegistry STANDARD = standard(EvidenceCheck.NONE);

  /** Every column a data directory of the standard chain has (chain columns and module state). */
  public static List<Column> columns() {
    return ChainSchema.all(STANDARD.stateColumns());
  }

  /** The fixed-supply invariant over the standard modules' holdings. */
  public static SupplyInvariant supplyInvariant() {
    return new SupplyInvariant(STANDARD.holdings());
  }

  /** The standard modules' message-type rules (fee-free or not, cost), without chain state. */
  private static final TransactionProcessor MESSAGE_RULES = new TransactionProcessor(STANDARD,
      () -> {
        throw new IllegalStateException("message-type rules only: no chain parameters here");
      });

  /** Fee 0 on a message type that may go fee-free (the stamp is checked when it executes). */
  public static boolean isFeeFree(Transaction tx) {
    return MESSAGE_RULES.isFeeFree(tx);
  }

  /**
   * The least fee {@code message} must pay on a chain whose minimum fee is {@code minFeeUnits}
   * (a multi-send pays it per output): the fee a client offers by default.
   */
  public static long minFeeUnits(org.bcos.types.tx.Message message, long minFeeUnits) {
    return MESSAGE_RULES.minFeeUnits(message, minFeeUnits);
  }

  /** What a transaction can debit from its sender: its fee plus what its message moves. */
  public static long maxCost(Transaction tx) {
    return MESSAGE_RULES.maxCost(tx);
  }

  /** Strictly decodes one block of any registered message types. */
  public static Block decodeBlock(byte[] encoded) {
    return Block.decode(encoded, STANDARD);
  }

  /** Strictly decodes one transaction of any registered message type. */
  public static Transaction decodeTransaction(byte[] encoded) {
    return TransactionCodec.decode(encoded, STANDARD);
  }
}
