package org.bcos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bcos.ledger.Modules;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.node.Node;
import org.bcos.node.release.ReleaseArchive;
import org.bcos.node.release.ReleaseArchive.FileEntry;
import org.bcos.node.release.ReleaseArchive.Manifest;
import org.bcos.node.release.ReleaseStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bcos release pack}: the release artifact of the software that runs it (docs/GOVERNANCE.md
 * "Release artifacts"), reproducibly, with the SHA-256 a proposer puts in {@code gov propose
 * upgrade --release}.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
    description = "Release artifacts: pack the running software as a release tarball",
    subcommands = {ReleaseCommand.Pack.class})
final class ReleaseCommand {
  /** The launcher a release runs from (no Maven, no sources). */
  static final String LAUNCHER_RESOURCE = "release-launcher.sh";

  private ReleaseCommand() {}

  @Command(name = "pack", mixinStandardHelpOptions = true,
      description = "Write bcos-<version>.tar.gz (release.json, bin/bcos, lib/*.jar) of this "
          + "software, the same bytes on every run from the same jars; print its SHA-256 and size")
  static final class Pack implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "where to write it (default .)")
    Path out = Path.of(".");
    @Option(names = "--json", description = "JSON output") boolean json;

    @Override
    public Integer call() throws IOException {
      List<Path> jars = ownJars();
      Manifest manifest = manifest();
      Files.createDirectories(out);
      Path target = out.resolve("bcos-" + manifest.software() + ".tar.gz");
      Path temp = Files.createTempFile(out, target.getFileName().toString(), ".part");
      try {
        try (OutputStream o = Files.newOutputStream(temp)) {
          ReleaseArchive.write(o, manifest, entries(jars));
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      report(target, manifest, jars.size());
      return 0;
    }

    private void report(Path target, Manifest manifest, int jars) throws IOException {
      String sha = ReleaseStore.hashOf(target).toHex();
      long bytes = Files.size(target);
      if (json) {
        var o = Output.object().put("path", target.toString()).put("sha256", sha)
            .put("bytes", bytes).put("software", manifest.software());
        manifest.protocolVersions().forEach(o.putArray("protocolVersions")::add);
        Output.json(System.out, o);
        return;
      }
      System.out.println("release " + target + ": bcos " + manifest.software() + ", protocol "
          + "versions " + manifest.protocolVersions() + ", " + jars + " jars");
      System.out.println("  sha256: " + sha);
      System.out.printf(java.util.Locale.ROOT, "  size:   %,d bytes (%.1f MiB)%n", bytes,
          bytes / 1048576.0);
      if (bytes > ReleaseStore.MAX_RELEASE_BYTES) {
        System.out.printf(java.util.Locale.ROOT, "  WARNING: larger than a node's release store"
            + " takes (%,d bytes)%n", ReleaseStore.MAX_RELEASE_BYTES);
      }
      System.out.println("  propose it: bcos gov propose upgrade ... --release " + sha);
    }
  }

  /** What this software is: release.json. */
  static Manifest manifest() {
    List<Integer> versions = Modules.VERSIONS.all().stream().map(ProtocolRules::version).toList();
    return new Manifest("bcos", Node.VERSION, versions, Optional.empty());
  }

  /** The launcher, the jars under lib/ (by file name). */
  static List<FileEntry> entries(List<Path> jars) throws IOException {
    List<FileEntry> files = new ArrayList<>();
    try (InputStream in = ReleaseCommand.class.getResourceAsStream(LAUNCHER_RESOURCE)) {
      if (in == null) throw new IllegalStateException(LAUNCHER_RESOURCE + " is not in the jar");
      files.add(FileEntry.of(ReleaseArchive.LAUNCHER, in.readAllBytes(), true));
    }
    for (Path jar : jars) files.add(FileEntry.of("lib/" + jar.getFileName(), jar));
    return files;
  }

  /**
   * The jars this software runs from: {@code bcos-cli.jar} and the {@code lib/} beside it (a
   * build's {@code bcos-cli/target}), or every jar of its directory (a release's {@code lib/}).
   * Classes from a directory (an IDE, a test run) are no release: refused by name.
   */
  static List<Path> ownJars() {
    Path self;
    try {
      self = Path.of(ReleaseCommand.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      throw new CliException("RELEASE_NOT_PACKABLE", "cannot tell where this software's jars "
          + "are: " + e.getMessage());
    }
    if (!Files.isRegularFile(self) || !self.getFileName().toString().endsWith(".jar")) {
      throw new CliException("RELEASE_NOT_PACKABLE", "this bcos runs from classes in " + self
          + ", not from a built jar; build it first (./bcos build) and pack with ./bcos release "
          + "pack");
    }
    Path dir = self.getParent();
    List<Path> jars = new ArrayList<>();
    if (Files.isDirectory(dir.resolve("lib"))) {
      jars.add(self);
      jars.addAll(jarsIn(dir.resolve("lib")));
    } else {
      jars.addAll(jarsIn(dir));
    }
    return jars;
  }

  private static List<Path> jarsIn(Path dir) {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")
          && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new CliException("RELEASE_NOT_PACKABLE", "cannot list " + dir + ": "
          + e.getMessage());
    }
  }
}
