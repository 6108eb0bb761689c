package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** A community member: voting weight, attested region (may be empty), refusal of delegations. */
public record Member(long weight, String region, boolean refusesDelegations) {
  public Member {
    Objects.requireNonNull(region);
    if (weight < 0) throw new IllegalArgumentException("negative weight");
  }

  public byte[] encode() {
    return new Encoder(32).u64(weight).string(region).bool(refusesDelegations).toByteArray();
  }

  public static Member decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    Member m = new Member(d.u64(), d.string(256), d.bool());
    d.finish();
    return m;
  }
}
