package org.bcos.types.tx;

import java.util.Objects;
import org.bcos.types.Address;

/** DVS: the sender delegates its vote at community, area or issue scope (scopeId: 0, area id or issue id). */
public record DvsDelegate(long communityId, DvsMessages.Scope scope, long scopeId, Address delegate) implements Message {
  public static final int TAG = 14;

  public DvsDelegate {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
