package org.bcos.node.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A node's plaintext secret files ({@code validator.key}, {@code node.key}): the node must read
 * them unattended, so their protection is the file mode. Written owner-only from the first byte,
 * under a fresh random temporary name (never through an existing file or link), flushed, then
 * linked into place without replacing anything; read with a size bound, and refused when group or
 * others may read them (as ssh refuses such private keys).
 */
public final class SecretFile {
  /** Largest secret file read: a hex seed and a nonce fit many times over. */
  public static final int MAX_BYTES = 1024;

  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");

  /** A secret file cannot be used; {@link #reason()} says why, the message what to do. */
  public static final class SecretFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why a secret file was refused. */
    public enum Reason {
      /** Larger than {@link #MAX_BYTES}. */
      KEY_FILE_TOO_LARGE,
      /** Group or others may read it. */
      KEY_FILE_READABLE_BY_OTHERS,
      /** Its content is not what the node wrote. */
      KEY_FILE_MALFORMED
    }

    private final Reason reason;

    /** Creates the exception; the message is a full sentence for the user. */
    public SecretFileException(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    /** Why the file was refused. */
    public Reason reason() {
      return reason;
    }
  }

  private SecretFile() {}

  /**
   * The file's text, after checking its size and mode.
   *
   * @throws SecretFileException KEY_FILE_TOO_LARGE or KEY_FILE_READABLE_BY_OTHERS
   */
  public static String read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new SecretFileException(SecretFileException.Reason.KEY_FILE_TOO_LARGE,
          file + " is larger than " + MAX_BYTES + " bytes: not a key file this node wrote.");
    }
    if (isPosix(file)) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (!OWNER_READ_WRITE.containsAll(mode)) {
        throw new SecretFileException(SecretFileException.Reason.KEY_FILE_READABLE_BY_OTHERS,
            file + " may be read by other users (" + PosixFilePermissions.toString(mode)
                + "); it holds a secret key: run `chmod 600 " + file + "` (and check who read"
                + " it).");
      }
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  /** A refusal of malformed content, with the file named. */
  public static SecretFileException malformed(Path file, String why) {
    return new SecretFileException(SecretFileException.Reason.KEY_FILE_MALFORMED,
        "invalid key file " + file + ": " + why + ".");
  }

  /**
   * Writes {@code text} as a new secret file; an existing {@code file} is never replaced.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   */
  public static void writeNew(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    FileAttribute<?>[] ownerOnly = isPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
        : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, ".tmp-", ".key.part", ownerOnly);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      linkIntoPlace(temp, file.toAbsolutePath());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Hard-links so that an existing file is never replaced, even by a concurrent writer. */
  private static void linkIntoPlace(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
    } catch (UnsupportedOperationException noHardLinks) {
      Files.move(temp, file);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
