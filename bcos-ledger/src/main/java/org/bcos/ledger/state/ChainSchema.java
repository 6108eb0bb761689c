package org.bcos.ledger.state;

import java.util.List;
import org.bcos.ledger.coin.CoinSchema;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.stake.StakeSchema;
import org.bcos.storage.Column;

/**
 * Schema v1 of the chain's storage. Column ids are never reused. State columns are committed to by
 * the state root; chain columns hold blocks and indexes.
 */
public final class ChainSchema {
  public static final Column BLOCKS = new Column(2, "blocks");
  public static final Column BLOCK_HASHES = new Column(3, "block_hashes");
  public static final Column TX_INDEX = new Column(4, "tx_index");
  public static final Column META = new Column(5, "meta");

  /** Columns whose contents the state root commits to. */
  public static final List<Column> STATE_COLUMNS =
      concat(concat(List.of(CoinSchema.ACCOUNTS), DvsSchema.ALL), StakeSchema.ALL);

  /** Commit certificate of each block: u64 height → the consensus layer's encoded certificate. */
  public static final Column COMMITS = new Column(6, "commits");

  public static final List<Column> ALL =
      concat(List.of(BLOCKS, BLOCK_HASHES, TX_INDEX, META, COMMITS), STATE_COLUMNS);

  private static List<Column> concat(List<Column> a, List<Column> b) {
    java.util.ArrayList<Column> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }

  private ChainSchema() {}
}
