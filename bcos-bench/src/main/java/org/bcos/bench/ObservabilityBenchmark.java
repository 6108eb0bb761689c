package org.bcos.bench;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.bcos.node.NodeMetrics;
import org.bcos.node.logging.LogSettings;
import org.bcos.node.logging.NodeLogging;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What logging and metrics cost the node (issue #10: SLF4J + Logback and the Prometheus client in
 * place of the hand-written Log and NodeMetrics): the block line as the node writes it, into a
 * file, in each format, against the old hand-written line; a counter increment on the per-
 * transaction path against the LongAdder it replaced; and one /metrics page.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class ObservabilityBenchmark {
  /** The removed Log.java's line, as its baseline. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Param({"text", "json"})
  public String format;

  private Path dir;
  private PrintStream oldOut;
  private Logger chain;
  private long height;
  private final LongAdder oldCounter = new LongAdder();
  private Counter counter;
  private NodeMetrics metrics;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("bcos-observability-bench");
    NodeLogging.apply(LogSettings.DEFAULT.withFormat(LogSettings.parseFormat(format))
        .withFile(dir.resolve("node.log")));
    chain = LoggerFactory.getLogger("bcos.chain");
    oldOut = new PrintStream(new BufferedOutputStream(
        new FileOutputStream(dir.resolve("old.log").toFile()), 8192), true,
        StandardCharsets.UTF_8);
    counter = Counter.builder().name("bench_txs").help("bench").register(new PrometheusRegistry());
    metrics = new NodeMetrics();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    oldOut.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) Files.delete(p);
    }
    Files.delete(dir);
  }

  /** The block line as CommittedBlocks writes it: message and structured fields. */
  @Benchmark
  public void blockLine() {
    long h = ++height;
    chain.atInfo().addKeyValue("height", h).addKeyValue("txs", 120)
        .addKeyValue("how", "round=0 signers=1").addKeyValue("millis", 3L)
        .addKeyValue("mempool", 0)
        .log("block {} txs={} {} time={}ms mempool={}", h, 120, "round=0 signers=1", 3L, 0);
  }

  /** The same line as the removed Log.java printed it (text only). */
  @Benchmark
  public void blockLineOldLog() {
    long h = ++height;
    oldOut.println(TIME.format(Instant.now()) + " " + "INFO " + " " + "chain" + ": " + "block "
        + h + " txs=" + 120 + " " + "round=0 signers=1" + " time=" + 3 + "ms mempool=" + 0);
  }

  /** One admitted transaction: the Prometheus counter the node increments now. */
  @Benchmark
  public void txCounter() {
    counter.inc();
  }

  /** The LongAdder the hand-written NodeMetrics incremented. */
  @Benchmark
  public void txCounterOldLongAdder() {
    oldCounter.increment();
  }

  /** One /metrics page of a node (its own metrics and the JVM's). */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String metricsPage() {
    return metrics.text();
  }
}
