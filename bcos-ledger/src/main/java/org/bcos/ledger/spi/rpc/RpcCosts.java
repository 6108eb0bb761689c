package org.bcos.ledger.spi.rpc;

/**
 * The work units each kind of step charges against a request's {@link WorkBudget}: one unit is
 * about one state entry read or one transaction decoded (a few microseconds). In one place, so
 * docs/RPC.md can list what every method costs.
 */
public final class RpcCosts {
  /** Every call: parsing, dispatch and a few point reads (account, head, one index entry). */
  public static final int CALL = 1;
  /** Each transaction submitted: decode, stateless checks and an Ed25519 verification. */
  public static final int TX_SUBMIT = 20;
  /** A Merkle proof of an account (a path of hashes). */
  public static final int ACCOUNT_PROOF = 10;
  /** Each transaction of a block read (decoded and, with full transactions, rendered). */
  public static final int BLOCK_TX = 1;
  /** Each state entry scanned (DVS ballots, members, raw entries, delegations). */
  public static final int STATE_ENTRY = 1;

  private RpcCosts() {}
}
