package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code bcos} command as a user runs it: a separate JVM with {@code BCOS_HOME} set, no
 * passphrase in the environment and no terminal. Test fixture for the integration tests.
 */
final class CliProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one run printed and how it exited. */
  record Run(int exitCode, String stdout, String stderr) {
    JsonNode json() throws Exception {
      return JSON.readTree(stdout);
    }
  }

  private final Path home;
  private final Path scratch;

  /** Runs with {@code home} as {@code BCOS_HOME}, writing output files under {@code scratch}. */
  CliProcess(Path home, Path scratch) {
    this.home = home;
    this.scratch = scratch;
  }

  /** A started {@code bcos} process; {@link #finish} waits for it (at most 120 s). */
  record Pending(Process process, Path out, Path err, String args) {
    Run finish() throws Exception {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("bcos " + args + " did not finish");
      }
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  /** Starts {@code bcos args...} without waiting. */
  Pending start(String... args) throws Exception {
    List<String> command = new ArrayList<>(CrashIT.NodeProcess.javaCommand());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(scratch, "cli", ".out");
    Path err = Files.createTempFile(scratch, "cli", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    CrashIT.NodeProcess.environment(pb, home);
    return new Pending(pb.start(), out, err, String.join(" ", args));
  }

  /** Runs {@code bcos args...} to the end. */
  Run run(String... args) throws Exception {
    return start(args).finish();
  }

  /**
   * Runs {@code bcos args...} against the node at {@code rpcUrl} ({@code --rpc} added, except to
   * the local {@code key} commands) and requires exit 0.
   */
  Run succeeds(String rpcUrl, String... args) throws Exception {
    Run run = run(withRpc(rpcUrl, args));
    if (run.exitCode() != 0) fail(run.toString());
    return run;
  }

  /** {@code args} with {@code --rpc rpcUrl}, unless they are a local {@code key} command. */
  static String[] withRpc(String rpcUrl, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!args[0].equals("key")) all.addAll(List.of("--rpc", rpcUrl));
    return all.toArray(String[]::new);
  }
}
