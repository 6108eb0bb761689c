package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.codec.Encoder;

/** DVS: adds an area (topic or branch) under {@code parentArea} (0 = the root area); registrar only. */
public record DvsAddArea(long communityId, int parentArea, String name) implements DvsMessage {
  public static final int TAG = 11;

  public DvsAddArea {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(communityId).u32(parentArea).string(name);
  }
}
