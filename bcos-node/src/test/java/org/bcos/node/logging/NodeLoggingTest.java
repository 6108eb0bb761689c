package org.bcos.node.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logback as {@link NodeLogging} sets it up, in a context of its own (not the tests' one). */
class NodeLoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final LoggerContext context = new LoggerContext();

  NodeLoggingTest() {
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as SLF4J's does
    context.start();
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  private List<String> lines(Path file) throws IOException {
    context.stop(); // closes the appender, flushing the file
    return Files.readAllLines(file);
  }

  @Test
  void levelsByComponentOverTheGlobalLevel() throws IOException {
    Path file = dir.resolve("node.log");
    NodeLogging.apply(context, LogSettings.DEFAULT.withLevels("warn,p2p=debug,chain=error")
        .withFile(file));
    context.getLogger("bcos.p2p").debug("p2p debug");
    context.getLogger("bcos.consensus").info("consensus info");
    context.getLogger("bcos.consensus").warn("consensus warn");
    context.getLogger("bcos.chain").warn("chain warn");
    context.getLogger("io.netty.channel").info("netty info");

    List<String> lines = lines(file);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).endsWith(" DEBUG p2p: p2p debug"), lines.get(0));
    assertTrue(lines.get(1).endsWith(" WARN  consensus: consensus warn"), lines.get(1));
  }

  @Test
  void textLineKeepsTheNodesFormat() throws IOException {
    Path file = dir.resolve("node.log");
    NodeLogging.apply(context, LogSettings.DEFAULT.withFile(file));
    context.getLogger("bcos.chain").atInfo().addKeyValue("height", 7L)
        .log("block {} txs={}", 7, 0);
    String line = lines(file).getFirst();
    // UTC time to the millisecond, level padded to 5, component, message; fields not repeated
    assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  chain: "
        + "block 7 txs=0"), line);
  }

  @Test
  void jsonLinesParseWithTimeLevelLoggerMessageAndFields() throws IOException {
    Path file = dir.resolve("node.json");
    NodeLogging.apply(context, LogSettings.DEFAULT.withFormat(LogSettings.Format.JSON)
        .withFile(file));
    context.getLogger("bcos.chain").atInfo().addKeyValue("height", 42L).addKeyValue("txs", 3)
        .addKeyValue("how", "round=0 \"quoted\"").log("block {} txs={}", 42, 3);
    context.getLogger("bcos.node").error("restart failed: boom",
        new IllegalStateException("boom"));

    List<String> lines = lines(file);
    assertEquals(2, lines.size(), lines.toString());
    JsonNode block = JSON.readTree(lines.get(0));
    Instant.parse(block.path("time").asText()); // ISO-8601
    assertEquals("INFO", block.path("level").asText());
    assertEquals("bcos.chain", block.path("logger").asText());
    assertEquals("block 42 txs=3", block.path("message").asText());
    assertTrue(block.path("height").isIntegralNumber());
    assertEquals(42, block.path("height").asLong());
    assertEquals(3, block.path("txs").asInt());
    assertEquals("round=0 \"quoted\"", block.path("how").asText());
    assertFalse(block.has("exception"));
    JsonNode failure = JSON.readTree(lines.get(1));
    assertEquals("ERROR", failure.path("level").asText());
    assertTrue(failure.path("exception").asText().contains("IllegalStateException: boom"));
  }

  @Test
  void fileRollsOverAtTheSizeLimitAndKeepsTheTotalUnderTheCap() throws IOException {
    Path file = dir.resolve("node.log");
    long maxFileBytes = 2048;
    long capBytes = 8192;
    NodeLogging.apply(context, LogSettings.DEFAULT.withRotation(maxFileBytes, 1, capBytes)
        .withFile(file));
    var log = context.getLogger("bcos.chain");
    String padding = "x".repeat(100);
    for (int i = 0; i < 400; i++) log.info("line {} {}", i, padding); // ~60 KB in all
    context.stop();

    List<Path> rolled;
    try (Stream<Path> files = Files.list(dir)) {
      rolled = files.filter(p -> !p.equals(file)).sorted().toList();
    }
    assertTrue(rolled.size() >= 2, "rolled files: " + rolled);
    for (Path p : rolled) {
      assertTrue(p.getFileName().toString().matches("node\\.log\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+"),
          p.toString());
      // a file rolls over at the first line past the limit: at most one line over it
      assertTrue(Files.size(p) <= maxFileBytes + 200, p + " " + Files.size(p));
    }
    assertTrue(Files.readString(file).contains("line 399 "), "the newest line is in the file");
  }
}
