package org.bcos.types.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The contract every fuzz target checks on a decoder or parser of outside bytes: it returns a value
 * or throws one of its named refusals (never another exception), and it allocates no more than a
 * small multiple of its input (so no buffer is sized from an untrusted length before the length is
 * checked). Hangs are caught by the fuzzer's per-input timeout in the long run.
 */
public final class FuzzContract {
  /** Allocation any decode may make whatever its input (parser state, small tables, exceptions). */
  public static final long BASE_ALLOCATION_BYTES = 256 * 1024;
  /** Allocation allowed per input byte: copies, UTF-16 strings, lists and records built from it. */
  public static final long ALLOCATION_PER_INPUT_BYTE = 64;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** A decode step under test. */
  @FunctionalInterface
  public interface Decoding<T> {
    T decode() throws Exception;
  }

  private FuzzContract() {}

  /**
   * Runs {@code decoding} on {@code inputBytes} bytes of input; returns its value, or null if it
   * threw one of {@code refusals}. Any other exception is rethrown (a finding), and so is an
   * allocation beyond {@link #allowedAllocation(long)}. The decoding runs several times and only a
   * later run is measured (the first may load and instrument classes), so it must be repeatable.
   */
  public static <T> T decode(
      long inputBytes, List<Class<? extends Exception>> refusals, Decoding<T> decoding)
      throws Exception {
    return decodeWithin(allowedAllocation(inputBytes), refusals, decoding);
  }

  /** As {@link #decode} with an explicit allocation budget (e.g. per network read). */
  public static <T> T decodeWithin(
      long allowedBytes, List<Class<? extends Exception>> refusals, Decoding<T> decoding)
      throws Exception {
    T value = run(refusals, decoding);
    long allocated = measured(refusals, decoding);
    if (allocated > allowedBytes) {
      // the fuzzing JVM now and then charges a one-off internal allocation (MBs) to the thread; a
      // real amplification comes from the input and repeats on every run, so measure once more
      allocated = measured(refusals, decoding);
    }
    assertTrue(allocated <= allowedBytes,
        "decoding allocated " + allocated + " bytes, allowed " + allowedBytes);
    return value;
  }

  private static <T> long measured(List<Class<? extends Exception>> refusals, Decoding<T> decoding)
      throws Exception {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    run(refusals, decoding);
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  private static <T> T run(List<Class<? extends Exception>> refusals, Decoding<T> decoding)
      throws Exception {
    try {
      return decoding.decode();
    } catch (Exception e) {
      if (refusals.stream().noneMatch(r -> r.isInstance(e))) throw e;
      return null;
    }
  }

  /** The most a decode of {@code inputBytes} may allocate. */
  public static long allowedAllocation(long inputBytes) {
    return BASE_ALLOCATION_BYTES + ALLOCATION_PER_INPUT_BYTE * inputBytes;
  }

  /** A canonical format: encoding what was decoded gives back exactly the input. */
  public static void assertRoundTrip(byte[] input, byte[] reencoded) {
    assertArrayEquals(input, reencoded, "decode then encode changed the bytes");
  }
}
