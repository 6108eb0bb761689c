package org.bcos.ledger.coin;

import org.bcos.storage.Column;

/** Storage schema v1 of the coin module: one state column, address → {@link
 * org.bcos.ledger.coin.api.Account}. */
final class CoinSchema {
  public static final Column ACCOUNTS = org.bcos.ledger.coin.api.Account.STATE_COLUMN;

  private CoinSchema() {}
}
