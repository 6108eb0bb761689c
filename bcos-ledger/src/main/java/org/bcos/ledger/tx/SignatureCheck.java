package org.bcos.ledger.tx;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * Verifies transaction signatures (ZIP-215 on every path) once: a bounded cache remembers the
 * hashes of transactions already verified, so admission, block building and block import share
 * one verification. Thread-safe.
 */
public final class SignatureCheck {
  private final SignatureVerifier verifier;
  private final Map<Hash, Boolean> verified;

  public SignatureCheck(SignatureVerifier verifier, int cacheEntries) {
    this.verifier = verifier;
    this.verified =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
            return size() > cacheEntries;
          }
        };
  }

  public static SignatureCheck withBestVerifier() {
    return new SignatureCheck(Ed25519.verifier(), 1_000_000);
  }

  public String verifierName() {
    return verifier.name();
  }

  public boolean verify(Transaction tx) {
    synchronized (verified) {
      if (verified.containsKey(tx.hash())) return true;
    }
    byte[] digest = TransactionCodec.signingDigest(TransactionCodec.bodyBytes(tx)).toBytes();
    boolean ok = verifier.verify(tx.sender().toBytes(), digest, tx.signature());
    if (ok) {
      synchronized (verified) {
        verified.put(tx.hash(), Boolean.TRUE);
      }
    }
    return ok;
  }

  /** Forgets a hash (after its transaction is final, the cache entry is no longer useful). */
  public void forget(Hash txHash) {
    synchronized (verified) {
      verified.remove(txHash);
    }
  }
}
