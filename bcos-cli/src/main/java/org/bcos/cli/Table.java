package org.bcos.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A table for people: a header row and aligned columns, each as wide as its widest cell. */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row of exactly as many cells as the header has. */
  Table row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object c : cells) row.add(String.valueOf(c));
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the header and rows; the last column is not padded. */
  void print(PrintStream out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> r : rows) widths[i] = Math.max(widths[i], r.get(i).length());
    }
    line(out, header, widths);
    for (List<String> r : rows) line(out, r, widths);
  }

  private static void line(PrintStream out, List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      b.append(cell);
      if (i < cells.size() - 1) b.append(" ".repeat(widths[i] - cell.length() + 2));
    }
    out.println(b.toString().stripTrailing());
  }
}
