package org.bcos.ledger.coin.api;

import java.util.Optional;
import org.bcos.types.Address;

/**
 * The coin module's api for other modules (a treasury, escrow, an exchange, staking): read
 * accounts and move DDC between them. Every method keeps the supply: a module that takes coins out
 * of accounts ({@link #debit}) must hold them in its own {@link org.bcos.ledger.spi.Holding}s, and
 * the supply invariant checks that at the end of every block.
 */
public interface Bank {
  Optional<Account> find(Address address);

  default Account getOrEmpty(Address address) {
    return find(address).orElse(Account.EMPTY);
  }

  default long balance(Address address) {
    return getOrEmpty(address).balanceUnits();
  }

  /** Adds units to an account, creating it if needed (checked arithmetic). */
  void credit(Address address, long units);

  /** Takes units from an account; false, and nothing written, if it holds fewer. */
  boolean debit(Address address, long units);

  /** Moves units between accounts; false, and nothing written, if {@code from} holds fewer. */
  default boolean transfer(Address from, Address to, long units) {
    if (!debit(from, units)) return false;
    credit(to, units);
    return true;
  }

  /**
   * The envelope's charge after a transaction's message ran: takes {@code fee} from {@code payer},
   * advances its nonce by one and pays the fee to {@code collector} (the block's proposer), with
   * one read and one write of the payer. The caller has checked that the payer can pay.
   */
  void payFeeAndAdvanceNonce(Address payer, long fee, Address collector);

  /**
   * Sets an account's next nonce (the ledger's envelope: after every executed transaction, and on
   * an admission check's scratch state). Creates the account if needed.
   */
  void setNonce(Address address, long nonce);
}
