package org.bcos.node.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.bcos.node.release.ReleaseArchive.FileEntry;
import org.bcos.node.release.ReleaseArchive.Manifest;
import org.bcos.node.release.ReleaseArchive.Reason;
import org.bcos.node.release.ReleaseArchive.ReleaseException;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseArchiveTest {
  private static final Manifest MANIFEST = new Manifest("bcos", "0.1.0", List.of(1, 2, 3),
      Optional.empty());
  private static final byte[] LAUNCHER = "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static List<FileEntry> files(Path jar) {
    return List.of(FileEntry.of("lib/b.jar", jar), FileEntry.of("bin/bcos", LAUNCHER, true),
        FileEntry.of("lib/a.jar", new byte[] {1, 2, 3}, false));
  }

  private Path write(String name, Manifest manifest, List<FileEntry> files) throws IOException {
    Path out = dir.resolve(name);
    try (OutputStream o = Files.newOutputStream(out)) {
      ReleaseArchive.write(o, manifest, files);
    }
    return out;
  }

  private Path jar() throws IOException {
    Path jar = dir.resolve("b.jar");
    byte[] big = new byte[70_000]; // crosses the 512-byte blocks and the 64 KiB buffers
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    Files.write(jar, big);
    return jar;
  }

  @Test
  void aWrittenReleaseUnpacksToTheSameFilesWithItsModes() throws Exception {
    Path jar = jar();
    Path artifact = write("r.tar.gz", MANIFEST, files(jar));
    Path target = dir.resolve("unpacked");
    assertEquals(MANIFEST, ReleaseArchive.unpack(artifact, target));
    assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(target.resolve("lib/b.jar")));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target.resolve("lib/a.jar")));
    assertArrayEquals(LAUNCHER, Files.readAllBytes(target.resolve("bin/bcos")));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(target.resolve("bin/bcos"))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(target.resolve("lib/a.jar"))));
    assertEquals(MANIFEST, Manifest.parse(Files.readAllBytes(target.resolve("release.json"))));
    assertFalse(Files.exists(dir.resolve("unpacked.part")));
    assertEquals(MANIFEST, ReleaseArchive.check(artifact, 3));
  }

  @Test
  void theSameFilesGiveTheSameBytesWhateverTheirOrderAndTimes() throws Exception {
    Path jar = jar();
    Path first = write("1.tar.gz", MANIFEST, files(jar));
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000));
    Path second = write("2.tar.gz", MANIFEST, files(jar).reversed());
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    assertEquals(ReleaseStore.hashOf(first), ReleaseStore.hashOf(second));
    Path other = write("3.tar.gz", new Manifest("bcos", "0.1.1", List.of(1, 2, 3),
        Optional.empty()), files(jar));
    assertFalse(ReleaseStore.hashOf(first).equals(ReleaseStore.hashOf(other)));
  }

  @Test
  void aLongNameUsesTheUstarPrefixAndReadsBack() throws Exception {
    String longName = "lib/" + "d".repeat(120) + "/" + "f".repeat(90) + ".jar";
    Path artifact = write("long.tar.gz", MANIFEST, List.of(FileEntry.of("bin/bcos", LAUNCHER,
        true), FileEntry.of(longName, new byte[] {7}, false)));
    Path target = dir.resolve("u");
    ReleaseArchive.unpack(artifact, target);
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(target.resolve(longName)));
  }

  @Test
  void aReleaseWithoutTheVersionIsRefusedByName() throws Exception {
    Path artifact = write("r.tar.gz", MANIFEST, files(jar()));
    ReleaseException e = assertThrows(ReleaseException.class,
        () -> ReleaseArchive.check(artifact, 4));
    assertEquals(Reason.RELEASE_LACKS_VERSION, e.reason());
    assertTrue(e.getMessage().contains("[1, 2, 3], not 4"), e.getMessage());
  }

  @Test
  void anArchiveWithoutReleaseJsonOrLauncherOrNotGzipIsMalformed() throws Exception {
    assertRefused(Reason.RELEASE_MALFORMED, crafted(List.of(file("bin/bcos", LAUNCHER))));
    assertRefused(Reason.RELEASE_MALFORMED, crafted(List.of(file("release.json",
        MANIFEST.toJson()))));
    assertRefused(Reason.RELEASE_MALFORMED, crafted(List.of(file("release.json",
        "{\"name\":\"bcos\"}".getBytes(StandardCharsets.UTF_8)), file("bin/bcos", LAUNCHER))));
    Path notGzip = dir.resolve("plain");
    Files.write(notGzip, "not a release".getBytes(StandardCharsets.UTF_8));
    assertRefused(Reason.RELEASE_MALFORMED, notGzip);
    byte[] good = Files.readAllBytes(write("r.tar.gz", MANIFEST, files(jar())));
    Path truncated = dir.resolve("truncated");
    Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
    assertRefused(Reason.RELEASE_MALFORMED, truncated);
  }

  @Test
  void hostileEntriesAreRefusedByNameAndNothingIsLeft() throws Exception {
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, valid(file("../x", new byte[] {1})));
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, valid(file("lib/../../x", new byte[] {1})));
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, valid(file("/etc/x", new byte[] {1})));
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, valid(new Raw("lib/link", '2', "/etc/passwd",
        new byte[0], 0777)));
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, valid(new Raw("lib/hard", '1', "bin/bcos",
        new byte[0], 0644)));
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, valid(new Raw("dev", '3', "", new byte[0], 0644)));
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, valid(file("bin/bcos", LAUNCHER)));
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, valid(file("a\\b", new byte[] {1})));
  }

  @Test
  void aNameThatIsNotUtf8IsRefused() throws Exception {
    byte[] tar = craftedTar(List.of(file("release.json", MANIFEST.toJson()),
        file("bin/bcos", LAUNCHER), file("lib/xx", new byte[] {1})));
    // the third header's name: "lib/" then 0xff 0xfe, checksum fixed
    int h = 4 * Ustar.BLOCK;
    tar[h + 4] = (byte) 0xff;
    tar[h + 5] = (byte) 0xfe;
    fixChecksum(tar, h);
    assertRefused(Reason.RELEASE_UNSAFE_ENTRY, gzip(tar));
  }

  @Test
  void tooManyEntriesOrTooManyBytesAreRefused() throws Exception {
    java.util.ArrayList<Raw> many = new java.util.ArrayList<>();
    for (int i = 0; i <= ReleaseArchive.MAX_ENTRIES; i++) {
      many.add(new Raw("d" + i + "/", Ustar.DIRECTORY, "", new byte[0], 0755));
    }
    assertRefused(Reason.RELEASE_TOO_MANY_ENTRIES, crafted(many));
    // a header claiming more than the bound: refused before a byte of it is read
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    Ustar.writeHeader(tar, "lib/huge", 0644, ReleaseArchive.MAX_UNPACKED_BYTES + 1,
        Ustar.REGULAR);
    Ustar.writeEnd(tar);
    assertRefused(Reason.RELEASE_UNPACKED_TOO_LARGE, gzip(tar.toByteArray()));
  }

  @Test
  void anUnpackIntoAnExistingDirectoryIsRefusedAndALeftoverPartIsReplaced() throws Exception {
    Path artifact = write("r.tar.gz", MANIFEST, files(jar()));
    Path target = dir.resolve("t");
    Files.createDirectories(dir.resolve("t.part").resolve("junk"));
    ReleaseArchive.unpack(artifact, target);
    assertFalse(Files.exists(target.resolve("junk")));
    assertThrows(java.nio.file.FileAlreadyExistsException.class,
        () -> ReleaseArchive.unpack(artifact, target));
  }

  @Test
  void theStoreKeepsNothingARefusingCheckRefusesAndHashesAStoredFileAgain() throws Exception {
    Path artifact = write("r.tar.gz", MANIFEST, files(jar()));
    Hash hash = sha(artifact);
    Path data = dir.resolve("data");
    ReleaseStore store = ReleaseStore.of(data);
    ReleaseException e = assertThrows(ReleaseException.class, () -> store.put(
        Files.newInputStream(artifact), hash, a -> ReleaseArchive.check(a, 9)));
    assertEquals(Reason.RELEASE_LACKS_VERSION, e.reason());
    try (var left = Files.list(data.resolve(ReleaseStore.DIRECTORY))) {
      assertEquals(0, left.count(), "nothing kept, no temporary file");
    }
    assertTrue(store.put(Files.newInputStream(artifact), hash, a -> ReleaseArchive.check(a, 3))
        .stored());
    assertTrue(store.intact(hash));
    Files.write(store.path(hash), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertFalse(store.intact(hash), "changed on disk");
  }

  // ---------------------------------------------------------------- crafting

  /** A raw tar entry, written as given (any type, any name). */
  private record Raw(String name, char type, String link, byte[] data, int mode) {}

  private static Raw file(String name, byte[] data) {
    return new Raw(name, Ustar.REGULAR, "", data, 0644);
  }

  /** A release that is valid but for {@code extra} (appended last). */
  private Path valid(Raw extra) throws IOException {
    return crafted(List.of(file("release.json", MANIFEST.toJson()), new Raw("bin/bcos",
        Ustar.REGULAR, "", LAUNCHER, 0755), extra));
  }

  private Path crafted(List<Raw> entries) throws IOException {
    return gzip(craftedTar(entries));
  }

  private static byte[] craftedTar(List<Raw> entries) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    for (Raw r : entries) {
      Ustar.writeHeader(tar, r.name(), r.mode(), r.data().length, r.type());
      if (!r.link().isEmpty()) {
        byte[] all = tar.toByteArray();
        int h = all.length - Ustar.BLOCK;
        byte[] link = r.link().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(link, 0, all, h + 157, link.length);
        fixChecksum(all, h);
        tar.reset();
        tar.write(all);
      }
      tar.write(r.data());
      Ustar.pad(tar, r.data().length);
    }
    Ustar.writeEnd(tar);
    return tar.toByteArray();
  }

  private static void fixChecksum(byte[] tar, int h) {
    java.util.Arrays.fill(tar, h + 148, h + 156, (byte) ' ');
    long sum = 0;
    for (int i = 0; i < Ustar.BLOCK; i++) sum += tar[h + i] & 0xff;
    byte[] digits = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, tar, h + 148, 6);
    tar[h + 154] = 0;
  }

  private Path gzip(byte[] tar) throws IOException {
    Path out = Files.createTempFile(dir, "crafted", ".tar.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
      new ByteArrayInputStream(tar).transferTo(o);
    }
    return out;
  }

  private void assertRefused(Reason reason, Path artifact) throws IOException {
    ReleaseException checked = assertThrows(ReleaseException.class,
        () -> ReleaseArchive.check(artifact));
    assertEquals(reason, checked.reason(), checked.getMessage());
    Path target = dir.resolve("out-" + artifact.getFileName());
    ReleaseException unpacked = assertThrows(ReleaseException.class,
        () -> ReleaseArchive.unpack(artifact, target));
    assertEquals(reason, unpacked.reason(), unpacked.getMessage());
    assertFalse(Files.exists(target), "nothing unpacked");
    assertFalse(Files.exists(target.resolveSibling(target.getFileName() + ".part")), "no .part");
    assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.getParent().resolve("x")));
  }

  static Hash sha(Path p) throws IOException {
    return ReleaseStore.hashOf(p);
  }
}
