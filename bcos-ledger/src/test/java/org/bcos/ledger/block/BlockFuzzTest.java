package org.bcos.ledger.block;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.bcos.ledger.Modules;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.FuzzContract;

/** Fuzz target for blocks as peers send them (sync, gossip); the encoding is canonical. */
class BlockFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void block(byte[] input) throws Exception {
    Block b = FuzzContract.decode(input.length, List.of(CodecException.class),
        () -> Modules.decodeBlock(input));
    if (b != null) FuzzContract.assertRoundTrip(input, b.encode());
  }
}
