package org.bcos.ledger.dvs.api;

import org.bcos.types.codec.Encoder;

/** DVS: the sender refuses (or again accepts) incoming delegations. */
public record DvsRefuseDelegations(long communityId, boolean refuse) implements DvsMessage {
  public static final int TAG = 16;

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(communityId).bool(refuse);
  }
}
