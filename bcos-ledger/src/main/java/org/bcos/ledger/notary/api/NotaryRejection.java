package org.bcos.ledger.notary.api;

import org.bcos.types.tx.Rejection;

/** Why the notary module refuses a message (codes -32090..-32099 are the notary's). */
public enum NotaryRejection implements Rejection {
  ALREADY_ANCHORED(-32090, "this document is already anchored"),
  NO_SUCH_ANCHOR(-32091, "no anchor of this document exists"),
  NOT_ANCHORER(-32092, "only the account that anchored a document may revoke it"),
  ANCHOR_REVOKED(-32093, "the anchor of this document is revoked"),
  ALREADY_ATTESTED(-32094, "this account already attested the document"),
  LABEL_TOO_LONG(-32095, "the label is longer than allowed"),
  LABEL_INVALID(-32096, "the label contains control characters"),
  SELF_ATTESTATION(-32097, "the anchorer cannot attest its own anchor"),
  TOO_MANY_ATTESTATIONS(-32098, "the anchor has the most attestations allowed");

  private final int code;
  private final String sentence;

  NotaryRejection(int code, String sentence) {
    this.code = code;
    this.sentence = sentence;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String sentence() {
    return sentence;
  }
}
