package org.bcos.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.state.StateKey;
import org.bcos.storage.Column;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.merkle.MerkleStateTree;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;

/**
 * Golden replay: builds the fixed {@link GoldenChain} and compares every height with the values
 * recorded in {@code src/test/resources/golden/chain-v2.txt}, so a refactor of the ledger that
 * changes any state byte, state-tree layout or block encoding fails here.
 *
 * <p>Two separate checks per height:
 *
 * <ol>
 *   <li><b>(a) old columns unchanged</b>: a Merkle root computed here by scanning the committed
 *       store's columns listed in the file's {@code columns} line (the same way {@code
 *       Ledger.rebuildTree} does: tree key {@link StateKey#treeKey}, value SHA-256) must equal the
 *       recorded root. This keeps holding when new state columns are added later, because only the
 *       listed columns are scanned.
 *   <li><b>(b) whole chain unchanged</b>: the block header's state root and the block hash must
 *       equal the recorded ones. Adding a state column changes these; (a) then still proves the
 *       old columns are byte-identical.
 * </ol>
 *
 * <p>All heights are checked for (a) before any is checked for (b), so a failure of (b) alone means
 * the old columns are intact.
 *
 * <p><b>Re-recording.</b> {@code mvn -q -B -ntp -o -pl bcos-ledger -am test -Dtest=GoldenChainTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbcos.golden.record=true} rewrites the file in the
 * source tree (its {@code columns} line becomes every column of {@code Modules.STANDARD.stateColumns()})
 * instead of comparing. Re-record only for a deliberate change of the state or block encoding
 * (for example chain parameters moving into state), together with a note in docs/DESIGN.md that
 * explains the encoding change; never to make a refactor pass. When only new columns were added,
 * check first that (a) passes against the old file.
 */
class GoldenChainTest {
  static final String RECORD_PROPERTY = "bcos.golden.record";
  private static final String RESOURCE = "golden/chain-v2.txt";
  /** Recorded before chain parameters moved into state (#9); checked with (a) only. */
  private static final String RESOURCE_V1 = "golden/chain-v1.txt";
  private static final String COLUMNS = "columns";

  /** One height of the chain: the root over the recorded columns, the header root, the hash. */
  record Row(long height, Hash columnsRoot, Hash stateRoot, Hash blockHash) {}

  /** The recorded file: the state column ids its roots cover, and one row per height. */
  record Golden(List<Integer> columnIds, List<Row> rows) {}

  /**
   * The chain recorded before issue #9 (chain-v1.txt) is checked with (a) only: #9 moved the
   * chain parameters into state (a new column, so every header root and block hash changed), and
   * this proves every column that existed then still holds byte-identical state at every height.
   */
  @Test
  void stateOfTheColumnsRecordedBeforeParamsMovedIntoStateIsUnchanged() throws IOException {
    Golden golden = parse(readResource(RESOURCE_V1));
    List<Row> replay = replay(columnsById(golden.columnIds()));
    assertEquals(golden.rows().size(), replay.size(), "heights recorded vs replayed");
    for (int i = 0; i < replay.size(); i++) {
      assertEquals(golden.rows().get(i).columnsRoot(), replay.get(i).columnsRoot(),
          "(a) v1 height " + i + ": state of columns " + golden.columnIds() + " differs");
    }
  }

  @Test
  void replayGivesTheRecordedStateRootsAndBlockHashes() throws IOException {
    if (Boolean.getBoolean(RECORD_PROPERTY)) {
      record();
      return;
    }
    Golden golden = parse(readResource(RESOURCE));
    List<Row> replay = replay(columnsById(golden.columnIds()));
    assertEquals(golden.rows().size(), replay.size(), "heights recorded vs replayed");
    for (int i = 0; i < replay.size(); i++) {
      Row want = golden.rows().get(i);
      Row got = replay.get(i);
      assertEquals(want.height(), got.height(), "row " + i);
      assertEquals(want.columnsRoot(), got.columnsRoot(), "(a) height " + want.height()
          + ": state of columns " + golden.columnIds() + " differs; expected root "
          + want.columnsRoot().toHex() + ", got " + got.columnsRoot().toHex());
    }
    for (int i = 0; i < replay.size(); i++) {
      Row want = golden.rows().get(i);
      Row got = replay.get(i);
      assertEquals(want.stateRoot(), got.stateRoot(), "(b) height " + want.height()
          + ": header state root differs; expected " + want.stateRoot().toHex() + ", got "
          + got.stateRoot().toHex());
      assertEquals(want.blockHash(), got.blockHash(), "(b) height " + want.height()
          + ": block hash differs; expected " + want.blockHash().toHex() + ", got "
          + got.blockHash().toHex());
    }
  }

