package org.bcos.ledger.notary.api;

import org.bcos.types.tx.Message;

/** The notary module's messages: anchor a document hash, attest it, revoke it. */
public sealed interface NotaryMessage extends Message
    permits NotaryAnchor, NotaryAttest, NotaryRevoke {
  /** The SHA-256 of the document the message is about. */
  org.bcos.types.Hash document();
}
