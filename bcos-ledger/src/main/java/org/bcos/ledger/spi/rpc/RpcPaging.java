package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.bcos.types.Hex;

/**
 * The paging parameters every list method takes, {@code limit?} and {@code cursor?}, read and
 * answered one way: a page holds at most {@code limit} items (default {@link #DEFAULT_LIMIT}, at
 * most {@link #MAX_LIMIT}), and {@code nextCursor}, present when more follow, is an opaque hex
 * string the caller passes back unchanged to get the next page.
 */
public final class RpcPaging {
  /** Items in a page when the caller names no limit. */
  public static final int DEFAULT_LIMIT = 20;
  /** Largest page any list method returns. */
  public static final int MAX_LIMIT = 200;
  /** Longest cursor accepted, in bytes (a cursor is a storage key). */
  public static final int MAX_CURSOR_BYTES = 128;

  private RpcPaging() {}

  /** The page size at parameter {@code index}: 1..{@link #MAX_LIMIT}, default 20. */
  public static int limit(RpcArgs args, int index) {
    if (!args.has(index)) return DEFAULT_LIMIT;
    long limit = args.uint(index, "limit");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw RpcException.invalidParams("limit must be in 1.." + MAX_LIMIT);
    }
    return (int) limit;
  }

  /**
   * The arguments of a list method that takes {@code (limit?, position?)} and nothing more:
   * refuses a third, and returns the page size at 0 ({@link #limit}); the position at 1 is the
   * method's own (a {@link #cursor} or an id to list after).
   */
  public static int limitBeforePosition(RpcArgs args) {
    args.atMost(2);
    return limit(args, 0);
  }

  /** The cursor at parameter {@code index}, decoded, or empty for the first page. */
  public static Optional<byte[]> cursor(RpcArgs args, int index) {
    if (!args.has(index)) return Optional.empty();
    String text = args.text(index, "cursor");
    byte[] raw;
    try {
      raw = Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("cursor must be a nextCursor this method returned");
    }
    if (raw.length == 0 || raw.length > MAX_CURSOR_BYTES) {
      throw RpcException.invalidParams("cursor must be a nextCursor this method returned");
    }
    return Optional.of(raw);
  }

  /** Adds {@code nextCursor} to a page when more items follow. */
  public static ObjectNode next(ObjectNode page, Optional<byte[]> nextCursor) {
    nextCursor.ifPresent(c -> page.put("nextCursor", Hex.encode(c)));
    return page;
  }

  /** The OpenRPC parameter {@code limit?}. */
  public static RpcParam limitParam() {
    return RpcParam.optional("limit", JsonSchemas.uintParam(),
        "items per page, 1.." + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")");
  }

  /** The OpenRPC parameter {@code cursor?}. */
  public static RpcParam cursorParam() {
    return RpcParam.optional("cursor", JsonSchemas.hex(),
        "the nextCursor of the previous page; absent for the first page");
  }
}
