package org.bcos.ledger;

import java.util.List;
import org.bcos.ledger.coin.CoinModule;
import org.bcos.ledger.dvs.DvsModule;
import org.bcos.ledger.params.ParamsModule;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.stake.api.EvidenceCheck;
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
        new org.bcos.ledger.notary.NotaryModule()));
  }

  /**
   * The standard modules, for decoding and describing messages, the schema and the parameters
   * (its stake module refuses all evidence: use {@link #standard} to run a chain).
   */
  public static final ModuleRegistry STANDARD = standard(EvidenceCheck.NONE);

  /** Strictly decodes one transaction of any registered message type. */
  public static Transaction decodeTransaction(byte[] encoded) {
    return TransactionCodec.decode(encoded, STANDARD);
  }
}
