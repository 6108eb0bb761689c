package org.bcos.ledger;

import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.MessageCodec;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * A final transaction as the transaction index holds it: where it sits, the hash of its block and
 * the transaction itself, so a lookup reads and decodes one transaction, never its whole block.
 *
 * <p>Index value encoding: u64 height | u32 index | block hash (32) | length-prefixed transaction
 * encoding. Entries written before the index held transactions are the bare 12-byte {@link
 * TxLocation}; {@link #isLocationOnly} tells them apart.
 */
public record FinalTx(TxLocation location, Hash blockHash, Transaction tx) {
  public FinalTx {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(tx, "tx");
  }

  /** The index value of this transaction. */
  public byte[] encode() {
    byte[] txBytes = tx.encoded();
    return new Encoder(12 + Hash.LENGTH + 5 + txBytes.length).u64(location.height())
        .u32(location.index()).fixed(blockHash.toBytes()).bytes(txBytes).toByteArray();
  }

  /** Strictly decodes an index value written by {@link #encode}. */
  public static FinalTx decode(byte[] value, MessageCodec messages) {
    Decoder d = new Decoder(value);
    TxLocation location = new TxLocation(d.u64(), (int) d.u32());
    Hash blockHash = d.hash();
    Transaction tx = TransactionCodec.decode(d.bytes(Transaction.MAX_ENCODED_BYTES), messages);
    d.finish();
    return new FinalTx(location, blockHash, tx);
  }

  /** Whether an index value is a legacy entry holding only the location. */
  static boolean isLocationOnly(byte[] value) {
    return value.length == TxLocation.ENCODED_BYTES;
  }

  /** The location at the head of any index value, legacy or not. */
  static TxLocation location(byte[] value) {
    Decoder d = new Decoder(value);
    return new TxLocation(d.u64(), (int) d.u32());
  }
}
