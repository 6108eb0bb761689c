package org.bcos.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.p2p.NodeIdentity;
import org.bcos.types.Hex;

/**
 * The P2P node identity on disk: the Ed25519 seed (hex) and the proof-of-work nonce, as two
 * whitespace-separated tokens. Created with owner-only permissions when missing.
 */
public final class NodeKeyFile {
  private NodeKeyFile() {}

  /** Reads the identity, or generates one meeting {@code powBits} and writes it. */
  public static NodeIdentity loadOrCreate(Path file, int powBits) throws IOException {
    if (Files.exists(file)) {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split("\\s+");
      NodeIdentity id;
      try {
        if (parts.length != 2) throw new IllegalArgumentException("expected '<seed hex> <nonce>'");
        id = new NodeIdentity(Ed25519KeyPair.fromSeed(Hex.decode(parts[0])),
            Long.parseLong(parts[1]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid node key file " + file + ": " + e.getMessage());
      }
      if (!id.isAdmissible(powBits)) {
        throw new IllegalArgumentException("node key in " + file + " does not meet " + powBits
            + " PoW bits; delete it to generate a new one");
      }
      return id;
    }
    NodeIdentity id = NodeIdentity.generate(new SecureRandom(), powBits);
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, Hex.encode(id.keyPair().seed()) + " " + id.powNonce() + "\n",
        StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // non-POSIX file system: permissions are the platform's default
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return id;
  }
}
