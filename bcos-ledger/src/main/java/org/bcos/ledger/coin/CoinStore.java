package org.bcos.ledger.coin;

import java.util.Optional;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;

/** Coin accounts over a block's working state: the {@link Bank} implementation. */
final class CoinStore implements Bank {
  private final WorkingState state;

  CoinStore(WorkingState state) {
    this.state = state;
  }

  @Override
  public Optional<Account> find(Address address) {
    byte[] raw = state.get(Account.STATE_COLUMN, address.toBytes());
    return raw == null ? Optional.empty() : Optional.of(Account.decode(raw));
  }

  void put(Address address, Account account) {
    state.put(Account.STATE_COLUMN, address.toBytes(), account.encode());
  }

  @Override
  public void credit(Address address, long units) {
    Account a = getOrEmpty(address);
    put(address, new Account(Math.addExact(a.balanceUnits(), units), a.nonce()));
  }

  @Override
  public boolean debit(Address address, long units) {
    Account a = getOrEmpty(address);
    if (units < 0 || a.balanceUnits() < units) return false;
    put(address, new Account(a.balanceUnits() - units, a.nonce()));
    return true;
  }

  @Override
  public void payFeeAndAdvanceNonce(Address payer, long fee, Address collector) {
    Account a = getOrEmpty(payer);
    if (fee < 0 || a.balanceUnits() < fee) {
      throw new IllegalStateException("fee checked before the message ran, now unpayable");
    }
    put(payer, new Account(a.balanceUnits() - fee, a.nonce() + 1));
    if (fee > 0) credit(collector, fee);
  }

  @Override
  public void setNonce(Address address, long nonce) {
    Account a = getOrEmpty(address);
    put(address, new Account(a.balanceUnits(), nonce));
  }
}
