package org.bcos.types.tx;

import java.util.Objects;

/** DVS: the sender revokes its delegation at that scope. */
public record DvsUndelegate(long communityId, DvsMessages.Scope scope, long scopeId) implements Message {
  public static final int TAG = 15;

  public DvsUndelegate {
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
