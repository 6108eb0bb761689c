package org.bcos.ledger.spi;

import java.util.List;
import java.util.Objects;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.Column;

/**
 * A module's storage: its state columns (all committed to by the state root), the version of
 * their layout, and how to migrate older data. The ledger stores each module's version in the
 * data directory; at open it runs {@link Migration#migrate} from the stored version up to {@link
 * #version()}, and refuses a data directory written by a newer version. The empty case of a
 * migration, from no data at all, is genesis ({@link LedgerModule#initGenesis}).
 *
 * @param version layout version, from 1
 * @param columns state columns; their ids are never reused, across all modules
 * @param migration upgrades the state of an older version
 */
public record ModuleSchema(int version, List<Column> columns, Migration migration) {
  public ModuleSchema {
    if (version < 1) throw new IllegalArgumentException("schema versions start at 1");
    columns = List.copyOf(columns);
    Objects.requireNonNull(migration, "migration");
  }

  /** A first version: nothing older to migrate from. */
  public static ModuleSchema v1(List<Column> columns) {
    return new ModuleSchema(1, columns, Migration.NONE);
  }

  /** Upgrades a module's state from an older layout version. */
  @FunctionalInterface
  public interface Migration {
    /**
     * Rewrites {@code state} from layout {@code fromVersion} to {@code fromVersion + 1}. Must be
     * deterministic: every node migrates to the same bytes.
     */
    void migrate(int fromVersion, WorkingState state);

    /** For a module with a single version: any older version is an error. */
    Migration NONE = (from, state) -> {
      throw new IllegalStateException("no migration from schema version " + from);
    };
  }
}
