package org.bcos.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.time.Duration;

/**
 * An exclusive lock on one key, held across processes (an OS file lock on {@code .<name>.lock} in
 * the keystore directory) and across threads of one process. A client holds it from reading the
 * account's next nonce until the node has admitted the transaction signed with it, so two
 * commands signing with one key never pick the same nonce. Released on close, and by the OS if the
 * process dies.
 */
public final class KeyLock implements AutoCloseable {
  private static final long POLL_MILLIS = 20;

  private final FileChannel channel;
  private final FileLock lock;

  private KeyLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static KeyLock acquire(Path file, String name, Duration timeout, FileAttribute<?>[] attributes) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.WRITE), attributes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the key lock file " + file, e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) return new KeyLock(channel, lock);
        if (System.nanoTime() > deadline) {
          throw new KeystoreException(KeystoreException.Reason.LOCK_TIMEOUT,
              "Key \"" + name + "\" is still in use by another command after "
                  + timeout.toSeconds() + " s; try again when it has finished.");
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(channel);
      throw new KeystoreException(KeystoreException.Reason.LOCK_TIMEOUT,
          "Interrupted while waiting for key \"" + name + "\".");
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** The lock, or null while another process or thread of this one holds it. */
  private static FileLock tryLock(FileChannel channel) {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the key lock file", e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was locked through it
    }
  }

  /** Releases the lock (the empty lock file stays: deleting it could split two waiters). */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel below releases it too
    } finally {
      closeQuietly(channel);
    }
  }
}
