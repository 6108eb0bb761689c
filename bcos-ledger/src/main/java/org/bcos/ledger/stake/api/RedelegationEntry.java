package org.bcos.ledger.stake.api;

import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Units moved from one validator to another, remembered until {@code completionHeight} so that
 * an offence at the source committed before the move still slashes them: the slash takes its
 * fraction of {@code initialUnits} out of the {@code destinationShares} the move created.
 */
public record RedelegationEntry(long completionHeight, long initialUnits, long destinationShares) {
  public RedelegationEntry {
    if (initialUnits <= 0 || destinationShares < 0) {
      throw new IllegalArgumentException("a redelegation moves a positive number of units");
    }
  }

  public RedelegationEntry withDestinationShares(long shares) {
    return new RedelegationEntry(completionHeight, initialUnits, shares);
  }

  public byte[] encode() {
    return new Encoder(24).u64(completionHeight).u64(initialUnits).u64(destinationShares)
        .toByteArray();
  }

  public static RedelegationEntry decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    RedelegationEntry out = new RedelegationEntry(d.u64(), d.u64(), d.u64());
    d.finish();
    return out;
  }
}
