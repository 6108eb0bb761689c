package org.bcos.ledger.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.MessageCodec;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * A block: header, the proposer's Ed25519 signature over the header hash, and the transactions.
 * Encoding: header | signature (64) | varint count | each transaction length-prefixed.
 */
public record Block(BlockHeader header, byte[] signature, List<Transaction> transactions) {
  public static final int MAX_TXS = 100_000;

  public Block {
    Objects.requireNonNull(header);
    signature = signature.clone();
    transactions = List.copyOf(transactions);
    if (signature.length != 64) throw new IllegalArgumentException("block signature is 64 bytes");
    if (transactions.size() != header.txCount()) {
      throw new IllegalArgumentException("txCount does not match transactions");
    }
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public Hash hash() {
    return header.hash();
  }

  public long height() {
    return header.height();
  }

  public byte[] encode() {
    Encoder e = new Encoder(256 + transactions.size() * 200);
    e.fixed(header.encode()).fixed(signature).varint(transactions.size());
    for (Transaction tx : transactions) {
      e.bytes(tx.encoded());
    }
    return e.toByteArray();
  }

  /** Strict decoding; throws {@link CodecException} on any deviation from the canonical form. */
  public static Block decode(byte[] bytes, MessageCodec messages) {
    Decoder d = new Decoder(bytes);
    BlockHeader header = BlockHeader.decode(d);
    byte[] signature = d.fixed(64);
    int count = (int) d.varint(MAX_TXS);
    // the count is the sender's claim: size the list by the bytes that are really there
    List<Transaction> txs = new ArrayList<>(Math.min(count, d.remaining()));
    for (int i = 0; i < count; i++) {
      txs.add(TransactionCodec.decode(d.bytes(Transaction.MAX_ENCODED_BYTES), messages));
    }
    d.finish();
    if (count != header.txCount()) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "txCount mismatch");
    }
    return new Block(header, signature, txs);
  }
}
