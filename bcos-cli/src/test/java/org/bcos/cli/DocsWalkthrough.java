package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: README.md's walkthrough and docs/DVS.md's worked examples run as a user pastes them.
 * Every fenced {@code bash} block of the page (of the README, those of its walkthrough section) is
 * run with bash ({@code -euo pipefail}), in order, against a fresh dev chain with half-second
 * blocks; {@code ./bcos} is the CLI of this build. Each block must exit 0, and the outputs that
 * show the examples did what the page says are checked. Variables a block sets carry over to the
 * next, as in one terminal. README's walkthrough is {@link DocsWalkthroughIT}, DVS.md's examples
 * {@link DvsDocsWalkthroughIT}: two classes, so the two IT forks can run them side by side.
 */
abstract class DocsWalkthrough {
  private static final long BLOCK_INTERVAL_MILLIS = 500;
  /** One block's bound: a few dozen CLI calls of a few seconds each. */
  private static final long BLOCK_TIMEOUT_SECONDS = 400;

  @TempDir Path root;
  InProcessNode chain;
  Path work;

  @BeforeEach
  void start() throws Exception {
    // as node --dev, with blocks twice as fast (the pages count phases in blocks, not seconds):
    // each waited command is final sooner, and a 200-block phase still lasts 100 s
    chain = InProcessNode.start(root, c -> c.withBlockInterval(BLOCK_INTERVAL_MILLIS));
    work = Files.createDirectories(root.resolve("work"));
    launcher(work.resolve("bcos"));
  }

  @AfterEach
  void stop() {
    if (chain != null) chain.close();
  }

  static boolean has(String output, String lineRegex) {
    return java.util.regex.Pattern.compile("(?m)^" + lineRegex + "$").matcher(output).find();
  }

  /**
   * The fenced {@code ```bash} blocks of a Markdown file, in order; with a {@code section} heading
   * prefix (e.g. {@code "## Walkthrough"}), only those between that heading and the next heading
   * of the same level.
   */
  static List<String> bashBlocks(Path markdown, String section) throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    String level = section.isEmpty() ? "" : section.substring(0, section.indexOf(' ') + 1);
    boolean inSection = section.isEmpty();
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (current == null && !section.isEmpty() && line.startsWith(level)) {
        inSection = line.startsWith(section);
        continue;
      }
      if (!inSection) continue;
      if (current == null && line.strip().equals("```bash")) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) fail(markdown + " has an unclosed ```bash block");
    return blocks;
  }

  /**
   * Runs every bash block of {@code section} in {@code markdown} (a repository file), in order,
   * after checking there are {@code expected} ({@code what} they are); returns their outputs.
   */
  List<String> runAll(String markdown, String section, int expected, String what)
      throws Exception {
    List<String> blocks = bashBlocks(repoFile(markdown), section);
    assertEquals(expected, blocks.size(), what);
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) outputs.add(run(i, blocks.get(i)));
    return outputs;
  }

  /** Runs block {@code i} in the work directory; returns what it printed (stdout and stderr). */
  String run(int i, String block) throws Exception {
    Path state = work.resolve("exported.sh");
    Path script = work.resolve("block" + i + ".sh");
    Files.writeString(script, "set -euo pipefail\n"
        + "if [ -f " + state + " ]; then source " + state + "; fi\n"
        + block
        + "export -p | grep -v -E ' (BASHOPTS|BASH_VERSINFO|EUID|PPID|SHELLOPTS|UID)=' > "
        + state + "\n", StandardCharsets.UTF_8);
    Path log = work.resolve("block" + i + ".log");
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    CrashIT.NodeProcess.environment(pb, root);
    pb.environment().put("BCOS_RPC", chain.url());
    Process p = pb.start();
    if (!p.waitFor(BLOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("block " + i + " did not finish in " + BLOCK_TIMEOUT_SECONDS + " s:\n" + block
          + "\noutput:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    System.out.println("--- block " + i + " ---\n" + block + "--- its output ---\n" + output);
    assertEquals(0, p.exitValue(), "block " + i + " failed:\n" + block + "\noutput:\n" + output);
    assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
    return output;
  }

  /** {@code ./bcos} for the pages: this build's CLI, as the launcher would run it. */
  private static void launcher(Path file) throws IOException {
    StringBuilder command = new StringBuilder("#!/usr/bin/env bash\nexec");
    for (String arg : CrashIT.NodeProcess.javaCommand()) {
      command.append(" '").append(arg.replace("'", "'\\''")).append('\'');
    }
    Files.writeString(file, command + " \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** A file of this checkout, found upwards from where the tests run. */
  static Path repoFile(String relative) throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(relative);
      if (Files.isRegularFile(file)) return file;
    }
    throw new IOException("no " + relative + " above " + Path.of("").toAbsolutePath());
  }
}
