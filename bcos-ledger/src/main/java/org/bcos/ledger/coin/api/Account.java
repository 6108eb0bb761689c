package org.bcos.ledger.coin.api;

import org.bcos.storage.Column;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** A coin account: balance in base units and the next nonce it must use. */
public record Account(long balanceUnits, long nonce) {
  public static final Account EMPTY = new Account(0, 0);

  /**
   * The state column of accounts, keyed by address bytes: part of the proof format (a client
   * checks an account proof at {@code StateKey.treeKey(STATE_COLUMN, address)}).
   */
  public static final Column STATE_COLUMN = new Column(1, "coin_accounts");

  public Account {
    if (balanceUnits < 0) throw new IllegalStateException("negative balance " + balanceUnits);
    if (nonce < 0) throw new IllegalStateException("negative nonce " + nonce);
  }

  public byte[] encode() {
    return new Encoder(16).u64(balanceUnits).u64(nonce).toByteArray();
  }

  public static Account decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    Account a = new Account(d.u64(), d.u64());
    d.finish();
    return a;
  }
}
