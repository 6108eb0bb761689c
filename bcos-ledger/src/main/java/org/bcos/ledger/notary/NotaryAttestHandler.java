package org.bcos.ledger.notary;

import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.Attestation;
import org.bcos.ledger.notary.api.NotaryAttest;
import org.bcos.ledger.notary.api.NotaryRejection;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;

/**
 * Handles {@link NotaryAttest}: another account co-signs a live anchor, once. The anchorer's own
 * attestation is refused: its anchor already says it holds the document, so an attestation by it
 * would only inflate the count of independent witnesses.
 */
final class NotaryAttestHandler extends ExistingAnchorHandler<NotaryAttest> {

  @Override
  Verdict handle(NotaryStore notary, Anchor anchor, TxContext ctx, Transaction tx,
      NotaryAttest attest) {
    Verdict refused = refusal(notary, anchor, tx, attest);
    if (!refused.ok()) return refused;
    notary.putAttestation(attest.document(), new Attestation(tx.sender(), ctx.height()));
    notary.putAnchor(attest.document(), anchor.withOneMoreAttestation());
    return Verdict.OK;
  }

  private static Verdict refusal(NotaryStore notary, Anchor anchor, Transaction tx,
      NotaryAttest attest) {
    if (anchor.revoked()) {
      return Verdict.reject(NotaryRejection.ANCHOR_REVOKED, "at height " + anchor.revokedHeight());
    }
    if (anchor.anchorer().equals(tx.sender())) {
      return Verdict.reject(NotaryRejection.SELF_ATTESTATION, "");
    }
    if (notary.hasAttested(attest.document(), tx.sender())) {
      return Verdict.reject(NotaryRejection.ALREADY_ATTESTED, "");
    }
    if (anchor.attestations() >= Anchor.MAX_ATTESTATIONS) {
      return Verdict.reject(NotaryRejection.TOO_MANY_ATTESTATIONS,
          "limit " + Anchor.MAX_ATTESTATIONS);
    }
    return Verdict.OK;
  }
}
