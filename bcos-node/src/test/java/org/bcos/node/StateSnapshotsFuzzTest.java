package org.bcos.node;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.bcos.ledger.Modules;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.FuzzContract;

/**
 * Fuzz target for a state-sync chunk as a peer serves it: the chunk envelope, then what {@link
 * StateSync} decodes from it (the snapshot's block and the run of state entries).
 */
class StateSnapshotsFuzzTest {
  private static final int MAX_BLOCK_BYTES = 256 * 1024;

  @FuzzTest(maxDuration = "10s")
  void snapshotChunk(byte[] input) throws Exception {
    StateSnapshots.Chunk c = FuzzContract.decode(input.length, List.of(CodecException.class),
        () -> StateSnapshots.Chunk.decode(input, MAX_BLOCK_BYTES));
    if (c == null) return;
    FuzzContract.assertRoundTrip(input, c.encode());
    FuzzContract.decode(input.length, List.of(CodecException.class), () -> Modules.decodeBlock(c.block()));
    FuzzContract.decode(input.length, List.of(CodecException.class),
        () -> StateSnapshots.entries(c.payload()));
  }

  /** The entries alone, so the fuzzer need not build an envelope around them. */
  @FuzzTest(maxDuration = "10s")
  void snapshotEntries(byte[] input) throws Exception {
    FuzzContract.decode(input.length, List.of(CodecException.class),
        () -> StateSnapshots.entries(input));
  }
}
