package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.storage.Column;

/**
 * One page of a DVS list: a scan of a state column under a prefix from the caller's cursor (the
 * key to resume at), each entry rendered or skipped by a filter. A page holds at most {@code
 * limit} items and scans at most {@link #MAX_SCANNED} entries (and no more than the request's
 * budget allows), so a filter that matches little gives a short page with a cursor, never an
 * unbounded scan. Every entry scanned costs {@link RpcCosts#STATE_ENTRY}.
 */
final class DvsPage {
  /** Entries one page may scan (a filtered list may return fewer items than its limit). */
  static final int MAX_SCANNED = 10_000;

  private DvsPage() {}

  /** Renders a stored entry as a list item, or empty when the filter skips it. */
  @FunctionalInterface
  interface Item {
    Optional<JsonNode> render(byte[] key, byte[] value);
  }

  /** What to scan: a column under a prefix, whether items are filtered, the answer's field. */
  record Scan(Column column, byte[] prefix, boolean filtered, String field, Item item) {}

  /** The page the call asks for; its {@code limit} and {@code cursor} are at {@code at}, at+1. */
  static ObjectNode page(QueryContext ledger, Scan scan, RpcArgs args, int at,
      WorkBudget budget) {
    int limit = RpcPaging.limit(args, at);
    byte[] from = RpcPaging.cursor(args, at + 1).orElse(scan.prefix());
    if (!startsWith(from, scan.prefix())) {
      throw RpcException.invalidParams("cursor must be a nextCursor this method returned");
    }
    int cap = scanCap(scan.filtered(), limit, budget);
    List<Map.Entry<byte[], byte[]>> entries =
        ledger.stateEntries(scan.column(), scan.prefix(), from, cap + 1);
    ObjectNode out = RpcJson.object();
    ArrayNode items = out.putArray(scan.field());
    byte[] next = null;
    int scanned = 0;
    for (Map.Entry<byte[], byte[]> e : entries) {
      if (items.size() == limit || scanned == cap) {
        next = e.getKey();
        break;
      }
      scanned++;
      scan.item().render(e.getKey(), e.getValue()).ifPresent(items::add);
    }
    budget.charge((long) RpcCosts.STATE_ENTRY * scanned);
    return RpcPaging.next(out, Optional.ofNullable(next));
  }

  /**
   * Entries one page may read: {@code limit} (a filter: {@link #MAX_SCANNED}), and no more than
   * the budget affords, yet at least one so a page always moves on.
   */
  static int scanCap(boolean filtered, int limit, WorkBudget budget) {
    long affordable = Math.max(1, budget.remaining() / RpcCosts.STATE_ENTRY);
    return (int) Math.min(filtered ? MAX_SCANNED : limit, affordable);
  }

  /**
   * A page of one community's entries of {@code column} (keys start with its id): the call's
   * {@code [community, limit?, cursor?]}; an unknown community is {@code NOT_FOUND}.
   */
  static ObjectNode ofCommunity(QueryContext ledger, Column column, String field, Item item,
      RpcArgs args, WorkBudget budget) {
    args.atMost(3);
    long community = args.uint(0, "community id");
    DvsQueries.community(ledger, community);
    return page(ledger, new Scan(column, DvsSchema.id(community), false, field, item), args, 1,
        budget);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
