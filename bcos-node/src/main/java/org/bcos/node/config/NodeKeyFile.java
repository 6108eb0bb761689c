package org.bcos.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.p2p.NodeIdentity;
import org.bcos.types.Hex;

/**
 * The P2P node identity on disk: the Ed25519 seed (hex) and the proof-of-work nonce, as two
 * whitespace-separated tokens. Created owner-only when missing; read and written through {@link
 * SecretFile}.
 */
public final class NodeKeyFile {
  private NodeKeyFile() {}

  /**
   * Reads the identity, or generates one meeting {@code powBits} and writes it owner-only ({@link
   * SecretFile}).
   *
   * @throws SecretFile.SecretFileException if the file is too large, readable by others or
   *     malformed
   */
  public static NodeIdentity loadOrCreate(Path file, int powBits) throws IOException {
    if (Files.exists(file)) {
      String[] parts = SecretFile.read(file).trim().split("\\s+");
      NodeIdentity id;
      try {
        if (parts.length != 2) throw new IllegalArgumentException("expected '<seed hex> <nonce>'");
        id = new NodeIdentity(Ed25519KeyPair.fromSeed(Hex.decode(parts[0])),
            Long.parseLong(parts[1]));
      } catch (IllegalArgumentException e) {
        throw SecretFile.malformed(file, e.getMessage());
      }
      if (!id.isAdmissible(powBits)) {
        throw new IllegalArgumentException("node key in " + file + " does not meet " + powBits
            + " PoW bits; delete it to generate a new one");
      }
      return id;
    }
    NodeIdentity id = NodeIdentity.generate(new SecureRandom(), powBits);
    SecretFile.writeNew(file, Hex.encode(id.keyPair().seed()) + " " + id.powNonce() + "\n");
    return id;
  }
}
