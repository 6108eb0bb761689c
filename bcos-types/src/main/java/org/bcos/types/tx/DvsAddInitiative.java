package org.bcos.types.tx;

import java.util.Objects;

/** DVS: adds a competing initiative to a deliberative issue during admission or discussion. */
public record DvsAddInitiative(long issueId, String title) implements Message {
  public static final int TAG = 18;

  public DvsAddInitiative {
    Objects.requireNonNull(title, "title");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
