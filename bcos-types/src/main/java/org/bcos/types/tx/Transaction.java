package org.bcos.types.tx;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/**
 * A signed transaction. The signature is Ed25519 by {@code sender} over the domain-separated hash of
 * the body ({@code "BCOS/tx/v1"}); the transaction hash is SHA-256 of the full encoding. Use {@link
 * TransactionCodec} to encode; {@link #encoded()} caches the one canonical form.
 */
public final class Transaction {
  public static final int VERSION = 1;
  public static final int SIGNATURE_BYTES = 64;
  /** Size limit of one encoded transaction. */
  public static final int MAX_ENCODED_BYTES = 2048;

  private final TxBody body;
  private final byte[] signature;
  private final long powStamp;
  private final byte[] encoded;
  private final Hash hash;

  Transaction(TxBody body, byte[] signature, long powStamp, byte[] encoded, Hash hash) {
    this.body = Objects.requireNonNull(body);
    if (signature.length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
    this.signature = signature.clone();
    this.powStamp = powStamp;
    this.encoded = encoded;
    this.hash = hash;
  }

  public TxBody body() {
    return body;
  }

  public Address sender() {
    return body.sender();
  }

  public long nonce() {
    return body.nonce();
  }

  public long fee() {
    return body.feeUnits();
  }

  public Message message() {
    return body.message();
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The proof-of-work stamp (0 when unused); see {@link TransactionCodec#powBits}. */
  public long powStamp() {
    return powStamp;
  }

  /** The canonical encoding (a copy). */
  public byte[] encoded() {
    return encoded.clone();
  }

  public int encodedSize() {
    return encoded.length;
  }

  public Hash hash() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction t && hash.equals(t.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Transaction[" + hash.toHex() + "]";
  }
}
