package org.bcos.ledger.stake;

import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A validator's downtime bookkeeping (Cosmos' {@code ValidatorSigningInfo}): blocks counted in
 * its current window and how many of them it missed; which ones is a bitmap beside it.
 *
 * @param counted blocks counted since the window (re)started; slot = counted mod window
 * @param missed set bits in the bitmap
 */
record SigningRecord(long counted, long missed) {
  static final SigningRecord FRESH = new SigningRecord(0, 0);

  SigningRecord {
    if (counted < 0 || missed < 0 || missed > counted) {
      throw new IllegalArgumentException("0 <= missed <= counted");
    }
  }

  byte[] encode() {
    return new Encoder(16).u64(counted).u64(missed).toByteArray();
  }

  static SigningRecord decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    SigningRecord r = new SigningRecord(d.u64(), d.u64());
    d.finish();
    return r;
  }
}
