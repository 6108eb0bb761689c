package org.bcos.ledger.notary;

import org.bcos.ledger.ChainParams;
import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.ledger.notary.api.NotaryRejection;
import org.bcos.ledger.spi.MessageHandler;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;

/**
 * Handles {@link NotaryAnchor}: the label's bounds need no state; a document is anchored once,
 * ever (a revoked anchor stays on record, so the same hash cannot be anchored again and its
 * history rewritten).
 */
final class NotaryAnchorHandler implements MessageHandler<NotaryAnchor> {

  @Override
  public Verdict pureChecks(Transaction tx, NotaryAnchor anchor, ChainParams params) {
    if (anchor.labelBytes() > NotaryAnchor.MAX_LABEL_BYTES) {
      return Verdict.reject(NotaryRejection.LABEL_TOO_LONG,
          anchor.labelBytes() + " bytes, limit " + NotaryAnchor.MAX_LABEL_BYTES);
    }
    if (anchor.label().chars().anyMatch(Character::isISOControl)) {
      // a label is shown to people (CLI, explorers); control characters could forge that output
      return Verdict.reject(NotaryRejection.LABEL_INVALID, "");
    }
    return Verdict.OK;
  }

  @Override
  public Verdict handle(TxContext ctx, Transaction tx, NotaryAnchor anchor) {
    NotaryStore notary = new NotaryStore(ctx.state());
    var existing = notary.anchor(anchor.document());
    if (existing.isPresent()) {
      return Verdict.reject(NotaryRejection.ALREADY_ANCHORED, "by "
          + existing.get().anchorer() + " at height " + existing.get().anchoredHeight());
    }
    notary.putAnchor(anchor.document(),
        new Anchor(tx.sender(), ctx.height(), 0, 0, anchor.label()));
    return Verdict.OK;
  }
}
