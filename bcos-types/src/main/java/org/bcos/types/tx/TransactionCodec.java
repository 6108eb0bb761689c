package org.bcos.types.tx;

import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.CodecException.Reason;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The one canonical binary form of transactions:
 *
 * <pre>
 * body = u8 version | bytes chainId | address sender | u64 nonce | u64 fee | u64 expiryHeight
 *        | u8 messageTag | message fields
 * tx   = body | signature (64 bytes)
 * </pre>
 *
 * The signer signs {@link #signingDigest(byte[])} of the body; the transaction hash is SHA-256 of
 * the full encoding.
 */
public final class TransactionCodec {
  public static final String SIGNING_DOMAIN = "BCOS/tx/v1";

  private TransactionCodec() {}

  public static byte[] encodeBody(TxBody body) {
    Encoder e = new Encoder(160);
    e.u8(Transaction.VERSION)
        .string(body.chainId())
        .address(body.sender())
        .u64(body.nonce())
        .u64(body.feeUnits())
        .u64(body.expiryHeight());
    encodeMessage(e, body.message());
    return e.toByteArray();
  }

  private static void encodeMessage(Encoder e, Message message) {
    e.u8(message.tag());
    switch (message) {
      case CoinTransfer t -> e.address(t.to()).u64(t.amountUnits()).string(t.memo());
    }
  }

  /** What the sender signs: the domain-separated SHA-256 of the body encoding. */
  public static Hash signingDigest(byte[] bodyBytes) {
    return Digests.domain(SIGNING_DOMAIN, bodyBytes);
  }

  /** Joins a body and its signature into a transaction. */
  public static Transaction assemble(TxBody body, byte[] signature) {
    byte[] bodyBytes = encodeBody(body);
    byte[] encoded = new byte[bodyBytes.length + Transaction.SIGNATURE_BYTES];
    System.arraycopy(bodyBytes, 0, encoded, 0, bodyBytes.length);
    System.arraycopy(signature, 0, encoded, bodyBytes.length, Transaction.SIGNATURE_BYTES);
    return new Transaction(body, signature, encoded, Digests.sha256(encoded));
  }

  /**
   * Strictly decodes one transaction.
   *
   * @throws CodecException if the bytes are not exactly one canonical transaction
   */
  public static Transaction decode(byte[] encoded) {
    if (encoded.length > Transaction.MAX_ENCODED_BYTES) {
      throw new CodecException(Reason.LENGTH_TOO_LARGE, "transaction exceeds size limit");
    }
    Decoder d = new Decoder(encoded);
    int version = d.u8();
    if (version != Transaction.VERSION) {
      throw new CodecException(Reason.INVALID_VALUE, "unsupported transaction version " + version);
    }
    String chainId = d.string(Transaction.MAX_CHAIN_ID_BYTES);
    TxBody body =
        new TxBody(chainId, d.address(), d.u64(), d.u64(), d.u64(), decodeMessage(d));
    byte[] signature = d.fixed(Transaction.SIGNATURE_BYTES);
    d.finish();
    return new Transaction(body, signature, encoded.clone(), Digests.sha256(encoded));
  }

  private static Message decodeMessage(Decoder d) {
    int tag = d.u8();
    return switch (tag) {
      // the memo's own limit is a ledger rule (MEMO_TOO_LONG); the codec bounds it only by the
      // transaction size, so callers get the named reason
      case CoinTransfer.TAG ->
          new CoinTransfer(d.address(), d.u64(), d.string(Transaction.MAX_ENCODED_BYTES));
      default -> throw new CodecException(Reason.INVALID_VALUE, "unknown message tag " + tag);
    };
  }

  /** Offset where the body ends (the signature follows). */
  public static int bodyLength(Transaction tx) {
    return tx.encodedSize() - Transaction.SIGNATURE_BYTES;
  }

  /** The body bytes of a decoded transaction (without re-encoding). */
  public static byte[] bodyBytes(Transaction tx) {
    byte[] all = tx.encoded();
    return java.util.Arrays.copyOf(all, all.length - Transaction.SIGNATURE_BYTES);
  }
}
