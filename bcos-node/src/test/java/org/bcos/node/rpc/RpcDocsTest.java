package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #9: docs/RPC.md, the human guide, and the OpenRPC document generated from the method
 * table describe the same methods: none is missing from either, and every method states its cost.
 */
class RpcDocsTest {
  /** A method name in backticks: {@code bcos_getBlock}, {@code rpc.discover}. */
  private static final Pattern NAME = Pattern.compile("`([a-z][a-z0-9]*[._][a-z][A-Za-z0-9]*)");
  /** A params cell: {@code `[community, limit?, cursor?]`} and maybe a note after it. */
  private static final Pattern PARAMS = Pattern.compile("`(\\[[^`]*\\])`");
  private static final Pattern HEADING = Pattern.compile("^###\\s+" + NAME.pattern());
  private static RpcTestNode node;
  private static List<String> lines;

  @BeforeAll
  static void start() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    lines = Files.readAllLines(rpcGuide(), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** docs/RPC.md of this checkout, found upwards from where the tests run. */
  private static Path rpcGuide() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path guide = dir.resolve("docs/RPC.md");
      if (Files.isRegularFile(guide)) return guide;
    }
    throw new IOException("no docs/RPC.md above " + Path.of("").toAbsolutePath());
  }

  private static Set<String> served() {
    Set<String> names = new TreeSet<>();
    node.table.openRpc().path("methods").forEach(m -> names.add(m.path("name").asText()));
    return names;
  }

  @Test
  void everyServedMethodIsDefinedInTheGuideAndNothingElse() {
    Set<String> defined = new TreeSet<>();
    for (String line : lines) {
      Matcher m = HEADING.matcher(line);
      if (m.find()) defined.add(m.group(1));
    }
    defined.addAll(firstColumnNames("params"));
    assertFalse(defined.isEmpty(), "no method definitions parsed from docs/RPC.md");
    assertEquals(served(), defined, "methods served (left) vs defined in docs/RPC.md (right):"
        + " a '### `name [params]`' heading or a row of a method | params table");
  }

  @Test
  void everyServedMethodHasItsCostInTheGuide() {
    assertEquals(served(), firstColumnNames("cost"),
        "methods served (left) vs listed in docs/RPC.md's work units table (right)");
  }

  @Test
  void everyMethodTableRowStatesTheParametersAsServed() {
    Map<String, String> served = new TreeMap<>();
    node.table.openRpc().path("methods").forEach(m -> {
      List<String> params = new ArrayList<>();
      m.path("params").forEach(p -> params.add(p.path("name").asText()
          + (p.path("required").asBoolean() ? "" : "?")));
      served.put(m.path("name").asText(), "[" + String.join(", ", params) + "]");
    });
    Map<String, String> documented = new TreeMap<>();
    boolean inTable = false;
    boolean wanted = false;
    for (String line : lines) {
      boolean row = line.startsWith("|");
      if (row && !inTable) wanted = cells(line).contains("params");
      inTable = row;
      if (!row || !wanted) continue;
      List<String> cells = cells(line);
      Matcher name = NAME.matcher(cells.get(0));
      Matcher params = cells.size() > 1 ? PARAMS.matcher(cells.get(1)) : null;
      if (name.find() && params != null && params.lookingAt()) {
        documented.put(name.group(1), params.group(1));
      }
    }
    assertFalse(documented.isEmpty(), "no method | params rows parsed from docs/RPC.md");
    documented.forEach((method, params) -> assertEquals(served.get(method), params,
        method + ": parameters served (left) vs its row in docs/RPC.md (right)"));
  }

  /** The method names in the first column of the tables whose header has {@code column}. */
  private static Set<String> firstColumnNames(String column) {
    Set<String> names = new TreeSet<>();
    boolean inTable = false;
    boolean wanted = false;
    for (String line : lines) {
      boolean row = line.startsWith("|");
      if (row && !inTable) wanted = cells(line).contains(column);
      inTable = row;
      if (!row || !wanted) continue;
      Matcher m = NAME.matcher(cells(line).get(0));
      while (m.find()) names.add(m.group(1));
    }
    return names;
  }

  private static List<String> cells(String row) {
    List<String> out = new ArrayList<>();
    for (String c : row.substring(1).split("\\|")) out.add(c.trim());
    return out;
  }
}
