package org.bcos.node.release;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The part of the POSIX ustar tar format a release uses: regular files and directories, nothing
 * else. The writer makes the same bytes from the same entries (owner 0, mtime 0, fixed modes, no
 * user or group names); the reader hands back every header as it is, for {@link ReleaseArchive}
 * to judge, and checks only what makes a header a header (its checksum, its octal fields).
 */
final class Ustar {
  static final int BLOCK = 512;
  /** Longest name a header can hold: a 155-byte prefix, '/', a 100-byte name. */
  static final int MAX_NAME_BYTES = 255;
  static final char REGULAR = '0';
  static final char DIRECTORY = '5';
  private static final byte[] MAGIC = "ustar\0".getBytes(StandardCharsets.US_ASCII);

  private Ustar() {}

  /** One header as read: the raw type flag is kept so that the caller can name what it refuses. */
  record Header(String name, int mode, long size, char type, String linkName) {}

  /** A header that is not one (bad checksum, bad octal, truncated). */
  static final class MalformedException extends IOException {
    MalformedException(String message) {
      super(message);
    }
  }

  /** A name that is not UTF-8 (the reader refuses it without guessing a charset). */
  static final class BadNameException extends IOException {
    BadNameException(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------- writing

  /** Writes the header of a regular file ({@code size} bytes follow) or of a directory. */
  static void writeHeader(OutputStream out, String name, int mode, long size, char type)
      throws IOException {
    byte[] h = new byte[BLOCK];
    byte[] full = name.getBytes(StandardCharsets.UTF_8);
    int split = splitAt(full);
    System.arraycopy(full, split == 0 ? 0 : split + 1, h, 0, full.length - (split == 0 ? 0
        : split + 1));
    if (split > 0) System.arraycopy(full, 0, h, 345, split);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    System.arraycopy(MAGIC, 0, h, 257, MAGIC.length);
    h[263] = '0';
    h[264] = '0';
    Arrays.fill(h, 148, 156, (byte) ' ');
    octal(h, 148, 7, checksum(h));
    h[155] = ' ';
    out.write(h);
  }

  /** Pads the data of an entry of {@code size} bytes to a whole block. */
  static void pad(OutputStream out, long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) out.write(new byte[BLOCK - rest]);
  }

  /** The end of an archive: two zero blocks. */
  static void writeEnd(OutputStream out) throws IOException {
    out.write(new byte[2 * BLOCK]);
  }

  /** Where the name is split into prefix and name (0: it fits the name field alone). */
  private static int splitAt(byte[] full) {
    if (full.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("a tar entry name is at most " + MAX_NAME_BYTES
          + " bytes: " + new String(full, StandardCharsets.UTF_8));
    }
    if (full.length <= 100) return 0;
    for (int i = Math.min(155, full.length - 1); i > 0; i--) {
      if (full[i] == '/' && full.length - i - 1 <= 100) return i;
    }
    throw new IllegalArgumentException("a tar entry name cannot be split into ustar's prefix "
        + "and name: " + new String(full, StandardCharsets.UTF_8));
  }

  private static void octal(byte[] h, int offset, int width, long value) {
    String s = Long.toOctalString(value);
    if (s.length() > width - 1) throw new IllegalArgumentException(value + " too large for tar");
    String padded = "0".repeat(width - 1 - s.length()) + s;
    System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, offset, width - 1);
    h[offset + width - 1] = 0;
  }

  private static long checksum(byte[] h) {
    long sum = 0;
    for (byte b : h) sum += b & 0xff;
    return sum;
  }

  // ---------------------------------------------------------------- reading

  /**
   * The next header of {@code in}, or null at the end of the archive (a zero block, or the end of
   * the stream right after the last entry).
   */
  static Header readHeader(InputStream in) throws IOException {
    byte[] h = new byte[BLOCK];
    int n = in.readNBytes(h, 0, BLOCK);
    if (n == 0) return null;
    if (n < BLOCK) throw new MalformedException("the archive ends inside a header");
    if (allZero(h)) return null;
    long stored = parseOctal(h, 148, 8);
    Arrays.fill(h, 148, 156, (byte) ' ');
    if (stored != checksum(h)) throw new MalformedException("a tar header's checksum is wrong");
    boolean ustar = Arrays.equals(Arrays.copyOfRange(h, 257, 263), MAGIC);
    String name = utf8(h, 0, 100);
    if (ustar && h[345] != 0) name = utf8(h, 345, 155) + "/" + name;
    return new Header(name, (int) parseOctal(h, 100, 8), parseOctal(h, 124, 12),
        (char) (h[156] & 0xff), utf8(h, 157, 100));
  }

  /** Skips the padding after an entry's {@code size} data bytes. */
  static void skipPadding(InputStream in, long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) skipFully(in, BLOCK - rest);
  }

  static void skipFully(InputStream in, long n) throws IOException {
    long left = n;
    byte[] buf = new byte[8192];
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) throw new EOFException("the archive ends inside an entry");
      left -= r;
    }
  }

  private static boolean allZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) return false;
    }
    return true;
  }

  /** An octal field (spaces or NULs around the digits); a base-256 or other value is refused. */
  private static long parseOctal(byte[] h, int offset, int width) throws MalformedException {
    long v = 0;
    int i = offset;
    int end = offset + width;
    while (i < end && (h[i] == ' ' || h[i] == 0)) i++;
    int digits = 0;
    while (i < end && h[i] >= '0' && h[i] <= '7') {
      v = v * 8 + (h[i] - '0');
      i++;
      digits++;
    }
    while (i < end && (h[i] == ' ' || h[i] == 0)) i++;
    if (i != end || digits == 0 || digits > 11) {
      throw new MalformedException("a tar header has a field that is not an octal number");
    }
    return v;
  }

  /** The NUL-terminated field, decoded strictly as UTF-8. */
  private static String utf8(byte[] h, int offset, int width) throws BadNameException {
    int len = 0;
    while (len < width && h[offset + len] != 0) len++;
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(h, offset, len)).toString();
    } catch (CharacterCodingException e) {
      throw new BadNameException("a tar entry name is not UTF-8");
    }
  }
}
