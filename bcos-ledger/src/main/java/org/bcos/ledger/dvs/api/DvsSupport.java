package org.bcos.ledger.dvs.api;

import org.bcos.types.codec.Encoder;

/** DVS: the sender supports (or stops supporting) an initiative of a deliberative issue. */
public record DvsSupport(long issueId, int initiative, boolean support) implements DvsMessage {
  public static final int TAG = 19;

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(issueId).u32(initiative).bool(support);
  }
}
