package org.bcos.ledger.gov.api;

import java.util.List;
import java.util.Optional;
import org.bcos.types.Address;

/** What tools and other modules may read of the gov module's state. */
public interface GovApi {
  /** One depositor's deposit on a proposal, in units. */
  record Deposit(Address depositor, long units) {}

  Optional<Proposal> proposal(long id);

  /** Proposals with id &gt; {@code afterId}, ascending, at most {@code limit}. */
  List<Proposal> proposals(long afterId, int limit);

  /** A proposal's deposits still held, by depositor (empty once returned or moved). */
  List<Deposit> deposits(long proposalId);
}
