package org.bcos.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE §11: ledger main code has no wall clock, no unseeded randomness, no hash-ordered
 * collections, no floating point and no default charset or locale. Scans the sources (comments and
 * string literals stripped) and lists every hit as file:line. An exception needs an entry in
 * {@link #ALLOWED} with the reason it is harmless.
 */
class DeterminismScanTest {
  private static final Path SOURCES = Path.of("src", "main", "java");

  private record Ban(String name, Pattern pattern, String why) {}

  private static final List<Ban> BANS = List.of(
      ban("System.currentTimeMillis", "System\\s*\\.\\s*currentTimeMillis\\b", "wall clock"),
      ban("System.nanoTime", "System\\s*\\.\\s*nanoTime\\b", "wall clock"),
      ban("Instant.now", "\\bInstant\\s*\\.\\s*now\\b", "wall clock"),
      ban("LocalDateTime.now", "\\bLocal(Date|Time|DateTime)\\s*\\.\\s*now\\b", "wall clock"),
      ban("ZonedDateTime.now", "\\b(Zoned|Offset)DateTime\\s*\\.\\s*now\\b", "wall clock"),
      ban("Clock.system", "\\bClock\\s*\\.\\s*system", "wall clock"),
      ban("new Random(", "\\bnew\\s+Random\\s*\\(", "randomness"),
      ban("Math.random", "\\bMath\\s*\\.\\s*random\\b", "randomness"),
      ban("ThreadLocalRandom", "\\bThreadLocalRandom\\b", "randomness"),
      ban("SecureRandom", "\\bSecureRandom\\b", "randomness"),
      ban("UUID.randomUUID", "\\bUUID\\s*\\.\\s*randomUUID\\b", "randomness"),
      ban("new HashMap", "\\bnew\\s+HashMap\\b", "hash iteration order"),
      ban("new HashSet", "\\bnew\\s+HashSet\\b", "hash iteration order"),
      ban("Set.of/Map.of", "\\b(Set|Map)\\s*\\.\\s*(of|ofEntries|copyOf)\\s*\\(",
          "iteration order changes between JVM runs"),
      ban("Collectors.toSet/toMap/groupingBy",
          "\\bCollectors\\s*\\.\\s*(toSet|toMap|groupingBy|toUnmodifiableSet|toUnmodifiableMap)\\b",
          "hash iteration order"),
      ban("parallel stream", "\\b(parallelStream|parallel)\\s*\\(", "nondeterministic order"),
      ban("float/double", "\\b(float|double|Float|Double)\\b", "floating point"),
      ban("floating-point literal", "(?<![\\w.])\\d+(\\.\\d*([eE][+-]?\\d+)?[fFdD]?|[eE][+-]?\\d+"
          + "[fFdD]?|[fFdD])(?![\\w.])", "floating point"),
      ban("Locale.getDefault", "\\bLocale\\s*\\.\\s*getDefault\\b", "default locale"),
      ban("toLowerCase()/toUpperCase()", "\\.\\s*to(Lower|Upper)Case\\s*\\(\\s*\\)",
          "default locale"),
      ban("String.format", "\\bString\\s*\\.\\s*format\\s*\\(|\\.\\s*formatted\\s*\\(",
          "default locale"),
      ban("Charset.defaultCharset", "\\bCharset\\s*\\.\\s*defaultCharset\\b", "default charset"),
      ban("getBytes()", "\\.\\s*getBytes\\s*\\(\\s*\\)", "default charset"),
      ban("new String(bytes)", "\\bnew\\s+String\\s*\\(\\s*[\\w.()\\[\\]]+\\s*\\)",
          "default charset"));

  /** file (relative to src/main/java, '/' separated) → ban name → why it is harmless there. */
  private static final Map<String, Map<String, String>> ALLOWED = Map.of(
      "org/bcos/ledger/Genesis.java", Map.of("new HashSet",
          "duplicate detection only (Set.add result); the set is never iterated"),
      "org/bcos/ledger/tx/SignatureCheck.java", Map.of("floating-point literal",
          "load factor of the verified-signature cache map; never reaches state or hashes"),
      "org/bcos/ledger/dvs/rpc/DvsCountCache.java", Map.of("floating-point literal",
          "load factor of the RPC's tally and ranking cache (a query, never state)"));

  private static Ban ban(String name, String regex, String why) {
    return new Ban(name, Pattern.compile(regex), why);
  }

  @Test
  void ledgerMainCodeHasNoNondeterministicCalls() throws IOException {
    assertTrue(Files.isDirectory(SOURCES), "run from the bcos-ledger module directory: "
        + SOURCES.toAbsolutePath());
    List<String> hits = new ArrayList<>();
    List<Path> files = javaFiles();
    assertTrue(files.size() >= 10, "found only " + files.size() + " source files");
    for (Path file : files) {
      String rel = SOURCES.relativize(file).toString().replace('\\', '/');
      String[] lines = stripCommentsAndStrings(Files.readString(file, StandardCharsets.UTF_8))
          .split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        for (Ban ban : BANS) {
          if (ban.pattern().matcher(lines[i]).find()
              && !ALLOWED.getOrDefault(rel, Map.of()).containsKey(ban.name())) {
            hits.add(rel + ":" + (i + 1) + ": " + ban.name() + " (" + ban.why() + "): "
                + lines[i].strip());
          }
        }
      }
    }
    if (!hits.isEmpty()) {
      fail("banned calls in ledger main code (STYLE §11); fix or allow-list with a reason:\n  "
          + String.join("\n  ", hits));
    }
  }

  @Test
  void allowListEntriesAreStillNeeded() throws IOException {
    for (var entry : ALLOWED.entrySet()) {
      Path file = SOURCES.resolve(entry.getKey());
      assertTrue(Files.exists(file), "allow-listed file is gone: " + entry.getKey());
      String code = stripCommentsAndStrings(Files.readString(file, StandardCharsets.UTF_8));
      for (String banName : entry.getValue().keySet()) {
        Ban ban = BANS.stream().filter(b -> b.name().equals(banName)).findFirst().orElseThrow();
        assertTrue(ban.pattern().matcher(code).find(),
            "stale allow-list entry " + entry.getKey() + " / " + banName);
      }
    }
  }

  @Test
  void scannerFindsBannedCallsAndIgnoresCommentsAndStrings() {
    String code = """
        class X {
          // System.currentTimeMillis() in a comment is fine
          /* new HashMap<>() in a block comment
             double too */
          String s = "Instant.now() in a string, 0.5";
          char c = '"';
          long t = System.currentTimeMillis();
          byte[] b = s.getBytes();
          double d = 0.5;
          long ok = 1_000L + 0x1F;
        }
        """;
    String[] lines = stripCommentsAndStrings(code).split("\n", -1);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      for (Ban ban : BANS) {
        if (ban.pattern().matcher(lines[i]).find()) found.add((i + 1) + ":" + ban.name());
      }
    }
    assertEquals(Set.of("7:System.currentTimeMillis", "8:getBytes()", "9:float/double",
        "9:floating-point literal"), Set.copyOf(found));
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** Blanks comments, string/char literals and text blocks, keeping line breaks. */
  static String stripCommentsAndStrings(String src) {
    StringBuilder out = new StringBuilder(src.length());
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (src.startsWith("//", i)) {
        while (i < n && src.charAt(i) != '\n') i++;
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        keepNewlines(out, src, i, end);
        i = end;
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        keepNewlines(out, src, i, end);
        out.append("\"\"");
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
          j += src.charAt(j) == '\\' ? 2 : 1;
        }
        out.append(c).append(c);
        i = Math.min(n, j + 1);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void keepNewlines(StringBuilder out, String src, int from, int to) {
    for (int k = from; k < to; k++) {
      if (src.charAt(k) == '\n') out.append('\n');
    }
  }
}
