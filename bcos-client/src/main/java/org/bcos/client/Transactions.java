package org.bcos.client;

import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;

/** Builds and signs transactions. */
public final class Transactions {
  private Transactions() {}

  public static Transaction sign(TxBody body, Ed25519KeyPair key) {
    if (!key.address().equals(body.sender())) {
      throw new IllegalArgumentException("the key is not the sender's");
    }
    byte[] digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body)).toBytes();
    return TransactionCodec.assemble(body, key.sign(digest));
  }

  /** Signs {@code message} from {@code from}. */
  public static Transaction build(String chainId, Ed25519KeyPair from, long nonce, long feeUnits,
      long expiryHeight, Message message) {
    return sign(new TxBody(chainId, from.address(), nonce, feeUnits, expiryHeight, message), from);
  }

  /**
   * Signs a fee-free transaction and searches a proof-of-work stamp with at least {@code bits}
   * leading zero bits (about 2^bits hashes; bounded at 2^40).
   */
  public static Transaction feeFree(String chainId, Ed25519KeyPair from, long nonce,
      long expiryHeight, Message message, int bits) {
    TxBody body = new TxBody(chainId, from.address(), nonce, 0, expiryHeight, message);
    Hash digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body));
    long stamp = TransactionCodec.findStamp(digest, bits);
    return TransactionCodec.assemble(body, from.sign(digest.toBytes()), stamp);
  }

  public static Transaction transfer(String chainId, Ed25519KeyPair from, long nonce,
      long feeUnits, long expiryHeight, Address to, long amountUnits, String memo) {
    TxBody body = new TxBody(chainId, from.address(), nonce, feeUnits, expiryHeight,
        new CoinTransfer(to, amountUnits, memo));
    return sign(body, from);
  }
}
