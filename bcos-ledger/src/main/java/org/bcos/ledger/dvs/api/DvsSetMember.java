package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/** DVS: registrar adds a member, changes its weight (members electorate: always 1), or removes it (weight 0). */
public record DvsSetMember(long communityId, Address member, long weight) implements DvsMessage {
  public static final int TAG = 12;

  public DvsSetMember {
    Objects.requireNonNull(member, "member");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(communityId).address(member).u64(weight);
  }
}
