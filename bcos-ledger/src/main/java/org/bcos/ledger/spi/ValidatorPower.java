package org.bcos.ledger.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** One member of an active validator set as the ledger reports it: key and voting power. */
public record ValidatorPower(Address address, long power) {
  /** Limit on a stored set's size. */
  public static final int MAX_SET_SIZE = 10_000;

  public ValidatorPower {
    Objects.requireNonNull(address, "address");
    if (power <= 0) throw new IllegalArgumentException("power must be positive");
  }

  /** Canonical encoding of a set (in the given order, which callers keep sorted by address). */
  public static byte[] encodeSet(List<ValidatorPower> set) {
    Encoder e = new Encoder(8 + set.size() * 40).varint(set.size());
    for (ValidatorPower v : set) e.address(v.address).u64(v.power);
    return e.toByteArray();
  }

  public static List<ValidatorPower> decodeSet(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    int n = (int) d.varint(MAX_SET_SIZE);
    List<ValidatorPower> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(new ValidatorPower(d.address(), d.u64()));
    d.finish();
    return List.copyOf(out);
  }
}
