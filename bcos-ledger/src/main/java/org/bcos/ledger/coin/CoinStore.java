package org.bcos.ledger.coin;

import java.util.Optional;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;

/** Typed access to coin accounts over the block's working state. */
public final class CoinStore {
  private final WorkingState state;

  public CoinStore(WorkingState state) {
    this.state = state;
  }

  public Optional<Account> find(Address address) {
    byte[] raw = state.get(CoinSchema.ACCOUNTS, address.toBytes());
    return raw == null ? Optional.empty() : Optional.of(Account.decode(raw));
  }

  public Account getOrEmpty(Address address) {
    return find(address).orElse(Account.EMPTY);
  }

  public void put(Address address, Account account) {
    state.put(CoinSchema.ACCOUNTS, address.toBytes(), account.encode());
  }

  /** Adds units to an account, creating it if needed (checked arithmetic). */
  public void credit(Address address, long units) {
    Account a = getOrEmpty(address);
    put(address, new Account(Math.addExact(a.balanceUnits(), units), a.nonce()));
  }
}
