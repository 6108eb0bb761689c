package org.bcos.ledger.notary;

import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.NotaryMessage;
import org.bcos.ledger.notary.api.NotaryRejection;
import org.bcos.ledger.spi.MessageHandler;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;

/** A handler of a message about an anchor that must exist: refuses NO_SUCH_ANCHOR otherwise. */
abstract class ExistingAnchorHandler<M extends NotaryMessage> implements MessageHandler<M> {

  @Override
  public final Verdict handle(TxContext ctx, Transaction tx, M message) {
    NotaryStore notary = new NotaryStore(ctx.state());
    return notary.anchor(message.document())
        .map(anchor -> handle(notary, anchor, ctx, tx, message))
        .orElse(Verdict.reject(NotaryRejection.NO_SUCH_ANCHOR, ""));
  }

  /** Checks everything, then writes; {@code anchor} is the document's current anchor. */
  abstract Verdict handle(NotaryStore notary, Anchor anchor, TxContext ctx, Transaction tx,
      M message);
}
