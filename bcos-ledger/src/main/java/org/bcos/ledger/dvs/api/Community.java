package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A DVS community. {@code treasury} is a keyless account only this community's passed issues can
 * pay from; anyone may fund it with a transfer.
 */
public record Community(long id, String name, Address registrar, DvsParams params, int areaCount,
    long memberCount, long totalWeight, Address treasury, long createdHeight) {
  public Community {
    Objects.requireNonNull(name);
    Objects.requireNonNull(registrar);
    Objects.requireNonNull(params);
    Objects.requireNonNull(treasury);
  }

  public byte[] encode() {
    Encoder e = new Encoder(160).u64(id).string(name).address(registrar);
    params.encode(e);
    return e.u32(areaCount).u64(memberCount).u64(totalWeight).address(treasury).u64(createdHeight)
        .toByteArray();
  }

  public static Community decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    Community c = new Community(d.u64(), d.string(256), d.address(), DvsParams.decode(d),
        (int) d.u32(), d.u64(), d.u64(), d.address(), d.u64());
    d.finish();
    return c;
  }

  public Community withMembers(long count, long weight) {
    return new Community(id, name, registrar, params, areaCount, count, weight, treasury,
        createdHeight);
  }

  public Community withAreaCount(int count) {
    return new Community(id, name, registrar, params, count, memberCount, totalWeight, treasury,
        createdHeight);
  }
}
