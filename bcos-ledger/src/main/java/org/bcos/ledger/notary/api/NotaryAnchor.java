package org.bcos.ledger.notary.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.Encoder;

/**
 * Anchors a document: records on chain that the sender held a document with SHA-256 {@code
 * document} at this block, with an optional short label (empty for none).
 */
public record NotaryAnchor(Hash document, String label) implements NotaryMessage {
  public static final int TAG = 50;
  /** Label limit in UTF-8 bytes. */
  public static final int MAX_LABEL_BYTES = 128;

  public NotaryAnchor {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(label, "label");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.hash(document).string(label);
  }

  public int labelBytes() {
    return label.getBytes(StandardCharsets.UTF_8).length;
  }
}
