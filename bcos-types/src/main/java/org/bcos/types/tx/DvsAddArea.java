package org.bcos.types.tx;

import java.util.Objects;

/** DVS: adds an area (topic or branch) under {@code parentArea} (0 = the root area); registrar only. */
public record DvsAddArea(long communityId, int parentArea, String name) implements Message {
  public static final int TAG = 11;

  public DvsAddArea {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
