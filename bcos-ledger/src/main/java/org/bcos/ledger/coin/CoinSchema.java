package org.bcos.ledger.coin;

import org.bcos.storage.Column;

/** Storage schema v1 of the coin module: one state column, address → {@link
 * org.bcos.ledger.coin.api.Account}. */
public final class CoinSchema {
  public static final Column ACCOUNTS = new Column(1, "coin_accounts");

  private CoinSchema() {}
}
