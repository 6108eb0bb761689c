package org.bcos.types.tx;

import org.bcos.types.ChainId;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException.Reason;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The one canonical binary form of transactions:
 *
 * <pre>
 * body = u8 version | bytes chainId | address sender | u64 nonce | u64 fee | u64 expiryHeight
 *        | u8 messageTag | message fields
 * tx   = body | signature (64 bytes) | u64 proof-of-work stamp (0 when unused)
 * </pre>
 *
 * The signer signs {@link #signingDigest(byte[])} of the body; the transaction hash is SHA-256 of
 * the full encoding. The stamp is hashcash over the signing digest ({@link #powBits}): fee-free
 * DVS transactions must show enough leading zero bits.
 */
public final class TransactionCodec {
  public static final String SIGNING_DOMAIN = "BCOS/tx/v1";
  public static final String POW_DOMAIN = "BCOS/pow/v1";
  /** Bytes after the body: signature and stamp. */
  public static final int TRAILER_BYTES = Transaction.SIGNATURE_BYTES + 8;

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
    message.encodeFields(e);
  }

  /** What the sender signs: the domain-separated SHA-256 of the body encoding. */
  public static Hash signingDigest(byte[] bodyBytes) {
    return Digests.domain(SIGNING_DOMAIN, bodyBytes);
  }

  /** Joins a body and its signature into a transaction without a proof-of-work stamp. */
  public static Transaction assemble(TxBody body, byte[] signature) {
    return assemble(body, signature, 0);
  }

  /** Joins a body, its signature and a proof-of-work stamp into a transaction. */
  public static Transaction assemble(TxBody body, byte[] signature, long powStamp) {
    byte[] bodyBytes = encodeBody(body);
    byte[] encoded = new Encoder(bodyBytes.length + TRAILER_BYTES).fixed(bodyBytes)
        .fixed(signature).u64(powStamp).toByteArray();
    return new Transaction(body, signature, powStamp, encoded, Digests.sha256(encoded));
  }

  /** Leading zero bits of the stamp's hash: SHA-256(POW_DOMAIN, signing digest, u64 stamp). */
  public static int powBits(Hash signingDigest, long powStamp) {
    byte[] h = Digests.domain(POW_DOMAIN, signingDigest.toBytes(),
        new Encoder(8).u64(powStamp).toByteArray()).toBytes();
    int bits = 0;
    for (byte b : h) {
      if (b == 0) {
        bits += 8;
        continue;
      }
      bits += Integer.numberOfLeadingZeros(b & 0xff) - 24;
      break;
    }
    return bits;
  }

  /**
   * The smallest stamp giving at least {@code bits} proof-of-work bits over {@code signingDigest}
   * (about 2^bits hashes; difficulty bounded to 0..40 bits).
   */
  public static long findStamp(Hash signingDigest, int bits) {
    if (bits < 0 || bits > 40) throw new IllegalArgumentException("difficulty 0..40 bits");
    for (long stamp = 0; stamp < (1L << 41); stamp++) {
      if (powBits(signingDigest, stamp) >= bits) return stamp;
    }
    throw new IllegalStateException("no stamp found");
  }

  /** Proof-of-work bits a transaction shows. */
  public static int powBits(Transaction tx) {
    return powBits(signingDigest(bodyBytes(tx)), tx.powStamp());
  }

  /**
   * Strictly decodes one transaction, its message by {@code messages} (the ledger's module
   * registry knows every message type).
   *
   * @throws CodecException if the bytes are not exactly one canonical transaction
   */
  public static Transaction decode(byte[] encoded, MessageCodec messages) {
    if (encoded.length > Transaction.MAX_ENCODED_BYTES) {
      throw new CodecException(Reason.LENGTH_TOO_LARGE, "transaction exceeds size limit");
    }
    Decoder d = new Decoder(encoded);
    int version = d.u8();
    if (version != Transaction.VERSION) {
      throw new CodecException(Reason.INVALID_VALUE, "unsupported transaction version " + version);
    }
    String chainId = d.string(ChainId.MAX_LENGTH);
    TxBody body =
        new TxBody(chainId, d.address(), d.u64(), d.u64(), d.u64(), messages.decode(d.u8(), d));
    byte[] signature = d.fixed(Transaction.SIGNATURE_BYTES);
    long stamp = d.u64();
    d.finish();
    return new Transaction(body, signature, stamp, encoded.clone(), Digests.sha256(encoded));
  }

  /** The body bytes of a decoded transaction (without re-encoding). */
  public static byte[] bodyBytes(Transaction tx) {
    byte[] all = tx.encoded();
    return java.util.Arrays.copyOf(all, all.length - TRAILER_BYTES);
  }
}
