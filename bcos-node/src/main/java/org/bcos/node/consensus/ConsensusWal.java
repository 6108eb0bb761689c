package org.bcos.node.consensus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.bcos.consensus.Timeout;
import org.bcos.consensus.TimeoutKind;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The consensus input log of the current height, so a restarted validator replays its machine to
 * the exact state it had and never signs a conflicting vote (the machine is deterministic and
 * Ed25519 signing is too, so replay re-creates the very same signed messages).
 *
 * <p>Format: records of {@code u8 type, u32 length, body}; the first record is START(height). A
 * torn record at the end (crash while appending) is ignored. {@link #sync()} is called before any
 * message this node signed leaves it.
 */
public final class ConsensusWal implements AutoCloseable {
  /** Largest record body (a proposal with its block). */
  public static final int MAX_RECORD_BYTES = 300 << 20;

  /** One logged input. */
  public sealed interface Input permits Start, Message, Fired, Proposed {}

  /** start(height). */
  public record Start(long height) implements Input {}

  /** A consensus message as received (wire encoding). */
  public record Message(byte[] wire) implements Input {}

  /** A timeout that fired. */
  public record Fired(Timeout timeout) implements Input {}

  /**
   * The value this node proposed in {@code round} (not a machine input: replay hands it back to
   * the machine when it asks for a value, so the node never proposes two values in one round).
   */
  public record Proposed(int round, byte[] value) implements Input {}

  private static final int START = 1;
  private static final int MESSAGE = 2;
  private static final int TIMEOUT = 3;
  private static final int PROPOSED = 4;

  private final Path file;
  private FileChannel channel;

  public ConsensusWal(Path file) {
    this.file = file;
  }

  /** The logged inputs of the last height, in order (empty if there is no log). */
  public List<Input> read() throws IOException {
    List<Input> out = new ArrayList<>();
    if (!Files.exists(file)) return out;
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file));
    while (all.remaining() >= 5) {
      int type = all.get() & 0xff;
      int length = all.getInt();
      if (length < 0 || length > MAX_RECORD_BYTES || length > all.remaining()) break; // torn
      byte[] body = new byte[length];
      all.get(body);
      Decoder d = new Decoder(body);
      switch (type) {
        case START -> out.add(new Start(d.u64()));
        case MESSAGE -> out.add(new Message(body));
        case TIMEOUT -> out.add(new Fired(new Timeout(TimeoutKind.values()[d.u8()], d.u64(),
            (int) d.u32())));
        case PROPOSED -> out.add(new Proposed((int) d.u32(), d.bytes(MAX_RECORD_BYTES)));
        default -> throw new IOException("corrupt consensus log " + file + ": record type " + type);
      }
    }
    if (!out.isEmpty() && !(out.getFirst() instanceof Start)) {
      throw new IOException("corrupt consensus log " + file + ": does not begin with a start");
    }
    return out;
  }

  /** Starts a new log for {@code height}, replacing the old one atomically. */
  public void begin(long height) throws IOException {
    close();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      c.write(record(START, new Encoder(8).u64(height).toByteArray()));
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  public void append(Input input) throws IOException {
    if (channel == null) throw new IllegalStateException("no height begun");
    ByteBuffer r = switch (input) {
      case Start s -> record(START, new Encoder(8).u64(s.height()).toByteArray());
      case Message m -> record(MESSAGE, m.wire());
      case Fired f -> record(TIMEOUT, new Encoder(13).u8(f.timeout().kind().ordinal())
          .u64(f.timeout().height()).u32(f.timeout().round()).toByteArray());
      case Proposed p -> record(PROPOSED, new Encoder(p.value().length + 10).u32(p.round())
          .bytes(p.value()).toByteArray());
    };
    while (r.hasRemaining()) channel.write(r);
  }

  /** Makes every appended record durable. */
  public void sync() throws IOException {
    if (channel != null) channel.force(false);
  }

  private static ByteBuffer record(int type, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(5 + body.length);
    b.put((byte) type).putInt(body.length).put(body).flip();
    return b;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
