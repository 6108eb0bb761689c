package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/** DVS: registrar attests a member attribute, e.g. {@code region = KR-11}; an empty value clears it. */
public record DvsAttest(long communityId, Address member, String attribute, String value) implements DvsMessage {
  public static final int TAG = 13;

  public DvsAttest {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(communityId).address(member).string(attribute).string(value);
  }
}
