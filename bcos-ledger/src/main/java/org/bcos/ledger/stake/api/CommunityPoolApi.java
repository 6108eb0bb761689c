package org.bcos.ledger.stake.api;

import org.bcos.types.Address;

/**
 * The stake module's community pool, for the gov module (Cosmos' {@code x/distribution}
 * community pool, spent by proposal), bound to a block's state. The pool is one of the stake
 * module's holdings, so moving coins in or out keeps the fixed supply as long as the caller keeps
 * its side: what it puts in it has taken out of its own holdings in the same block.
 */
public interface CommunityPoolApi {
  /** Units in the community pool. */
  long balance();

  /**
   * Adds {@code units} that the caller has just taken out of its own holdings (a vetoed
   * proposal's deposits: the supply never shrinks, so "burnt" coins land here).
   */
  void receive(long units);

  /**
   * Pays {@code units} from the pool to {@code recipient}'s account; false, and nothing written,
   * if the pool holds fewer or {@code units} is not positive.
   */
  boolean pay(Address recipient, long units);
}
