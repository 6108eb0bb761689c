package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a real {@code bcos node} process: its log file (JSON lines, rolled
 * over at a small size, never holding the dev mnemonic that the terminal shows), its
 * {@code /metrics} page read by the Prometheus text format rules, and short commands that never
 * load the logging backend.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NodeOperationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Below the ranges testnet ITs in the other fork take (TestnetDriver.freeBase). */
  private static final int RPC_PORT = 9861;
  private static final Pattern MNEMONIC = Pattern.compile(
      "dev key mnemonic \\(shown once\\): ([a-z]+(?: [a-z]+){11,23})");

  @TempDir Path root;

  @Test
  void nodeLogsJsonIntoARolledFileTheMnemonicOnlyToTheTerminalAndServesMetrics()
      throws Exception {
    Path script = Path.of("/usr/bin/script");
    Assumptions.assumeTrue(Files.isExecutable(script), "needs script(1) for a terminal");
    Path logs = root.resolve("logs");
    Path terminal = root.resolve("terminal.txt");
    List<String> node = new ArrayList<>(CrashIT.NodeProcess.javaCommand());
    node.addAll(List.of("node", "--dev", "--data", root.resolve("data").toString(),
        "--rpc-port", Integer.toString(RPC_PORT), "--block-interval-ms", "200",
        "--log-file", logs.resolve("node.log").toString(), "--log-format", "json",
        "--log-max-file-bytes", "2048", "--log-total-size-cap-bytes", "65536"));
    // script(1) gives the node a terminal, as a person running it has: the mnemonic is shown
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "-q", "-e", "-c",
        node.stream().map(NodeOperationsIT::quoted).collect(Collectors.joining(" ")),
        "/dev/null").redirectErrorStream(true).redirectOutput(terminal.toFile());
    CrashIT.NodeProcess.environment(pb, root.resolve("home"));
    Process process = pb.start();
    try {
      Await.until("a rolled log file", Duration.ofSeconds(90), () -> rolled(logs).size() >= 2);
      assertMetricsParse(InProcessNode.get(RPC_PORT, "/metrics"));
    } finally {
      stop(process);
    }
    String shown = Files.readString(terminal);
    Matcher words = MNEMONIC.matcher(shown);
    assertTrue(words.find(), "the terminal shows the new dev key's mnemonic:\n" + shown);
    assertFalse(shown.contains("\"level\""), "log lines go to the file, not the terminal");
    assertLogFiles(logs, words.group(1));
  }

  /**
   * Short commands start no logging and no metrics (Logback's set-up alone costs ~0.1 s of CPU):
   * the classes a fresh JVM loads for them, listed by -Xlog:class+load, include no Logback, no
   * SLF4J factory (the {@code Logger} interface alone may be verified) and no Prometheus client.
   */
  @Test
  void shortCommandsLoadNoLoggingBackendAndNoMetrics() throws Exception {
    List<List<String>> commands = List.of(List.of("key", "list"), List.of("--help"),
        List.of("status", "--rpc", "http://127.0.0.1:" + (RPC_PORT + 1)));
    for (List<String> args : commands) {
      Path loaded = root.resolve("classes-" + args.getFirst() + ".txt");
      List<String> command = new ArrayList<>(CrashIT.NodeProcess.javaCommand());
      command.add(1, "-Xlog:class+load=info:file=" + loaded);
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(root.resolve("out.txt").toFile());
      CrashIT.NodeProcess.environment(pb, root.resolve("home"));
      Process process = pb.start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bcos " + args);
      List<String> classes = Files.readAllLines(loaded);
      assertTrue(classes.size() > 500 && classes.stream().anyMatch(l -> l.contains(
          " org.bcos.cli.BcosCli ")), "the log lists the loaded classes: " + classes.size());
      List<String> logging = classes.stream().filter(l -> l.contains(" ch.qos.logback.")
          || l.contains(" org.slf4j.LoggerFactory ") || l.contains(" io.prometheus.")).toList();
      assertEquals(List.of(), logging, "bcos " + String.join(" ", args));
    }
  }

  /** Every file holds JSON lines only, block lines with their height; none has the mnemonic. */
  private static void assertLogFiles(Path logs, String mnemonic) throws IOException {
    long blockLines = 0;
    for (Path file : rolled(logs)) {
      String text = Files.readString(file);
      assertFalse(text.contains(mnemonic) || text.contains("mnemonic"), file.toString());
      for (String line : text.lines().toList()) {
        JsonNode json = JSON.readTree(line);
        Instant.parse(json.path("time").asText());
        assertTrue(json.path("level").isTextual() && json.path("logger").isTextual(), line);
        if (json.path("logger").asText().equals("bcos.chain")) {
          assertTrue(json.path("height").isIntegralNumber(), line);
          assertTrue(json.path("message").asText().startsWith("block "), line);
          blockLines++;
        }
      }
    }
    assertTrue(blockLines >= 8, blockLines + " block lines");
  }

  private static void assertMetricsParse(String text) {
    Map<String, PrometheusText.Family> families = PrometheusText.parse(text);
    PrometheusText.Family height = families.get("bcos_chain_height");
    assertEquals("gauge", height.type());
    assertTrue(height.samples().getFirst().value() >= 1, height.toString());
    assertEquals("counter", families.get("bcos_blocks_committed_total").type());
    PrometheusText.Family rejected = families.get("bcos_txs_rejected_total");
    assertEquals("counter", rejected.type());
    assertTrue(rejected.samples().stream().anyMatch(s ->
        s.labels().equals(Map.of("reason", "BAD_SIGNATURE")) && s.value() == 0), rejected.toString());
    assertEquals("gauge", families.get("bcos_consensus_validators").type());
    assertEquals("counter", families.get("bcos_rpc_requests_refused_total").type());
    // the JVM's and the process's, from the client's standard instrumentation
    assertTrue(families.get("jvm_memory_used_bytes").samples().size() >= 2, families.keySet()
        .toString());
    assertTrue(families.containsKey("process_cpu_seconds_total"), families.keySet().toString());
    for (PrometheusText.Family f : families.values()) {
      assertTrue(f.help() != null && f.type() != null, "HELP and TYPE of " + f.name());
    }
  }

  private static List<Path> rolled(Path logs) {
    if (!Files.isDirectory(logs)) return List.of();
    try (Stream<Path> files = Files.list(logs)) {
      return files.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** SIGTERM to the node under script(1) (a clean stop), then to script itself. */
  private static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String quoted(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
