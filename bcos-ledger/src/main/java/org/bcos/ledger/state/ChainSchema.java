package org.bcos.ledger.state;

import java.util.ArrayList;
import java.util.List;
import org.bcos.storage.Column;

/**
 * The chain's storage: the ledger's own chain columns (blocks and indexes, not under the state
 * root) and the modules' state columns (committed to by the state root). Column ids are never
 * reused; chain columns use 2..9, modules the rest.
 */
public final class ChainSchema {
  public static final Column BLOCKS = new Column(2, "blocks");
  public static final Column BLOCK_HASHES = new Column(3, "block_hashes");
  public static final Column TX_INDEX = new Column(4, "tx_index");
  public static final Column META = new Column(5, "meta");

  /** Commit certificate of each block: u64 height → the consensus layer's encoded certificate. */
  public static final Column COMMITS = new Column(6, "commits");

  /**
   * Final transactions by account (sender and counterparties): address | (2^63-1 - height) |
   * (2^32-1 - index) → tx hash, newest first ({@link org.bcos.ledger.AccountTxIndex}). Written
   * from the version that added it on: a data directory written before holds no entries for its
   * older blocks (history starts at the first block this version committed).
   */
  public static final Column ACCOUNT_TXS = new Column(7, "account_txs");

  /** The ledger's own columns. */
  public static final List<Column> CHAIN_COLUMNS =
      List.of(BLOCKS, BLOCK_HASHES, TX_INDEX, META, COMMITS, ACCOUNT_TXS);

  private ChainSchema() {}

  /** Every column a store must have: the chain's own and the modules' {@code stateColumns}. */
  public static List<Column> all(List<Column> stateColumns) {
    List<Column> out = new ArrayList<>(CHAIN_COLUMNS);
    out.addAll(stateColumns);
    return List.copyOf(out);
  }
}
