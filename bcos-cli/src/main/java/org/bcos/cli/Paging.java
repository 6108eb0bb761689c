package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The paging options of list commands: parameters of a paged call and the next-page hint. */
final class Paging {
  private Paging() {}

  /** The positional parameters of a paged call: the fixed ones, then limit and cursor. */
  static Object[] params(List<Object> fixed, Integer limit, String cursor) {
    List<Object> out = new ArrayList<>(fixed);
    if (limit != null || cursor != null) out.add(limit);
    if (cursor != null) out.add(cursor);
    return out.toArray();
  }

  /** Tells how to get the next page, when there is one. */
  static void printNext(JsonNode page) {
    if (page.hasNonNull("nextCursor")) {
      System.out.println("more: --cursor " + page.path("nextCursor").asText());
    }
  }
}
