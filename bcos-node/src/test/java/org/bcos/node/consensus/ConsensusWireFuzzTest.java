package org.bcos.node.consensus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.bcos.consensus.ConsensusMessage;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.FuzzContract;

/** Fuzz target for the body of a P2P CONSENSUS message (and a WAL record): canonical. */
class ConsensusWireFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void consensusMessage(byte[] input) throws Exception {
    ConsensusMessage m = FuzzContract.decode(input.length, List.of(CodecException.class),
        () -> ConsensusWire.decode(input, 64 * 1024));
    if (m != null) FuzzContract.assertRoundTrip(input, ConsensusWire.encode(m));
  }
}
