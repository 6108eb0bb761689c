package org.bcos.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bcos.client.RpcTransport.Reply;
import org.bcos.client.RpcTransport.ReplyInvalidException;

/**
 * Reads one HTTP/1.x reply (RFC 9112): status line, headers, and a body framed by
 * {@code Content-Length}, {@code Transfer-Encoding: chunked} or the end of the connection. Strict:
 * anything else is a {@link ReplyInvalidException} naming what was wrong, and no body may pass
 * the caller's byte limit. A connection that ends early is an {@link IOException} (the node went
 * away), not an invalid reply.
 */
final class HttpReplyReader {
  static final int MAX_LINE_BYTES = 8192;
  static final int MAX_HEADERS = 100;

  private final InputStream in;
  private final int maxBodyBytes;
  private long contentLength = -1;
  private boolean chunked;

  private HttpReplyReader(InputStream in, int maxBodyBytes) {
    this.in = in;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The next reply on {@code in}, skipping interim (1xx) replies. */
  static Reply read(InputStream in, int maxBodyBytes) throws IOException {
    return new HttpReplyReader(in, maxBodyBytes).reply();
  }

  /** Everything up to the end of {@code in}, refused past {@code maxBytes}. */
  static byte[] readToEnd(InputStream in, int maxBytes) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) != -1; ) {
      if (body.size() + (long) n > maxBytes) throw tooLarge(maxBytes);
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  private Reply reply() throws IOException {
    int status;
    do {
      String statusLine = line(true);
      status = status(statusLine);
      contentLength = -1;
      chunked = false;
      headers();
    } while (status >= 100 && status < 200);
    if (status == 204 || status == 304) return new Reply(status, new byte[0]);
    byte[] body = chunked ? chunkedBody()
        : contentLength >= 0 ? fixedBody(contentLength) : readToEnd(in, maxBodyBytes);
    return new Reply(status, body);
  }

  private static int status(String line) throws ReplyInvalidException {
    boolean shaped = line.length() >= 12 && (line.startsWith("HTTP/1.1 ")
        || line.startsWith("HTTP/1.0 ")) && (line.length() == 12 || line.charAt(12) == ' ');
    if (!shaped || !digits(line.substring(9, 12))) {
      throw new ReplyInvalidException("not an HTTP/1.1 status line: " + quote(line));
    }
    return Integer.parseInt(line.substring(9, 12));
  }

  private void headers() throws IOException {
    for (int count = 0; ; count++) {
      String line = line(false);
      if (line.isEmpty()) return;
      if (count == MAX_HEADERS) {
        throw new ReplyInvalidException("more than " + MAX_HEADERS + " header lines");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
          || line.substring(0, colon).contains(" ")) {
        throw new ReplyInvalidException("not a header line: " + quote(line));
      }
      header(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
  }

  private void header(String name, String value) throws ReplyInvalidException {
    if (name.equals("transfer-encoding")) {
      if (!value.equalsIgnoreCase("chunked")) {
        throw new ReplyInvalidException("transfer coding " + quote(value)
            + " (only chunked is accepted)");
      }
      chunked = true;
    } else if (name.equals("content-length")) {
      if (!digits(value) || value.length() > 18) {
        throw new ReplyInvalidException("Content-Length " + quote(value) + " is not a length");
      }
      long length = Long.parseLong(value);
      if (contentLength >= 0 && contentLength != length) {
        throw new ReplyInvalidException("two different Content-Length headers");
      }
      contentLength = length;
    }
  }

  private byte[] fixedBody(long length) throws IOException {
    if (length > maxBodyBytes) throw tooLarge(maxBodyBytes);
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new IOException("the connection closed after " + body.length + " of " + length
          + " reply bytes");
    }
    return body;
  }

  private byte[] chunkedBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int size = chunkSize(line(false));
      if (size == 0) break;
      if (body.size() + (long) size > maxBodyBytes) throw tooLarge(maxBodyBytes);
      body.write(fixedBody(size));
      if (!line(false).isEmpty()) {
        throw new ReplyInvalidException("a chunk is longer than its size says");
      }
    }
    headers();  // trailer fields: read to the end of the reply, their values are not used
    return body.toByteArray();
  }

  private static int chunkSize(String line) throws ReplyInvalidException {
    int semicolon = line.indexOf(';');
    String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
    boolean hexDigits = !hex.isEmpty() && hex.length() <= 7;
    for (int i = 0; hexDigits && i < hex.length(); i++) {
      hexDigits = Character.digit(hex.charAt(i), 16) >= 0;
    }
    if (!hexDigits) {
      throw new ReplyInvalidException("not a chunk size: " + quote(line));
    }
    return Integer.parseInt(hex, 16);
  }

  /** One line without its CRLF (a bare LF is accepted, as RFC 9112 §2.2 allows). */
  private String line(boolean first) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b; (b = in.read()) != '\n'; ) {
      if (b == -1) {
        throw new IOException(first && line.size() == 0 ? "the connection closed without a reply"
            : "the connection closed in the middle of the reply");
      }
      if (line.size() == MAX_LINE_BYTES) {
        throw new ReplyInvalidException("a reply line is longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(b);
    }
    byte[] bytes = line.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') return false;
    }
    return !text.isEmpty();
  }

  /** The text in quotes, cut to 80 characters and with control characters shown as '?'. */
  private static String quote(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }

  private static ReplyInvalidException tooLarge(int maxBytes) {
    return new ReplyInvalidException("the reply is larger than the client's limit of "
        + maxBytes + " bytes");
  }
}
