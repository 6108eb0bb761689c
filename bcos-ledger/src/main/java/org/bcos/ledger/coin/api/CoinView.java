package org.bcos.ledger.coin.api;

import java.util.Optional;
import org.bcos.types.Address;

/** Read-only view of coin accounts, for other modules and the API. */
public interface CoinView {
  Optional<Account> account(Address address);
}
