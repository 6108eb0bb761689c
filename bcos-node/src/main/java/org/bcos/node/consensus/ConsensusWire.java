package org.bcos.node.consensus;

import org.bcos.consensus.ConsensusMessage;
import org.bcos.consensus.Proposal;
import org.bcos.consensus.Vote;
import org.bcos.types.codec.CodecException;

/**
 * The body of a P2P CONSENSUS message (also a WAL record): one kind byte, then the message's own
 * canonical encoding. Decoding is strict.
 */
public final class ConsensusWire {
  static final int PROPOSAL = 1;
  static final int VOTE = 2;

  private ConsensusWire() {}

  public static byte[] encode(ConsensusMessage message) {
    byte[] body = switch (message) {
      case Proposal p -> p.encode();
      case Vote v -> v.encode();
    };
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) (message instanceof Proposal ? PROPOSAL : VOTE);
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** Decodes a message whose proposal value is at most {@code maxValueBytes}. */
  public static ConsensusMessage decode(byte[] bytes, int maxValueBytes) {
    if (bytes.length < 2) throw new CodecException(CodecException.Reason.INVALID_VALUE, "empty");
    byte[] body = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    return switch (bytes[0]) {
      case PROPOSAL -> Proposal.decode(body, maxValueBytes);
      case VOTE -> Vote.decode(body);
      default -> throw new CodecException(CodecException.Reason.INVALID_VALUE,
          "unknown consensus message kind " + bytes[0]);
    };
  }
}
