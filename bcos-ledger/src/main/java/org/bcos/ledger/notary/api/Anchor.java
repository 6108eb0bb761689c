package org.bcos.ledger.notary.api;

import java.util.Objects;
import org.bcos.storage.Column;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A document's anchor as stored: who anchored it and at which height, when it was revoked (0:
 * not revoked), how many accounts attested it, and its label.
 */
public record Anchor(Address anchorer, long anchoredHeight, long revokedHeight,
    int attestations, String label) {
  /**
   * The state column of anchors, keyed by the document's 32-byte SHA-256: part of the proof format
   * (a client checks an anchor proof at {@code StateKey.treeKey(STATE_COLUMN, hash)}).
   */
  public static final Column STATE_COLUMN = new Column(50, "notary_anchors");
  /** Most attestations one anchor may collect (bounds the state and a query's answer). */
  public static final int MAX_ATTESTATIONS = 128;

  public Anchor {
    Objects.requireNonNull(anchorer, "anchorer");
    Objects.requireNonNull(label, "label");
    if (anchoredHeight < 1) throw new IllegalStateException("anchored at " + anchoredHeight);
    if (revokedHeight != 0 && revokedHeight < anchoredHeight) {
      throw new IllegalStateException("revoked at " + revokedHeight + " before its anchoring");
    }
    if (attestations < 0 || attestations > MAX_ATTESTATIONS) {
      throw new IllegalStateException("attestation count " + attestations);
    }
  }

  public boolean revoked() {
    return revokedHeight != 0;
  }

  public Anchor revokedAt(long height) {
    return new Anchor(anchorer, anchoredHeight, height, attestations, label);
  }

  public Anchor withOneMoreAttestation() {
    return new Anchor(anchorer, anchoredHeight, revokedHeight, attestations + 1, label);
  }

  public byte[] encode() {
    return new Encoder(96).address(anchorer).u64(anchoredHeight).u64(revokedHeight)
        .u32(attestations).string(label).toByteArray();
  }

  public static Anchor decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    Anchor a = new Anchor(d.address(), d.u64(), d.u64(), d.u32AsInt(),
        d.string(NotaryAnchor.MAX_LABEL_BYTES));
    d.finish();
    return a;
  }
}
