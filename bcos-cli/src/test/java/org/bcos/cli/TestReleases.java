package org.bcos.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.node.release.ReleaseArchive;
import org.bcos.node.release.ReleaseArchive.FileEntry;
import org.bcos.node.release.ReleaseArchive.Manifest;

/** Release tarballs for tests: a launcher script, the protocol versions, optional more files. */
final class TestReleases {
  private TestReleases() {}

  /** A release shipping {@code versions} whose bin/bcos is {@code launcher}, plus {@code more}. */
  static byte[] release(List<Integer> versions, String launcher, FileEntry... more)
      throws IOException {
    List<FileEntry> files = new ArrayList<>(List.of(more));
    files.add(FileEntry.of(ReleaseArchive.LAUNCHER, launcher.getBytes(StandardCharsets.UTF_8),
        true));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReleaseArchive.write(out, new Manifest("bcos", "test-" + versions.getLast(), versions,
        Optional.empty()), files);
    return out.toByteArray();
  }

  /** A release shipping {@code versions} that runs nothing. */
  static byte[] release(List<Integer> versions) throws IOException {
    return release(versions, "#!/bin/sh\nexit 0\n");
  }
}
