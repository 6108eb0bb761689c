package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the short commands do not load (issue #10, fast start), checked by class, not by time: no
 * JDK HTTP client (the socket client serves {@code http://}), no {@code ObjectMapper} (JSON
 * through Jackson's core), no logging backend, no node or storage code. Each command runs in its
 * own plain JVM (no AOT cache, which would list every cached class) with the class-load log on.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShortCommandClassesIT {
  private static final List<String> NEVER_LOADED = List.of("java.net.http.",
      "jdk.internal.net.http.", "com.fasterxml.jackson.databind.ObjectMapper ", "org.slf4j.",
      "ch.qos.logback.", "org.apache.logging.", "java.util.logging.LogManager ", "io.netty.",
      "org.rocksdb.", "org.bcos.node.");

  @TempDir Path root;

  @Test
  void keysAndQueriesLoadNoHttpClientMapperLoggerOrNodeCode() throws Exception {
    try (InProcessNode node = InProcessNode.start(root)) {
      String rpc = node.url();
      assertLoadsNoneOf(List.of("key", "list"));
      assertLoadsNoneOf(List.of("status", "--rpc", rpc));
      assertLoadsNoneOf(List.of("balance", "dev", "--rpc", rpc));
      assertLoadsNoneOf(List.of("block", "--rpc", rpc));
      assertLoadsNoneOf(List.of("status", "--json", "--rpc", rpc));
    }
  }

  private void assertLoadsNoneOf(List<String> args) throws Exception {
    Path log = Files.createTempFile(root, "classes", ".log");
    List<String> command = new ArrayList<>(CrashIT.NodeProcess.javaCommand());
    command.add(1, "-Xlog:class+load=info:file=" + log);
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(root.resolve("out.txt").toFile());
    CrashIT.NodeProcess.environment(pb, root);
    Process process = pb.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), args + " did not finish");
    assertEquals(0, process.exitValue(), args + ": " + Files.readString(root.resolve("out.txt")));
    List<String> loaded = Files.readAllLines(log);
    assertTrue(loaded.size() > 500, args + ": the log lists the classes (" + loaded.size() + ")");
    List<String> unwanted = loaded.stream()
        .filter(line -> NEVER_LOADED.stream().anyMatch(line::contains)).toList();
    assertEquals(List.of(), unwanted, String.join(" ", args));
  }
}
