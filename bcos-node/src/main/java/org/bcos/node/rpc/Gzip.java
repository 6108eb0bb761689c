package org.bcos.node.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** gzip for HTTP answers: what a client's {@code Accept-Encoding} takes, and the compressing. */
final class Gzip {
  /** Longest {@code Accept-Encoding} value read; a longer one is taken to accept nothing. */
  static final int MAX_ACCEPT_ENCODING_CHARS = 512;
  private static final Pattern ZERO_Q = Pattern.compile("q\\s*=\\s*0(\\.0{0,3})?");

  private Gzip() {}

  /**
   * Whether an {@code Accept-Encoding} value takes gzip: {@code gzip}, {@code x-gzip} or
   * {@code *} listed with a q-value above 0 (RFC 9110 §12.5.3); null or empty takes none.
   */
  static boolean accepted(String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.length() > MAX_ACCEPT_ENCODING_CHARS) {
      return false;
    }
    for (String item : acceptEncoding.split(",")) {
      String[] parts = item.split(";");
      String coding = parts[0].strip().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) continue;
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        if (ZERO_Q.matcher(parts[i].strip().toLowerCase(Locale.ROOT)).matches()) refused = true;
      }
      if (!refused) return true;
    }
    return false;
  }

  /** {@code bytes} gzip'd at {@code level} ({@link Deflater#BEST_SPEED} … BEST_COMPRESSION). */
  static byte[] compress(byte[] bytes, int level) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(out) {
      {
        def.setLevel(level);
      }
    }) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }
}
