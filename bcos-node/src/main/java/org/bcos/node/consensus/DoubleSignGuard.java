package org.bcos.node.consensus;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bcos.consensus.Signer;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The last line against double signing, kept next to the validator key (outside the data
 * directory): which messages this validator has signed at its latest height, one per (round,
 * kind), and for votes the value voted for. A message may be signed only if it is the first of its
 * (height, round, kind), or the very same message again; never for an older height. So a
 * validator whose data directory (and consensus log) was lost — the disaster-recovery case —
 * cannot sign a second, different vote where it had already voted, and slashing cannot hit it for
 * a restart; instead it can re-send the vote it did sign ({@link Admission#earlierVote()}), so it
 * still takes part in that round. Like Tendermint's {@code priv_validator_state.json}. The file is
 * replaced atomically and synced before anything is signed.
 */
public final class DoubleSignGuard {
  /** First byte of the current file format; older files (no marker) hold digests only. */
  private static final int FORMAT_V2 = 0xF2;

  /** What was recorded for one (round, kind): the digest and, for a vote, its value (or nil). */
  private record Entry(Hash digest, boolean vote, Hash valueId) {}

  /**
   * The guard's answer. {@code admitted}: recorded, sign it. Otherwise, for a vote that conflicts
   * with one signed before at this height and round, {@code earlierVote} holds that vote's value
   * (an empty optional inside for a nil vote).
   */
  public record Admission(boolean admitted, Optional<Optional<Hash>> earlierVote) {
    static final Admission ADMITTED = new Admission(true, Optional.empty());
    static final Admission REFUSED = new Admission(false, Optional.empty());
  }

  private final Path file;
  private long height;
  private final TreeMap<Long, Entry> sent = new TreeMap<>(); // (round << 8 | kind) -> entry

  private DoubleSignGuard(Path file) {
    this.file = file;
  }

  /** Opens (or starts) the guard file; a corrupt file stops the node rather than risk a slash. */
  public static DoubleSignGuard open(Path file) throws IOException {
    DoubleSignGuard g = new DoubleSignGuard(file);
    if (Files.exists(file)) {
      try {
        g.read(Files.readAllBytes(file));
      } catch (CodecException e) {
        throw new IOException("corrupt double-sign guard " + file + ": " + e.getMessage()
            + " (if no other node runs this validator key, delete the file to continue)");
      }
    }
    return g;
  }

  private void read(byte[] bytes) {
    boolean v2 = bytes.length > 0 && (bytes[0] & 0xff) == FORMAT_V2;
    Decoder d = new Decoder(bytes);
    if (v2) d.u8();
    height = d.u64();
    int n = (int) d.varint(100_000);
    for (int i = 0; i < n; i++) {
      long key = d.u64();
      Hash digest = d.hash();
      boolean vote = v2 && d.bool();
      Hash valueId = vote && d.bool() ? d.hash() : null;
      sent.put(key, new Entry(digest, vote, valueId));
    }
    d.finish();
  }

  /** The highest height this validator has signed at. */
  public synchronized long height() {
    return height;
  }

  /**
   * Whether this validator may sign the consensus message of {@code kind} (see {@link
   * org.bcos.consensus.Signer#authorize}) for {@code valueId} at ({@code height}, {@code round})
   * whose signing bytes are {@code signingBytes}; when yes it is recorded durably first. No: it
   * would conflict with a message signed before (then a vote's earlier value comes back), or it is
   * for a height below one already signed at.
   *
   * @throws IOException when the record cannot be written and synced; then nothing is recorded
   *     (not even in memory), so asking again tries the write again
   */
  public synchronized Admission admit(long height, int round, int kind, Hash valueId,
      byte[] signingBytes) throws IOException {
    long key = ((long) round << 8) | kind;
    Hash digest = Digests.domain("BCOS/double-sign-guard/v2", signingBytes);
    if (height < this.height) return Admission.REFUSED;
    if (height == this.height) {
      Entry earlier = sent.get(key);
      if (earlier != null) {
        if (earlier.digest().equals(digest)) return Admission.ADMITTED;
        return earlier.vote() ? new Admission(false, Optional.of(Optional.ofNullable(
            earlier.valueId()))) : Admission.REFUSED;
      }
    }
    TreeMap<Long, Entry> next = height == this.height ? new TreeMap<>(sent) : new TreeMap<>();
    boolean vote = kind != Signer.PROPOSAL;
    next.put(key, new Entry(digest, vote, vote ? valueId : null));
    persist(height, next);
    this.height = height;
    sent.clear();
    sent.putAll(next);
    return Admission.ADMITTED;
  }

  private void persist(long height, TreeMap<Long, Entry> sent) throws IOException {
    Encoder e = new Encoder(16 + sent.size() * 80).u8(FORMAT_V2).u64(height)
        .varint(sent.size());
    for (Map.Entry<Long, Entry> s : sent.entrySet()) {
      Entry entry = s.getValue();
      e.u64(s.getKey()).hash(entry.digest()).bool(entry.vote());
      if (entry.vote()) {
        e.bool(entry.valueId() != null);
        if (entry.valueId() != null) e.hash(entry.valueId());
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      c.write(java.nio.ByteBuffer.wrap(e.toByteArray()));
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
