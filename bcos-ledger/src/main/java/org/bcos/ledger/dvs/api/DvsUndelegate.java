package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.codec.Encoder;

/** DVS: the sender revokes its delegation at that scope. */
public record DvsUndelegate(long communityId, DvsMessages.Scope scope, long scopeId) implements DvsMessage {
  public static final int TAG = 15;

  public DvsUndelegate {
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(communityId).u8(scope.ordinal()).u64(scopeId);
  }
}
