package org.bcos.ledger.tx;

import org.bcos.ledger.ChainParams;
import org.bcos.ledger.coin.CoinStore;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;

/** What a handler sees while executing one transaction in a block. */
public record TxContext(ChainParams params, long height, Address proposer, WorkingState state,
    CoinStore coins, DvsStore dvs) {

  /** The context for the block at {@code height} over {@code state}. */
  public static TxContext forBlock(ChainParams params, long height, Address proposer,
      WorkingState state) {
    return new TxContext(params, height, proposer, state, new CoinStore(state),
        new DvsStore(state));
  }
}
