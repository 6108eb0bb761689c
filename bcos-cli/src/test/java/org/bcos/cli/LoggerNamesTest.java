package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bcos.node.logging.LogSettings;
import org.junit.jupiter.api.Test;

/**
 * Every logger in the main sources of every module is a component's, {@code bcos.<component>} with
 * a component that {@code --log-level} knows, so that levels per component reach all the code;
 * nothing logs through the JDK's loggers, which the node's settings would not reach.
 */
class LoggerNamesTest {
  private static final Pattern ANY_LOGGER = Pattern.compile("getLogger\\(");
  private static final Pattern NAMED_LOGGER = Pattern.compile("LoggerFactory\\.getLogger\\(\"([^\"]*)\"\\)");

  @Test
  void everyLoggerIsAKnownComponentsAndNoneIsTheJdks() throws IOException {
    List<String> problems = new ArrayList<>();
    int loggers = 0;
    for (Path file : mainSources()) {
      String text = Files.readString(file);
      Matcher named = NAMED_LOGGER.matcher(text);
      int namedCount = 0;
      while (named.find()) {
        namedCount++;
        String name = named.group(1);
        String component = name.startsWith(LogSettings.PREFIX)
            ? name.substring(LogSettings.PREFIX.length()) : "";
        if (!LogSettings.COMPONENTS.contains(component)) problems.add(file + ": " + name);
      }
      if (ANY_LOGGER.matcher(text).results().count() != namedCount) {
        problems.add(file + ": a logger not named by a string literal (or the JDK's)");
      }
      if (text.contains("java.util.logging.Logger") || text.contains("System.getLogger")) {
        problems.add(file + ": the JDK's logging");
      }
      loggers += namedCount;
    }
    assertEquals(List.of(), problems);
    assertTrue(loggers >= 15, "found the loggers: " + loggers);
  }

  /** The main Java sources of every module (tests run in bcos-cli, beside the others). */
  private static List<Path> mainSources() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
      for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("bcos-"))
          .toList()) {
        Path main = module.resolve("src/main/java");
        if (!Files.isDirectory(main)) continue;
        try (Stream<Path> files = Files.walk(main)) {
          // the logging package sets levels on loggers by name; it logs nothing itself
          files.filter(p -> p.toString().endsWith(".java")
              && !p.toString().contains("/org/bcos/node/logging/")).forEach(out::add);
        }
      }
    }
    return out;
  }
}
