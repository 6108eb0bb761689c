package org.bcos.node.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * The web app's static files (the {@code bcos-web} jar's {@code org/bcos/web/static/}), served at
 * {@code GET /}. Bounded: a request path is only ever looked up under that one classpath folder,
 * and only if every segment is a plain name ({@code [A-Za-z0-9_-]} then {@code [A-Za-z0-9._-]}:
 * no {@code ..}, no hidden files, no escapes or percent-encoding), its depth at most
 * {@link #MAX_DEPTH}, its extension a known type and the file at most {@link #MAX_FILE_BYTES};
 * files read are kept (at most {@link #MAX_CACHED_FILES}). Anything else is not found. Text files
 * are also kept gzip'd (once, at the best level) when that saves at least {@link
 * #MIN_GZIP_SAVING_PERCENT} %: browsers ask for gzip, and the app's modules shrink about 4×.
 */
final class WebRoot {
  static final String RESOURCE_ROOT = "org/bcos/web/static/";
  static final int MAX_PATH_CHARS = 200;
  static final int MAX_DEPTH = 4;
  static final int MAX_FILE_BYTES = 4 << 20;
  static final int MAX_CACHED_FILES = 512;
  /** A gzip'd copy is kept only if it is at least this much smaller. */
  static final int MIN_GZIP_SAVING_PERCENT = 10;
  /**
   * Scripts, styles, images, fonts and connections from this node only (WebSocket included:
   * CSP3 {@code 'self'} covers ws/wss to the same host); nothing inline, no plugins, no framing.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
      + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
  private static final Map<String, String> TYPES = types();
  /** The types worth gzip'ing (png and woff2 are compressed already). */
  private static final java.util.Set<String> COMPRESSIBLE = java.util.Set.of(
      "text/html; charset=utf-8", "text/javascript; charset=utf-8", "text/css; charset=utf-8",
      "application/json; charset=utf-8", "image/svg+xml", "image/x-icon",
      "text/plain; charset=utf-8");

  /**
   * One file: its bytes, content type and entity tag, and its gzip'd bytes (null for types that
   * do not shrink, or when gzip saves too little) with their own tag (a different entity, RFC
   * 9110 §8.8.3).
   */
  record File(byte[] bytes, String contentType, String etag, byte[] gzip, String gzipEtag) {}

  private final ClassLoader loader;
  private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

  private WebRoot(ClassLoader loader) {
    this.loader = loader;
  }

  /** The web root on {@code loader}'s classpath, or empty if it has no {@code index.html}. */
  static Optional<WebRoot> onClasspath(ClassLoader loader) {
    if (loader.getResource(RESOURCE_ROOT + "index.html") == null) return Optional.empty();
    return Optional.of(new WebRoot(loader));
  }

  /** The file a request path names ({@code /} is {@code /index.html}), if it is one. */
  Optional<File> file(String path) {
    String name = name(path);
    if (name == null) return Optional.empty();
    Optional<File> cached = cache.get(name);
    if (cached != null) return cached;
    Optional<File> read = read(name);
    if (cache.size() < MAX_CACHED_FILES) cache.put(name, read);
    return read;
  }

  /** The resource name under the root, or null if {@code path} is not a plain file path. */
  static String name(String path) {
    if (path.equals("/")) return "index.html";
    if (!path.startsWith("/") || path.length() > MAX_PATH_CHARS) return null;
    String[] segments = path.substring(1).split("/", -1);
    if (segments.length > MAX_DEPTH) return null;
    for (String s : segments) {
      if (!SEGMENT.matcher(s).matches()) return null;
    }
    String last = segments[segments.length - 1];
    int dot = last.lastIndexOf('.');
    if (dot < 1 || !TYPES.containsKey(last.substring(dot + 1))) return null;
    return path.substring(1);
  }

  private Optional<File> read(String name) {
    try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + name)) {
      if (in == null) return Optional.empty();
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) return Optional.empty();
      String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      String etag = etag(bytes);
      byte[] gzip = COMPRESSIBLE.contains(type) ? gzip(bytes) : null;
      return Optional.of(new File(bytes, type, etag, gzip,
          gzip == null ? null : etag.substring(0, etag.length() - 1) + "-gz\""));
    } catch (IOException e) {
      // a folder, or a jar entry that cannot be read: not a file to serve
      return Optional.empty();
    }
  }

  /** The gzip'd bytes, or null when they are not at least MIN_GZIP_SAVING_PERCENT smaller. */
  static byte[] gzip(byte[] bytes) {
    byte[] packed = Gzip.compress(bytes, Deflater.BEST_COMPRESSION);
    return (long) packed.length * 100 <= (long) bytes.length * (100 - MIN_GZIP_SAVING_PERCENT)
        ? packed : null;
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> types() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("html", "text/html; charset=utf-8");
    t.put("js", "text/javascript; charset=utf-8");
    t.put("mjs", "text/javascript; charset=utf-8");
    t.put("css", "text/css; charset=utf-8");
    t.put("json", "application/json; charset=utf-8");
    t.put("svg", "image/svg+xml");
    t.put("png", "image/png");
    t.put("ico", "image/x-icon");
    t.put("woff2", "font/woff2");
    t.put("txt", "text/plain; charset=utf-8");
    return Map.copyOf(t);
  }
}
