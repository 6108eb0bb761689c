package org.bcos.ledger.stake.api;

import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Units on their way out of a validator: paid to the bonder at {@code completionHeight},
 * slashable until then for offences committed while they were bonded ({@code initialUnits} is
 * what a slash's fraction applies to; {@code balanceUnits} what is left, a holding).
 */
public record UnbondingEntry(long completionHeight, long initialUnits, long balanceUnits) {
  public UnbondingEntry {
    if (initialUnits <= 0 || balanceUnits < 0 || balanceUnits > initialUnits) {
      throw new IllegalArgumentException("an entry holds 0..initial units of a positive initial");
    }
  }

  public UnbondingEntry withBalance(long units) {
    return new UnbondingEntry(completionHeight, initialUnits, units);
  }

  public byte[] encode() {
    return new Encoder(24).u64(completionHeight).u64(initialUnits).u64(balanceUnits)
        .toByteArray();
  }

  public static UnbondingEntry decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    UnbondingEntry out = new UnbondingEntry(d.u64(), d.u64(), d.u64());
    d.finish();
    return out;
  }
}
