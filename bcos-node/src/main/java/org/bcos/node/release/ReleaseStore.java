package org.bcos.node.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.bcos.types.Hash;

/**
 * The node's verified release artifacts: {@code <data>/releases/<sha256 hex>}, each file's SHA-256
 * equal to its name (docs/GOVERNANCE.md "Release artifacts"). An artifact is written to a
 * temporary file of its own in the same directory, hashed as it is written, and moved into place
 * atomically only when its hash is the expected one; otherwise the temporary file is deleted and
 * nothing is kept. So a file under its final name is always complete and verified, and several
 * writers (the CLI while the node runs, the node's P2P fetch) never see each other's halves.
 */
public final class ReleaseStore {
  /** Largest artifact the store takes by default (a release tarball is ~100 MiB). */
  public static final long MAX_RELEASE_BYTES = 512L << 20;
  /** The directory under the data directory. */
  public static final String DIRECTORY = "releases";
  private static final String TEMP_SUFFIX = ".part";

  private final Path dir;
  private final long maxBytes;

  /**
   * @param dataDir the node's data directory ({@code releases/} is created under it on first use)
   * @param maxBytes the largest artifact taken, 1..{@link #MAX_RELEASE_BYTES}
   */
  public ReleaseStore(Path dataDir, long maxBytes) {
    if (maxBytes < 1 || maxBytes > MAX_RELEASE_BYTES) {
      throw new IllegalArgumentException("maxReleaseBytes must be 1.." + MAX_RELEASE_BYTES
          + ", not " + maxBytes);
    }
    this.dir = dataDir.resolve(DIRECTORY);
    this.maxBytes = maxBytes;
  }

  /** The store with the default limit. */
  public static ReleaseStore of(Path dataDir) {
    return new ReleaseStore(dataDir, MAX_RELEASE_BYTES);
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Where the verified artifact with this hash is, when the store has it. */
  public Optional<Path> find(Hash release) {
    Path p = path(release);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** Whether the verified artifact with this hash is on disk. */
  public boolean has(Hash release) {
    return find(release).isPresent();
  }

  /** The artifact's size in bytes, or -1 when the store does not have it. */
  public long size(Hash release) {
    try {
      return has(release) ? Files.size(path(release)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The final path of the artifact with this hash (present or not). */
  public Path path(Hash release) {
    return dir.resolve(release.toHex());
  }

  /**
   * Reads {@code in} to its end into a temporary file and keeps it as {@code expected} if and only
   * if its SHA-256 is {@code expected} and it is at most {@link #maxBytes()} long. An artifact the
   * store already has is read and verified again (the caller asked to store these bytes), then
   * the stored copy is kept.
   *
   * @return the outcome: stored (with its path and size) or the named refusal; nothing is kept on
   *     a refusal
   * @throws IOException when the disk or the source fails (nothing is kept either)
   */
  public PutResult put(InputStream in, Hash expected) throws IOException {
    try {
      return put(in, expected, artifact -> {});
    } catch (ReleaseArchive.ReleaseException e) {
      throw new IllegalStateException("no check, no refusal", e);
    }
  }

  /** A check of a complete artifact whose hash is the expected one, before it is kept. */
  @FunctionalInterface
  public interface ArtifactCheck {
    void check(Path artifact) throws IOException, ReleaseArchive.ReleaseException;
  }

  /**
   * {@link #put(InputStream, Hash)}, and the artifact is kept only if {@code check} (e.g. {@link
   * ReleaseArchive#check(Path, int)}) passes it too; its refusal is thrown with nothing kept.
   */
  public PutResult put(InputStream in, Hash expected, ArtifactCheck check)
      throws IOException, ReleaseArchive.ReleaseException {
    Path temp = newTempFile(expected);
    try {
      Written w = copy(in, temp);
      if (w.tooLarge) return PutResult.refused(PutResult.Outcome.RELEASE_TOO_LARGE, w.bytes);
      if (!w.hash.equals(expected)) {
        return PutResult.refused(PutResult.Outcome.RELEASE_HASH_MISMATCH, w.bytes, w.hash);
      }
      check.check(temp);
      move(temp, path(expected));
      return new PutResult(PutResult.Outcome.STORED, w.bytes, w.hash, path(expected));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A new empty temporary file in the store's directory (for a fetch that writes by offset). */
  public Path newTempFile(Hash release) throws IOException {
    Files.createDirectories(dir);
    return Files.createTempFile(dir, release.toHex() + ".", TEMP_SUFFIX);
  }

  /**
   * Keeps {@code temp} (a file in this store's directory) as {@code release} if and only if it is
   * at most {@link #maxBytes()} long and its SHA-256 is {@code release}: moved into place (true).
   * Otherwise it is left where it is (false), for the caller to compare and delete.
   */
  public boolean adopt(Path temp, Hash release) throws IOException {
    if (Files.size(temp) > maxBytes) return false;
    if (!hashOf(temp).equals(release)) return false;
    move(temp, path(release));
    return true;
  }

  /**
   * Whether the stored artifact {@code release} is still the bytes its name says (hashed again:
   * a file changed on disk since it was verified is not), false when the store lacks it.
   */
  public boolean intact(Hash release) throws IOException {
    return has(release) && hashOf(path(release)).equals(release);
  }

  /** The SHA-256 of a file. */
  public static Hash hashOf(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 << 10];
      int n;
      while ((n = in.read(buf)) > 0) sha.update(buf, 0, n);
    }
    return Hash.wrap(sha.digest());
  }

  /** {@code length} bytes at {@code offset} of the stored artifact {@code release}. */
  public byte[] read(Hash release, long offset, int length) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(path(release),
        java.nio.file.StandardOpenOption.READ)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(length);
      while (buf.hasRemaining()) {
        if (ch.read(buf, offset + buf.position()) < 0) {
          throw new IOException(path(release) + " is shorter than " + (offset + length));
        }
      }
      return buf.array();
    }
  }

  /** Deletes temporary files a crash left behind (a node calls it at start). */
  public void removeLeftovers() throws IOException {
    if (!Files.isDirectory(dir)) return;
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(TEMP_SUFFIX)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private record Written(long bytes, Hash hash, boolean tooLarge) {}

  /** Copies at most one byte more than the limit, hashing as it goes. */
  private Written copy(InputStream in, Path temp) throws IOException {
    MessageDigest sha = sha256();
    long total = 0;
    byte[] buf = new byte[64 << 10];
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) return new Written(total, null, true);
        out.write(buf, 0, n);
      }
      out.flush();
    }
    return new Written(total, Hash.wrap(sha.digest()), false);
  }

  private static void move(Path temp, Path target) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(temp,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true); // the bytes are on disk before the name says they are verified
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + target.getParent()
          + " cannot rename atomically", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
