package org.bcos.node.rpc;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many file descriptors the process has left below its limit: the seam that lets the API
 * server keep descriptors for P2P, consensus (the double-sign guard's file) and storage when it is
 * flooded with connections.
 */
interface FileDescriptors {
  /**
   * Descriptors left, given that the API server now holds {@code openConnections} connections
   * (so a cached sample can be corrected by the connections made since).
   */
  long free(int openConnections);

  /** The process's own figures (Unix), sampled at most every 100 ms; unlimited elsewhere. */
  static FileDescriptors ofProcess() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (!(os instanceof UnixOperatingSystemMXBean unix)) return open -> Long.MAX_VALUE;
    return new Sampled(unix);
  }

  /**
   * Counting open descriptors lists /proc/self/fd (cost grows with the count), so a sample is
   * reused briefly and corrected by the change in API connections since it was taken.
   */
  final class Sampled implements FileDescriptors {
    private static final long SAMPLE_NANOS = 100_000_000L;
    private final UnixOperatingSystemMXBean os;
    private long sampledAt;
    private long freeAtSample;
    private int connectionsAtSample;
    private boolean sampled;

    Sampled(UnixOperatingSystemMXBean os) {
      this.os = os;
    }

    @Override
    public synchronized long free(int openConnections) {
      long now = System.nanoTime();
      if (!sampled || now - sampledAt > SAMPLE_NANOS) {
        freeAtSample = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount();
        connectionsAtSample = openConnections;
        sampledAt = now;
        sampled = true;
      }
      return freeAtSample - (openConnections - connectionsAtSample);
    }
  }
}
