package org.bcos.consensus;

import java.util.Arrays;
import java.util.Objects;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Address;

/**
 * Proof of equivocation: two votes signed by one validator for the same height, round and type but
 * different values (nil counts as a value). The pair is stored in a canonical order (by encoding),
 * so the same offence always gives the same evidence. Checkable on its own with {@link #verify}.
 */
public record Evidence(Vote first, Vote second) {
  public Evidence {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (!first.sameSlot(second)) {
      throw new IllegalArgumentException("votes are not for the same validator/height/round/type");
    }
    if (Objects.equals(first.valueId(), second.valueId())) {
      throw new IllegalArgumentException("votes are for the same value: no equivocation");
    }
    if (Arrays.compareUnsigned(first.encode(), second.encode()) > 0) {
      Vote t = first;
      first = second;
      second = t;
    }
  }

  public Address offender() {
    return first.validator();
  }

  public long height() {
    return first.height();
  }

  /** Whether both signatures are valid and the offender is in {@code set} (the set of the height). */
  public boolean verify(ValidatorSet set, SignatureVerifier verifier) {
    return set.contains(offender()) && first.verify(verifier) && second.verify(verifier);
  }

  public byte[] encode() {
    byte[] a = first.encode();
    byte[] b = second.encode();
    return new org.bcos.types.codec.Encoder(a.length + b.length + 4).bytes(a).bytes(b).toByteArray();
  }
}
