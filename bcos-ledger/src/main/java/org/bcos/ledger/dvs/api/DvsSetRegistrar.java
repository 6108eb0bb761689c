package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/** DVS: a registrar adds ({@code enabled}) or removes another registrar of the community. */
public record DvsSetRegistrar(long communityId, Address registrar, boolean enabled)
    implements DvsMessage {
  public static final int TAG = 21;

  public DvsSetRegistrar {
    Objects.requireNonNull(registrar, "registrar");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(communityId).address(registrar).bool(enabled);
  }
}
