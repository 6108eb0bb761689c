package org.bcos.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** STYLE §11: consensus code has no clock, randomness, threads, hash-ordered maps or floats. */
class DeterminismScanTest {
  private static final List<String> BANNED =
      List.of(
          "currentTimeMillis", "nanoTime", "Instant.", "Clock", "Random", "Thread", "Executor",
          "new HashMap", "new HashSet", "double ", "float ", "Math.random", "getBytes()",
          "Locale.getDefault");

  @Test
  void mainSourcesUseNoBannedCalls() throws IOException {
    Path root = Path.of("src/main/java/org/bcos/consensus");
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          for (String banned : BANNED) {
            if (lines.get(i).contains(banned)) hits.add(f.getFileName() + ":" + (i + 1) + " " + banned);
          }
        }
      }
    }
    assertEquals(List.of(), hits);
  }
}
