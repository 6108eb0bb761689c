package org.bcos.node.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.bcos.ledger.UpgradeRequired;
import org.bcos.types.Hash;

/**
 * {@code <data>/upgrade-required.json}: what a node that stopped with exit status 3 needs to run
 * on, for a supervisor or a script (docs/GOVERNANCE.md "Supervisor mode"): {@code {height,
 * version, name?, release?}}. Written atomically (temporary file renamed) after the node closed,
 * so a reader needs neither the node's store (it cannot be opened twice) nor the human line; a
 * node that starts deletes it, since it is then no longer stopped.
 */
public final class UpgradeRequiredFile {
  /** The file's name in the data directory. */
  public static final String NAME = "upgrade-required.json";
  /** Larger files are not this node's: refused when read. */
  static final long MAX_BYTES = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private UpgradeRequiredFile() {}

  /**
   * What the stopped node needs.
   *
   * @param name the plan's name, empty for a genesis at a version this software lacks
   * @param release the plan's release hash, empty likewise
   */
  public record Stop(long height, int version, Optional<String> name, Optional<Hash> release) {}

  /** Writes the file for {@code required} into {@code dataDir}. */
  public static void write(Path dataDir, UpgradeRequired required) throws IOException {
    var out = JSON.createObjectNode().put("height", required.height())
        .put("version", required.version());
    required.plan().ifPresent(p -> out.put("name", p.name()).put("release", p.release().toHex()));
    Path temp = Files.createTempFile(dataDir, NAME, ".part");
    try {
      Files.writeString(temp, out.toPrettyString() + "\n");
      Files.move(temp, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The stop recorded in {@code dataDir}, or empty when there is none. */
  public static Optional<Stop> read(Path dataDir) throws IOException {
    Path file = dataDir.resolve(NAME);
    try {
      if (Files.size(file) > MAX_BYTES) throw new IOException(file + " is too large");
      JsonNode j = JSON.readTree(Files.readString(file));
      if (!j.path("height").canConvertToLong() || !j.path("version").canConvertToInt()) {
        throw new IOException(file + " lacks height or version");
      }
      Optional<Hash> release = j.hasNonNull("release")
          ? Optional.of(Hash.fromHex(j.get("release").asText())) : Optional.empty();
      Optional<String> name = j.hasNonNull("name")
          ? Optional.of(j.get("name").asText()) : Optional.empty();
      return Optional.of(new Stop(j.get("height").asLong(), j.get("version").asInt(), name,
          release));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the file: the node runs again. */
  public static void clear(Path dataDir) throws IOException {
    Files.deleteIfExists(dataDir.resolve(NAME));
  }
}
