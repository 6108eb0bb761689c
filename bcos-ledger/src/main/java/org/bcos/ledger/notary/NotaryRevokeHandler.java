package org.bcos.ledger.notary;

import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.NotaryRejection;
import org.bcos.ledger.notary.api.NotaryRevoke;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;

/** Handles {@link NotaryRevoke}: only the anchorer revokes, once; the record stays, marked. */
final class NotaryRevokeHandler extends ExistingAnchorHandler<NotaryRevoke> {

  @Override
  Verdict handle(NotaryStore notary, Anchor anchor, TxContext ctx, Transaction tx,
      NotaryRevoke revoke) {
    if (!anchor.anchorer().equals(tx.sender())) {
      return Verdict.reject(NotaryRejection.NOT_ANCHORER, "anchored by " + anchor.anchorer());
    }
    if (anchor.revoked()) {
      return Verdict.reject(NotaryRejection.ANCHOR_REVOKED, "at height " + anchor.revokedHeight());
    }
    notary.putAnchor(revoke.document(), anchor.revokedAt(ctx.height()));
    return Verdict.OK;
  }
}
