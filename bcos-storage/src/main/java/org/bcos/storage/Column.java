package org.bcos.storage;

import java.util.Objects;

/**
 * A named key space in a {@link KeyValueStore} (a RocksDB column family). The {@code id} is a small
 * non-negative integer that is never reused for another column, even after one is retired; the
 * RocksDB store records the id-to-name pairing on disk and refuses to open if code and disk
 * disagree.
 *
 * @param id small non-negative number, unique and never reused
 * @param name the column family name; non-blank, at most {@value #MAX_NAME_LENGTH} characters, and
 *     not {@code "default"} (RocksDB's own family, which the store keeps for its metadata)
 */
public record Column(int id, String name) {
  /** Longest accepted column name. */
  public static final int MAX_NAME_LENGTH = 64;

  /** Largest accepted column id. */
  public static final int MAX_ID = 65_535;

  /** The RocksDB default column family name, reserved for store metadata. */
  static final String RESERVED_NAME = "default";

  public Column {
    Objects.requireNonNull(name, "name");
    if (id < 0 || id > MAX_ID) {
      throw new IllegalArgumentException("column id must be in 0.." + MAX_ID + ", got " + id);
    }
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "column name must be 1.."
              + MAX_NAME_LENGTH
              + " non-blank characters, got '"
              + name
              + "'");
    }
    if (name.equals(RESERVED_NAME)) {
      throw new IllegalArgumentException("column name 'default' is reserved for store metadata");
    }
  }
}
