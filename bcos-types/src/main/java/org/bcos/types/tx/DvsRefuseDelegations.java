package org.bcos.types.tx;

/** DVS: the sender refuses (or again accepts) incoming delegations. */
public record DvsRefuseDelegations(long communityId, boolean refuse) implements Message {
  public static final int TAG = 16;

  @Override
  public int tag() {
    return TAG;
  }
}
