package org.bcos.types.tx;

import java.util.List;

/** DVS: the sender's ballot (replaces an earlier one until the vote closes). Members cast one part; weighted members may split their weight over parts. */
public record DvsCastBallot(long issueId, List<DvsBallotPart> parts) implements Message {
  public static final int TAG = 20;

  public DvsCastBallot {
    parts = List.copyOf(parts);
  }

  @Override
  public int tag() {
    return TAG;
  }
}
