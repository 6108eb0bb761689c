package org.bcos.ledger.notary.api;

import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.Encoder;

/**
 * Withdraws the sender's own anchor of {@code document}. The anchor and its attestations stay on
 * record, marked revoked at this block's height: history is never erased.
 */
public record NotaryRevoke(Hash document) implements NotaryMessage {
  public static final int TAG = 52;

  public NotaryRevoke {
    Objects.requireNonNull(document, "document");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.hash(document);
  }
}
