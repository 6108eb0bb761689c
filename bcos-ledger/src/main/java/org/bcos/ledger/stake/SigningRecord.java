package org.bcos.ledger.stake;

import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A validator's downtime bookkeeping (Cosmos' {@code ValidatorSigningInfo}): blocks counted in
 * its current window and how many of them it missed; which ones is a bitmap beside it.
 *
 * @param window the window length the bitmap was kept for (a governed change starts it over)
 * @param counted blocks counted since the window (re)started; slot = counted mod window
 * @param missed set bits in the bitmap
 */
record SigningRecord(long window, long counted, long missed) {
  SigningRecord {
    if (window <= 0 || counted < 0 || missed < 0 || missed > counted || missed > window) {
      throw new IllegalArgumentException("0 <= missed <= min(counted, window)");
    }
  }

  /** A record not counted yet, for a window of {@code window} blocks. */
  static SigningRecord fresh(long window) {
    return new SigningRecord(window, 0, 0);
  }

  byte[] encode() {
    return new Encoder(24).u64(window).u64(counted).u64(missed).toByteArray();
  }

  static SigningRecord decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    SigningRecord r = new SigningRecord(d.u64(), d.u64(), d.u64());
    d.finish();
    return r;
  }
}
