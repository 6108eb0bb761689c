package org.bcos.ledger.gov.api;

import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** Gov: adds {@code units} of the sender's balance to the deposit of proposal {@code proposalId}. */
public record GovDeposit(long proposalId, long units) implements GovMessage {
  public static final int TAG = 61;

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(proposalId).u64(units);
  }

  /** Reads the fields (after the tag). */
  public static GovDeposit decode(Decoder d) {
    return new GovDeposit(d.u64(), d.u64());
  }
}
