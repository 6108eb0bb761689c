package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/** DVS: the sender delegates its vote at community, area or issue scope (scopeId: 0, area id or issue id). */
public record DvsDelegate(long communityId, DvsMessages.Scope scope, long scopeId, Address delegate) implements DvsMessage {
  public static final int TAG = 14;

  public DvsDelegate {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(communityId).u8(scope.ordinal()).u64(scopeId).address(delegate);
  }
}
