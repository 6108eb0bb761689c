package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every {@code *WebVectorsTest} shares: the JSON shape of a vectors file and the rule that
 * the checked-in file must equal, byte for byte, what Java computes now — unless the run asks to
 * write it ({@code -Dbcos.web.vectors=write}).
 */
final class WebVectorFiles {
  static final boolean WRITE = "write".equals(System.getProperty("bcos.web.vectors"));

  private WebVectorFiles() {}

  /** The Maven command that rewrites the vectors of {@code testClass}. */
  static String regenerate(String testClass) {
    return "mvn -B -ntp -o -pl bcos-cli -am test -Dtest=" + testClass
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dbcos.web.vectors=write";
  }

  /** An ordered JSON object of key, value pairs. */
  static Map<String, Object> obj(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
    return m;
  }

  /** {@code value} as the files hold it: two-space indented JSON and a final newline. */
  static String json(Object value) throws IOException {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
    return new ObjectMapper().writer(printer).writeValueAsString(value) + "\n";
  }

  /** Writes {@code expected} to {@code file} when asked to, else asserts the file equals it. */
  static void check(Path file, String expected, String regenerate) throws IOException {
    if (WRITE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
      return;
    }
    String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    assertEquals(expected, actual, file + " differs from what Java computes now; if the change"
        + " is intended, regenerate it (" + regenerate + ") and rerun the JS tests"
        + " (node --test bcos-web/src/test/js/)");
  }
}
