package org.bcos.node.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The release artifact (docs/GOVERNANCE.md "Release artifacts"): {@code bcos-<software>.tar.gz}
 * holding {@code release.json} (what it is and the protocol versions it ships), {@code bin/bcos}
 * (a launcher) and {@code lib/*.jar}. One place writes it reproducibly (same entries, same bytes)
 * and reads it safely: regular files and directories only, names relative and inside the
 * archive, counts and sizes bounded, unpacked into {@code <dir>.part} and renamed. {@code bcos
 * upgrade fetch} and the supervisor both judge an artifact here.
 */
public final class ReleaseArchive {
  /** The release's description, at the archive's root. */
  public static final String RELEASE_JSON = "release.json";
  /** The launcher a supervisor runs: {@code bin/bcos node ...}. */
  public static final String LAUNCHER = "bin/bcos";
  /** Most entries (files and directories) an archive may hold. */
  public static final int MAX_ENTRIES = 10_000;
  /** Most bytes its files may hold together, unpacked: 4 × the artifact limit. */
  public static final long MAX_UNPACKED_BYTES = 4 * ReleaseStore.MAX_RELEASE_BYTES;
  /** Largest {@code release.json} read. */
  public static final int MAX_RELEASE_JSON_BYTES = 64 << 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReleaseArchive() {}

  /** Why an artifact is refused; the names reach the user unchanged. */
  public enum Reason {
    /** Not a gzip'd tar, a header is broken, or release.json or bin/bcos is missing or wrong. */
    RELEASE_MALFORMED,
    /** An entry that is not a plain file or directory inside the archive. */
    RELEASE_UNSAFE_ENTRY,
    /** More than {@link #MAX_ENTRIES} entries. */
    RELEASE_TOO_MANY_ENTRIES,
    /** More than {@link #MAX_UNPACKED_BYTES} unpacked. */
    RELEASE_UNPACKED_TOO_LARGE,
    /** release.json does not list the protocol version the plan needs. */
    RELEASE_LACKS_VERSION,
    /** The artifact's SHA-256 is not the name it is stored under (changed on disk). */
    RELEASE_HASH_MISMATCH
  }

  /** An artifact refused, by name; nothing of it is left on disk. */
  public static final class ReleaseException extends Exception {
    private final Reason reason;

    public ReleaseException(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  /**
   * What {@code release.json} says.
   *
   * @param name what the release is ({@code bcos})
   * @param software the software version ({@code 0.1.0})
   * @param protocolVersions the protocol versions it runs, rising
   * @param gitCommit the commit it was built from, when known
   */
  public record Manifest(String name, String software, List<Integer> protocolVersions,
      Optional<String> gitCommit) {
    public Manifest {
      protocolVersions = List.copyOf(protocolVersions);
    }

    /** Whether the release ships this protocol version. */
    public boolean ships(int version) {
      return protocolVersions.contains(version);
    }

    /** The JSON written as {@code release.json} (keys in this order, a newline at the end). */
    public byte[] toJson() {
      ObjectNode o = JSON.createObjectNode().put("name", name).put("software", software);
      var versions = o.putArray("protocolVersions");
      protocolVersions.forEach(versions::add);
      gitCommit.ifPresent(c -> o.put("gitCommit", c));
      return (o.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Manifest parse(byte[] json) throws ReleaseException {
      JsonNode j;
      try {
        j = JSON.readTree(json);
      } catch (IOException e) {
        throw malformed("release.json is not JSON");
      }
      if (j == null || !j.path("name").isTextual() || !j.path("software").isTextual()
          || !j.path("protocolVersions").isArray() || j.path("protocolVersions").isEmpty()) {
        throw malformed("release.json lacks name, software or protocolVersions");
      }
      List<Integer> versions = new ArrayList<>();
      for (JsonNode v : j.get("protocolVersions")) {
        if (!v.isInt() || v.asInt() < 1) throw malformed("release.json has a bad protocol version");
        versions.add(v.asInt());
      }
      Optional<String> commit = j.path("gitCommit").isTextual()
          ? Optional.of(j.get("gitCommit").asText()) : Optional.empty();
      return new Manifest(j.get("name").asText(), j.get("software").asText(), versions, commit);
    }
  }

  /**
   * One file of a release to write: its bytes, or a file on disk to copy.
   *
   * @param name its path in the archive ({@code lib/x.jar})
   * @param executable written with mode 0755 (else 0644)
   */
  public record FileEntry(String name, byte[] bytes, Path file, boolean executable) {
    public static FileEntry of(String name, byte[] bytes, boolean executable) {
      return new FileEntry(name, bytes.clone(), null, executable);
    }

    public static FileEntry of(String name, Path file) {
      return new FileEntry(name, null, file, false);
    }

    long size() throws IOException {
      return bytes != null ? bytes.length : Files.size(file);
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes a release of {@code manifest} and {@code files} as a gzip'd ustar archive: every name
   * sorted, each directory named before what it holds, owner 0, mtime 0, modes 0644/0755; the gzip
   * header has no time. Same arguments, same bytes.
   */
  public static void write(OutputStream out, Manifest manifest, List<FileEntry> files)
      throws IOException {
    TreeMap<String, FileEntry> byName = new TreeMap<>();
    byName.put(RELEASE_JSON, FileEntry.of(RELEASE_JSON, manifest.toJson(), false));
    for (FileEntry f : files) {
      checkName(f.name());
      if (byName.put(f.name(), f) != null) {
        throw new IllegalArgumentException("two release files named " + f.name());
      }
    }
    TreeMap<String, FileEntry> all = new TreeMap<>(byName);
    for (String name : byName.keySet()) {
      for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
        all.putIfAbsent(name.substring(0, i + 1), null);
      }
    }
    GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
    OutputStream tar = new BufferedOutputStream(gz, 1 << 16);
    for (var e : all.entrySet()) {
      if (e.getValue() == null) {
        Ustar.writeHeader(tar, e.getKey(), 0755, 0, Ustar.DIRECTORY);
      } else {
        writeFile(tar, e.getValue());
      }
    }
    Ustar.writeEnd(tar);
    tar.flush();
    gz.finish();
  }

  private static void writeFile(OutputStream tar, FileEntry f) throws IOException {
    long size = f.size();
    Ustar.writeHeader(tar, f.name(), f.executable() ? 0755 : 0644, size, Ustar.REGULAR);
    if (f.bytes() != null) {
      tar.write(f.bytes());
    } else {
      try (InputStream in = Files.newInputStream(f.file())) {
        if (in.transferTo(tar) != size) throw new IOException(f.file() + " changed while packed");
      }
    }
    Ustar.pad(tar, size);
  }

  private static void checkName(String name) {
    if (!safeName(name) || name.endsWith("/")) {
      throw new IllegalArgumentException("not a release file name: " + name);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads the whole artifact as {@link #unpack} would, writing nothing: a well-formed, safe
   * release, and its {@code release.json}.
   */
  public static Manifest check(Path artifact) throws IOException, ReleaseException {
    return read(artifact, null);
  }

  /**
   * {@link #check}, then that the release ships {@code version} ({@code
   * RELEASE_LACKS_VERSION}).
   */
  public static Manifest check(Path artifact, int version) throws IOException, ReleaseException {
    return requireVersion(check(artifact), version);
  }

  /** {@code manifest}, when it ships {@code version}. */
  public static Manifest requireVersion(Manifest manifest, int version) throws ReleaseException {
    if (!manifest.ships(version)) {
      throw new ReleaseException(Reason.RELEASE_LACKS_VERSION, "the release (software "
          + manifest.software() + ") ships protocol versions " + manifest.protocolVersions()
          + ", not " + version);
    }
    return manifest;
  }

  /**
   * Unpacks the artifact into {@code target} (which must not exist): into {@code target.part}
   * first (a leftover one is removed), renamed into place only when every entry was read and
   * found safe. On a refusal or failure nothing is left.
   */
  public static Manifest unpack(Path artifact, Path target) throws IOException, ReleaseException {
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path part = target.resolveSibling(target.getFileName() + ".part");
    deleteTree(part);
    Files.createDirectories(part);
    try {
      Manifest m = read(artifact, part);
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      return m;
    } finally {
      deleteTree(part);
    }
  }

  /** Reads every entry; writes files below {@code into} unless it is null. */
  private static Manifest read(Path artifact, Path into) throws IOException, ReleaseException {
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(
        new BufferedInputStream(Files.newInputStream(artifact), 1 << 16), 1 << 16), 1 << 16)) {
      return readEntries(in, into);
    } catch (java.util.zip.ZipException | java.io.EOFException | Ustar.MalformedException e) {
      throw malformed("not a gzip'd tar release (" + e.getMessage() + ")");
    } catch (Ustar.BadNameException e) {
      throw unsafe(e.getMessage());
    } catch (FileAlreadyExistsException e) {
      throw unsafe("an entry clashes with another: " + e.getFile());
    }
  }

  private static Manifest readEntries(InputStream in, Path into)
      throws IOException, ReleaseException {
    Set<String> seen = new HashSet<>();
    byte[] releaseJson = null;
    boolean launcher = false;
    long unpacked = 0;
    Ustar.Header h;
    while ((h = Ustar.readHeader(in)) != null) {
      if (seen.size() >= MAX_ENTRIES) {
        throw new ReleaseException(Reason.RELEASE_TOO_MANY_ENTRIES, "a release has at most "
            + MAX_ENTRIES + " entries");
      }
      String name = entryName(h);
      if (!seen.add(name)) throw unsafe("the entry " + name + " appears twice");
      if (h.type() == Ustar.DIRECTORY) {
        if (h.size() != 0) throw malformed("the directory entry " + name + " has a size");
        if (into != null) Files.createDirectories(into.resolve(name));
        continue;
      }
      unpacked += h.size();
      if (unpacked > MAX_UNPACKED_BYTES) {
        throw new ReleaseException(Reason.RELEASE_UNPACKED_TOO_LARGE, "a release unpacks to at "
            + "most " + MAX_UNPACKED_BYTES + " bytes");
      }
      if (name.equals(RELEASE_JSON)) {
        if (h.size() > MAX_RELEASE_JSON_BYTES) throw malformed("release.json is too large");
        releaseJson = in.readNBytes((int) h.size());
        if (releaseJson.length != h.size()) throw malformed("the archive ends inside an entry");
        if (into != null) Files.write(into.resolve(name), releaseJson);
      } else {
        launcher |= name.equals(LAUNCHER);
        copyOrSkip(in, h, name, into);
      }
      Ustar.skipPadding(in, h.size());
    }
    if (releaseJson == null) throw malformed("the archive has no release.json");
    if (!launcher) throw malformed("the archive has no " + LAUNCHER);
    return Manifest.parse(releaseJson);
  }

  /** The entry's checked name without a trailing '/'; anything but a file or directory refused. */
  private static String entryName(Ustar.Header h) throws ReleaseException {
    String kind = switch (h.type()) {
      case Ustar.REGULAR, '\0', Ustar.DIRECTORY -> null;
      case '1' -> "a hard link";
      case '2' -> "a symbolic link";
      case '3', '4' -> "a device";
      case '6' -> "a FIFO";
      default -> "an entry of type '" + h.type() + "'";
    };
    if (kind != null) throw unsafe(h.name() + " is " + kind + "; a release holds files only");
    String name = h.type() == Ustar.DIRECTORY && h.name().endsWith("/")
        ? h.name().substring(0, h.name().length() - 1) : h.name();
    if (!safeName(name)) {
      throw unsafe("the entry name " + h.name() + " is absolute, leaves the archive or is not "
          + "plain");
    }
    return name;
  }

  /** Relative, '/'-separated, no empty, '.' or '..' part, no backslash or control character. */
  private static boolean safeName(String name) {
    if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > Ustar.MAX_NAME_BYTES) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') return false;
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) return false;
    }
    return true;
  }

  private static void copyOrSkip(InputStream in, Ustar.Header h, String name, Path into)
      throws IOException, ReleaseException {
    if (into == null) {
      Ustar.skipFully(in, h.size());
      return;
    }
    Path file = into.resolve(name);
    if (!file.normalize().startsWith(into)) throw unsafe(name + " leaves the archive");
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file,
        java.nio.file.StandardOpenOption.CREATE_NEW)) {
      copyExactly(in, out, h.size());
    } catch (FileAlreadyExistsException e) {
      throw unsafe("the entry " + name + " clashes with another");
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
        (h.mode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
  }

  /** Copies the entry's {@code size} bytes, no more (the next header follows them). */
  private static void copyExactly(InputStream in, OutputStream out, long size)
      throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) throw new java.io.EOFException("the archive ends inside an entry");
      out.write(buf, 0, n);
      left -= n;
    }
  }

  /** Removes {@code dir} and what it holds, following no link. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static ReleaseException malformed(String message) {
    return new ReleaseException(Reason.RELEASE_MALFORMED, message);
  }

  private static ReleaseException unsafe(String message) {
    return new ReleaseException(Reason.RELEASE_UNSAFE_ENTRY, message);
  }
}
