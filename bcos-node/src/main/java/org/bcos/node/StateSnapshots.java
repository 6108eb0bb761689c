package org.bcos.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.Block;
import org.bcos.storage.Column;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The state snapshots a node keeps for peers that start from one (state sync). Every {@code
 * interval} blocks, right after the block commits, a consistent view of the state is taken and
 * written on a background thread to {@code dataDir/snapshots/<height>/}: a {@code meta} file (u64
 * height, u32 chunk count, bytes block, bytes certificate) and chunks {@code 0, 1, …} of about
 * {@value #CHUNK_BYTES} bytes, each a run of state entries (u8 column id, bytes key, bytes value).
 * The newest {@value #KEEP} are kept. A peer checks everything it receives against the block's
 * state root, so the files need no other protection.
 */
final class StateSnapshots implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.snapshot");
  static final int CHUNK_BYTES = 1 << 20;
  static final int KEEP = 2;
  /** Largest chunk a peer may send (a chunk is cut after the entry that passes CHUNK_BYTES). */
  static final int MAX_CHUNK_BYTES = CHUNK_BYTES + 2 * org.bcos.types.tx.Transaction.MAX_ENCODED_BYTES
      + 64 * 1024;
  static final int MAX_CHUNKS = 1_000_000;

  /** One chunk as served: the snapshot's block and certificate travel with every chunk. */
  record Chunk(long height, int index, int chunks, byte[] block, byte[] certificate,
      byte[] payload) {
    byte[] encode() {
      return new Encoder(payload.length + block.length + certificate.length + 64).u64(height)
          .u32(index).u32(chunks).bytes(block).bytes(certificate).bytes(payload).toByteArray();
    }

    static Chunk decode(byte[] bytes, int maxBlockBytes) {
      Decoder d = new Decoder(bytes);
      Chunk c = new Chunk(d.u64(), (int) d.u32(), (int) d.u32(), d.bytes(maxBlockBytes),
          d.bytes(maxBlockBytes), d.bytes(MAX_CHUNK_BYTES));
      d.finish();
      if (c.chunks < 0 || c.chunks > MAX_CHUNKS || c.index < 0 || (c.chunks > 0
          && c.index >= c.chunks)) {
        throw new CodecException(CodecException.Reason.INVALID_VALUE, "bad chunk index");
      }
      return c;
    }
  }

  private final Path dir;
  private final long interval;
  private final ExecutorService writer;

  StateSnapshots(Path dir, long interval) {
    this.dir = dir;
    this.interval = interval;
    this.writer = Executors.newSingleThreadExecutor(DaemonThreads.named("bcos-snapshots"));
  }

  /** After a commit: takes and writes a snapshot if {@code block} is at a snapshot height. */
  void committed(Block block, Ledger ledger) {
    if (interval <= 0 || block.height() % interval != 0) return;
    Ledger.StateView view = ledger.stateView();
    if (view.head().height() != block.height()) { // another block committed meanwhile
      view.close();
      return;
    }
    try {
      writer.execute(() -> write(view));
    } catch (RejectedExecutionException e) {
      view.close();
    }
  }

  private void write(Ledger.StateView view) {
    long started = System.nanoTime();
    long height = view.head().height();
    Path tmp = dir.resolve(height + ".tmp");
    try (view) {
      deleteTree(tmp);
      Files.createDirectories(tmp);
      Encoder[] chunk = {new Encoder(CHUNK_BYTES + 4096)};
      int[] count = {0};
      long[] entries = {0};
      IOException[] failure = {null};
      view.forEachEntry(e -> {
        if (failure[0] != null) return;
        chunk[0].u8(e.column().id()).bytes(e.key()).bytes(e.value());
        entries[0]++;
        if (chunk[0].size() >= CHUNK_BYTES) {
          failure[0] = flush(tmp, count[0]++, chunk[0]);
          chunk[0] = new Encoder(CHUNK_BYTES + 4096);
        }
      });
      if (failure[0] != null) throw failure[0];
      if (chunk[0].size() > 0 || count[0] == 0) {
        IOException e = flush(tmp, count[0]++, chunk[0]);
        if (e != null) throw e;
      }
      Files.write(tmp.resolve("meta"), new Encoder(256).u64(height).u32(count[0])
          .bytes(view.head().encode()).bytes(view.certificate()).toByteArray());
      Path target = dir.resolve(Long.toString(height));
      deleteTree(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      prune();
      LOG.info("state snapshot at height " + height + ": " + entries[0]
          + " entries in " + count[0] + " chunks, "
          + (System.nanoTime() - started) / 1_000_000 + " ms");
    } catch (IOException | RuntimeException e) {
      LOG.warn("state snapshot at height " + height + " failed: " + e);
    }
  }

  private static IOException flush(Path dir, int index, Encoder chunk) {
    try {
      Files.write(dir.resolve("chunk-" + index), chunk.toByteArray());
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  /** Chunk {@code index} of the snapshot at {@code height}, if this node has it. */
  Optional<Chunk> chunk(long height, int index) {
    Path snap = dir.resolve(Long.toString(height));
    try {
      if (!Files.isDirectory(snap)) return Optional.empty();
      Decoder meta = new Decoder(Files.readAllBytes(snap.resolve("meta")));
      long h = meta.u64();
      int chunks = (int) meta.u32();
      byte[] block = meta.bytes(Integer.MAX_VALUE);
      byte[] cert = meta.bytes(Integer.MAX_VALUE);
      if (h != height || index < 0 || index >= chunks) return Optional.empty();
      return Optional.of(new Chunk(height, index, chunks, block, cert,
          Files.readAllBytes(snap.resolve("chunk-" + index))));
    } catch (IOException | CodecException e) {
      return Optional.empty();
    }
  }

  /** The state entries in a chunk's payload. */
  static List<Ledger.StateEntry> entries(byte[] payload) {
    List<Ledger.StateEntry> out = new ArrayList<>();
    Decoder d = new Decoder(payload);
    while (d.remaining() > 0) {
      int id = d.u8();
      Column column = Modules.STANDARD.stateColumns().stream().filter(c -> c.id() == id)
          .findFirst()
          .orElseThrow(() -> new CodecException(CodecException.Reason.INVALID_VALUE,
              "not a state column: " + id));
      out.add(new Ledger.StateEntry(column, d.bytes(MAX_CHUNK_BYTES), d.bytes(MAX_CHUNK_BYTES)));
    }
    return out;
  }

  private void prune() throws IOException {
    List<Long> heights = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+"))
          .forEach(n -> heights.add(Long.parseLong(n)));
    }
    heights.sort(Comparator.reverseOrder());
    for (int i = KEEP; i < heights.size(); i++) deleteTree(dir.resolve(heights.get(i).toString()));
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
