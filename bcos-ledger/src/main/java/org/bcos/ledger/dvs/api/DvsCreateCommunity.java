package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.codec.Encoder;

/** DVS: creates a community; the sender becomes its registrar and its id is the next community number. */
public record DvsCreateCommunity(String name, DvsParams params) implements DvsMessage {
  public static final int TAG = 10;

  public DvsCreateCommunity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(params, "params");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    params.encode(e.string(name));
  }
}
