package org.bcos.ledger.dvs.rpc;

import java.util.List;
import java.util.Map;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.storage.Column;

/** Raw scans of DVS state columns, bounded by a request's budget and a hard entry limit. */
final class DvsStateScan {
  /** Limit on raw state entries one recount call returns per column (and on any scan). */
  static final int MAX_RAW_ENTRIES = 2_000_000;

  private DvsStateScan() {}

  /**
   * The entries of {@code column} under {@code prefix}, all of them or a named error: the scan
   * stops one entry past what the budget allows (a recount must never see a silently cut list).
   */
  static List<Map.Entry<byte[], byte[]>> scan(QueryContext ledger, Column column, byte[] prefix,
      WorkBudget budget) {
    long allowed = Math.min(MAX_RAW_ENTRIES, budget.remaining() / RpcCosts.STATE_ENTRY);
    var entries = ledger.stateEntries(column, prefix, (int) allowed + 1);
    if (entries.size() > MAX_RAW_ENTRIES) {
      throw RpcException.limit(column.name() + " holds more than " + MAX_RAW_ENTRIES
          + " entries");
    }
    budget.charge((long) RpcCosts.STATE_ENTRY * entries.size());
    return entries;
  }
}
