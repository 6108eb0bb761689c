package org.bcos.ledger;

import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** Where a final transaction sits: block height and index within the block. */
public record TxLocation(long height, int index) {
  /** Size of {@link #encode()}. */
  public static final int ENCODED_BYTES = 12;

  public byte[] encode() {
    return new Encoder(ENCODED_BYTES).u64(height).u32(index).toByteArray();
  }

  public static TxLocation decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    TxLocation l = new TxLocation(d.u64(), (int) d.u32());
    d.finish();
    return l;
  }
}
