package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.codec.Encoder;

/** DVS: adds a competing initiative to a deliberative issue during admission or discussion. */
public record DvsAddInitiative(long issueId, String title) implements DvsMessage {
  public static final int TAG = 18;

  public DvsAddInitiative {
    Objects.requireNonNull(title, "title");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(issueId).string(title);
  }
}
