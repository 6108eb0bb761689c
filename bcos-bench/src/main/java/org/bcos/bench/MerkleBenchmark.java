package org.bcos.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bcos.storage.merkle.MerkleStateTree;
import org.bcos.types.Hash;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** 10,000 state updates plus the new root, in a tree that already holds {@code size} keys. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class MerkleBenchmark {
  @Param({"100000", "1000000"})
  public int size;

  private MerkleStateTree tree;
  private final Random random = new Random(3);

  private Hash randomHash() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash.wrap(b);
  }

  @Setup
  public void fill() {
    tree = new MerkleStateTree();
    for (int i = 0; i < size; i++) tree.put(randomHash(), randomHash());
    tree.root();
  }

  @Benchmark
  public Hash update10kAndRoot() {
    for (int i = 0; i < 10_000; i++) tree.put(randomHash(), randomHash());
    return tree.root();
  }
}
