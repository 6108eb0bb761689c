package org.bcos.storage;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Helpers shared by the store implementations. */
final class Columns {
  private Columns() {}

  /** Returns {@code columns} as an immutable list after checking ids and names are unique. */
  static List<Column> checkUnique(List<Column> columns) {
    List<Column> copy = List.copyOf(columns);
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Column column : copy) {
      if (!ids.add(column.id())) {
        throw new IllegalArgumentException("duplicate column id " + column.id());
      }
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("duplicate column name '" + column.name() + "'");
      }
    }
    return copy;
  }

  /**
   * The smallest key greater than every key starting with {@code prefix} (exclusive upper bound),
   * or null if there is none (prefix empty or all 0xff).
   */
  static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }
}
