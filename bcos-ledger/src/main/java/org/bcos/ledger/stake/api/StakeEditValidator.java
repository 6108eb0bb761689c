package org.bcos.ledger.stake.api;

import java.util.Objects;
import org.bcos.types.codec.Encoder;

/**
 * Stake: the operator renames its validator and, unless {@code rateBasisPoints} is {@link
 * #KEEP_RATE}, changes its commission rate within the ceiling and step it was created with.
 */
public record StakeEditValidator(String moniker, int rateBasisPoints) implements StakeMessage {
  public static final int TAG = 42;

  /** A rate that leaves the commission as it is. */
  public static final int KEEP_RATE = 65_535;

  public StakeEditValidator {
    Objects.requireNonNull(moniker, "moniker");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.string(moniker).u32(rateBasisPoints);
  }
}
