package org.bcos.ledger.dvs.api;

import java.util.List;
import org.bcos.types.codec.Encoder;

/** DVS: the sender's ballot (replaces an earlier one until the vote closes). Members cast one part; weighted members may split their weight over parts. */
public record DvsCastBallot(long issueId, List<DvsBallotPart> parts) implements DvsMessage {
  public static final int TAG = 20;

  public DvsCastBallot {
    parts = List.copyOf(parts);
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    DvsBallotPart.encodeParts(e.u64(issueId), parts);
  }
}
