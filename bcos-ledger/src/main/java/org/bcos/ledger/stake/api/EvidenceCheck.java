package org.bcos.ledger.stake.api;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.types.Address;

/**
 * The seam through which the ledger checks double-signing evidence without depending on the
 * consensus module: the node passes an implementation built on the consensus message formats.
 * Must be a deterministic function of its arguments (every node gives the same answer).
 */
@FunctionalInterface
public interface EvidenceCheck {
  /** A proven offence: who double-signed, and at which height. */
  record Offence(Address offender, long height) {}

  /**
   * The offence {@code evidence} proves on chain {@code chainId}, if it is two conflicting messages
   * both validly signed by a member of the set that governed their height ({@code setAt}); empty
   * for anything else (undecodable, not conflicting, bad signature, not a validator).
   */
  Optional<Offence> verify(byte[] evidence, String chainId,
      LongFunction<List<ValidatorPower>> setAt);

  /** Accepts no evidence (for a ledger used without consensus, e.g. in benchmarks). */
  EvidenceCheck NONE = (evidence, chainId, setAt) -> Optional.empty();
}