  // --- replay and record ----------------------------------------------------------------------

  /** Builds the chain, scanning {@code columns} of the committed store after every block. */
  static List<Row> replay(List<Column> columns) {
    List<Row> rows = new ArrayList<>();
    GoldenChain.build((block, store) -> rows.add(new Row(block.height(),
        rootOf(store, columns), block.header().stateRoot(), block.hash())));
    return rows;
  }

  /** The state root over {@code columns} only, built as {@code Ledger.rebuildTree} builds it. */
  static Hash rootOf(KeyValueStore store, List<Column> columns) {
    MerkleStateTree tree = new MerkleStateTree();
    for (Column column : columns) {
      store.forEach(column, new byte[0],
          (k, v) -> tree.put(StateKey.treeKey(column, k), Digests.sha256(v)));
    }
    return tree.root();
  }

  private static void record() throws IOException {
    List<Column> columns = Modules.STANDARD.stateColumns();
    List<Row> rows = replay(columns);
    for (Row row : rows) {
      assertEquals(row.stateRoot(), row.columnsRoot(),
          "height " + row.height() + ": a scan of every state column must give the header's root");
    }
    Path file = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, format(columns.stream().map(Column::id).toList(), rows),
        StandardCharsets.UTF_8);
  }

  // --- file format ----------------------------------------------------------------------------

  static String format(List<Integer> columnIds, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("# BCOS golden chain, written by GoldenChainTest with -D")
        .append(RECORD_PROPERTY).append("=true; do not edit by hand.\n")
        .append("# columns: state column ids the column roots cover\n")
        .append("# then per height: height, root over those columns, header state root,"
            + " block hash\n");
    out.append(COLUMNS);
    for (int id : columnIds) out.append(' ').append(id);
    out.append('\n');
    for (Row r : rows) {
      out.append(r.height()).append(' ').append(r.columnsRoot().toHex()).append(' ')
          .append(r.stateRoot().toHex()).append(' ').append(r.blockHash().toHex()).append('\n');
    }
    return out.toString();
  }

  static Golden parse(String text) {
    List<Integer> ids = null;
    List<Row> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.trim().split(" +");
      if (f[0].equals(COLUMNS)) {
        ids = new ArrayList<>();
        for (int i = 1; i < f.length; i++) ids.add(Integer.parseInt(f[i]));
        continue;
      }
      assertEquals(4, f.length, "golden row: height, columns root, state root, block hash: "
          + line);
      rows.add(new Row(Long.parseLong(f[0]), Hash.fromHex(f[1]), Hash.fromHex(f[2]),
          Hash.fromHex(f[3])));
    }
    assertNotNull(ids, "the golden file has no '" + COLUMNS + "' line");
    assertTrue(!rows.isEmpty(), "the golden file has no rows");
    return new Golden(List.copyOf(ids), rows);
  }

  /** The state columns with these ids; a recorded id that is no longer a state column fails. */
  static List<Column> columnsById(List<Integer> ids) {
    List<Column> out = new ArrayList<>();
    for (int id : ids) {
      out.add(Modules.STANDARD.stateColumns().stream().filter(c -> c.id() == id).findFirst()
          .orElseThrow(() -> new AssertionError("recorded state column " + id
              + " is not in Modules.STANDARD.stateColumns()")));
    }
    return out;
  }

  private static String readResource(String resource) throws IOException {
    try (InputStream in = GoldenChainTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource + " is missing: record it with -D" + RECORD_PROPERTY + "=true");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
