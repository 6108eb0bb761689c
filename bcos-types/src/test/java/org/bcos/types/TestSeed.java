package org.bcos.types;

/**
 * The seed of a randomised test (property tests, random chains): {@code -Dbcos.test.seed=S}
 * replays one run; otherwise a new seed, printed with the line that replays it. Shared by every
 * module's tests through bcos-types' test jar.
 */
public final class TestSeed {
  /** The system property that fixes the seed. */
  public static final String PROPERTY = "bcos.test.seed";

  private TestSeed() {}

  /** The seed for {@code test} (a class or class.method name), printed. */
  public static long of(String test) {
    long seed = Long.getLong(PROPERTY, System.nanoTime());
    System.out.println(test + " seed=" + seed + " (replay: -D" + PROPERTY + "=" + seed + ")");
    return seed;
  }
}
