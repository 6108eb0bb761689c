package org.bcos.ledger.notary.api;

import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.Encoder;

/** Co-signs another account's anchor of {@code document}: the sender attests it too. */
public record NotaryAttest(Hash document) implements NotaryMessage {
  public static final int TAG = 51;

  public NotaryAttest {
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
