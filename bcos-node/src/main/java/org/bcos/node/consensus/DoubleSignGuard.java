package org.bcos.node.consensus;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The last line against double signing, kept next to the validator key (outside the data
 * directory): which messages this validator has sent at its latest height, one per (round, kind).
 * A message is let out only if it is the first of its (height, round, kind), or the very same
 * message again; never for an older height. So a validator whose data directory (and consensus
 * log) was lost — the disaster-recovery case — cannot sign a second, different vote where it had
 * already voted, and slashing cannot hit it for a restart. Like Tendermint's
 * {@code priv_validator_state.json}. The file is replaced atomically and synced before the
 * message leaves.
 */
public final class DoubleSignGuard {
  private final Path file;
  private long height;
  private final TreeMap<Long, Hash> sent = new TreeMap<>(); // (round << 8 | kind) -> digest

  private DoubleSignGuard(Path file) {
    this.file = file;
  }

  /** Opens (or starts) the guard file; a corrupt file stops the node rather than risk a slash. */
  public static DoubleSignGuard open(Path file) throws IOException {
    DoubleSignGuard g = new DoubleSignGuard(file);
    if (Files.exists(file)) {
      try {
        Decoder d = new Decoder(Files.readAllBytes(file));
        g.height = d.u64();
        int n = (int) d.varint(100_000);
        for (int i = 0; i < n; i++) g.sent.put(d.u64(), d.hash());
        d.finish();
      } catch (CodecException e) {
        throw new IOException("corrupt double-sign guard " + file + ": " + e.getMessage()
            + " (if no other node runs this validator key, delete the file to continue)");
      }
    }
    return g;
  }

  /** The highest height this validator has signed at. */
  public synchronized long height() {
    return height;
  }

  /**
   * Whether this validator may sign the consensus message of {@code kind} (see {@link
   * org.bcos.consensus.Signer#authorize}) at ({@code height}, {@code round}) whose signing bytes
   * are {@code signingBytes}; when yes it is recorded durably first. No: it would conflict with a
   * message signed before, or it is for a height below one already signed at.
   *
   * @throws IOException when the record cannot be written and synced; then nothing is recorded
   *     (not even in memory), so asking again tries the write again
   */
  public synchronized boolean admit(long height, int round, int kind, byte[] signingBytes)
      throws IOException {
    long key = ((long) round << 8) | kind;
    Hash digest = Digests.domain("BCOS/double-sign-guard/v2", signingBytes);
    if (height < this.height) return false;
    if (height == this.height) {
      Hash earlier = sent.get(key);
      if (earlier != null) return earlier.equals(digest);
    }
    TreeMap<Long, Hash> next = height == this.height ? new TreeMap<>(sent) : new TreeMap<>();
    next.put(key, digest);
    persist(height, next);
    this.height = height;
    sent.clear();
    sent.putAll(next);
    return true;
  }

  private void persist(long height, TreeMap<Long, Hash> sent) throws IOException {
    Encoder e = new Encoder(16 + sent.size() * 44).u64(height).varint(sent.size());
    for (Map.Entry<Long, Hash> s : sent.entrySet()) e.u64(s.getKey()).hash(s.getValue());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      c.write(java.nio.ByteBuffer.wrap(e.toByteArray()));
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
