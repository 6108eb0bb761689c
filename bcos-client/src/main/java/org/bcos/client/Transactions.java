package org.bcos.client;

import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Address;
import org.bcos.types.tx.CoinTransfer;
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

  public static Transaction transfer(String chainId, Ed25519KeyPair from, long nonce,
      long feeUnits, long expiryHeight, Address to, long amountUnits, String memo) {
    TxBody body = new TxBody(chainId, from.address(), nonce, feeUnits, expiryHeight,
        new CoinTransfer(to, amountUnits, memo));
    return sign(body, from);
  }
}
