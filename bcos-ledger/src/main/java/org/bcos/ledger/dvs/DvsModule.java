package org.bcos.ledger.dvs;

import java.nio.charset.StandardCharsets;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.tx.TxContext;
import org.bcos.ledger.tx.Verdict;
import org.bcos.types.tx.CoinTransfer;
import org.bcos.types.tx.StakeEvidence;
import org.bcos.types.tx.DvsAddArea;
import org.bcos.types.tx.DvsAddInitiative;
import org.bcos.types.tx.DvsAttest;
import org.bcos.types.tx.DvsCastBallot;
import org.bcos.types.tx.DvsCreateCommunity;
import org.bcos.types.tx.DvsCreateIssue;
import org.bcos.types.tx.DvsDelegate;
import org.bcos.types.tx.DvsMessages;
import org.bcos.types.tx.DvsRefuseDelegations;
import org.bcos.types.tx.DvsSetMember;
import org.bcos.types.tx.DvsSetRegistrar;
import org.bcos.types.tx.DvsSupport;
import org.bcos.types.tx.DvsUndelegate;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * The DVS ledger module: dispatches each DVS message to its handler (one per message type, each
 * checking everything before it writes), and runs the issue lifecycle at the end of every block
 * ({@link DvsLifecycle}).
 */
public final class DvsModule {
  private final DvsCommunityHandlers community = new DvsCommunityHandlers();
  private final DvsDelegationHandlers delegation = new DvsDelegationHandlers();
  private final DvsIssueHandlers issues = new DvsIssueHandlers();
  private final DvsCastBallotHandler ballots = new DvsCastBallotHandler();
  private final DvsLifecycle lifecycle = new DvsLifecycle();

  /** Ballots, supports and delegations may pay no fee when they carry a proof-of-work stamp. */
  public static boolean mayBeFeeFree(Message m) {
    return m instanceof DvsCastBallot || m instanceof DvsSupport || m instanceof DvsDelegate
        || m instanceof DvsUndelegate;
  }

  /** Pure bounds checks (names, texts, option counts). */
  public Verdict checkStateless(Transaction tx) {
    return switch (tx.message()) {
      case CoinTransfer t -> throw new IllegalArgumentException("not a DVS message");
      case StakeEvidence t -> throw new IllegalArgumentException("not a DVS message");
      case DvsCreateCommunity m -> text(m.name(), DvsMessages.MAX_NAME_BYTES, 1, "name");
      case DvsAddArea m -> text(m.name(), DvsMessages.MAX_NAME_BYTES, 1, "area name");
      case DvsSetMember m -> Verdict.OK;
      case DvsSetRegistrar m -> Verdict.OK;
      case DvsAttest m -> text(m.value(), DvsMessages.MAX_ATTRIBUTE_BYTES, 0, "attribute value");
      case DvsDelegate m -> Verdict.OK;
      case DvsUndelegate m -> Verdict.OK;
      case DvsRefuseDelegations m -> Verdict.OK;
      case DvsCreateIssue m -> DvsIssueHandlers.checkOptions(m);
      case DvsAddInitiative m -> text(m.title(), DvsMessages.MAX_TEXT_BYTES, 1, "title");
      case DvsSupport m -> Verdict.OK;
      case DvsCastBallot m -> m.parts().isEmpty() || m.parts().size() > DvsMessages.MAX_BALLOT_PARTS
          ? Verdict.reject(Rejection.INVALID_BALLOT, "1.." + DvsMessages.MAX_BALLOT_PARTS
              + " parts") : Verdict.OK;
    };
  }

  /** Executes a DVS message; check-then-write, so a rejection changes nothing. */
  public Verdict handle(TxContext ctx, Transaction tx) {
    return switch (tx.message()) {
      case CoinTransfer t -> throw new IllegalArgumentException("not a DVS message");
      case StakeEvidence t -> throw new IllegalArgumentException("not a DVS message");
      case DvsCreateCommunity m -> community.create(ctx, tx, m);
      case DvsAddArea m -> community.addArea(ctx, tx, m);
      case DvsSetMember m -> community.setMember(ctx, tx, m);
      case DvsSetRegistrar m -> community.setRegistrar(ctx, tx, m);
      case DvsAttest m -> community.attest(ctx, tx, m);
      case DvsDelegate m -> delegation.delegate(ctx, tx, m);
      case DvsUndelegate m -> delegation.undelegate(ctx, tx, m);
      case DvsRefuseDelegations m -> delegation.refuse(ctx, tx, m);
      case DvsCreateIssue m -> issues.create(ctx, tx, m);
      case DvsAddInitiative m -> issues.addInitiative(ctx, tx, m);
      case DvsSupport m -> issues.support(ctx, tx, m);
      case DvsCastBallot m -> ballots.cast(ctx, tx, m);
    };
  }

  /** Phase changes and closing of issues due at the end of block {@code ctx.height()}. */
  public void endBlock(TxContext ctx) {
    lifecycle.endBlock(ctx);
  }

  static Verdict text(String s, int maxBytes, int minBytes, String what) {
    int n = s.getBytes(StandardCharsets.UTF_8).length;
    if (n < minBytes || n > maxBytes) {
      return Verdict.reject(Rejection.INVALID_DVS_INPUT,
          what + " must be " + minBytes + ".." + maxBytes + " bytes, got " + n);
    }
    return Verdict.OK;
  }

  /** A fee-free transaction must show the community's proof-of-work difficulty. */
  static Verdict stamp(Transaction tx, Community c) {
    if (tx.fee() > 0) return Verdict.OK;
    int bits = TransactionCodec.powBits(tx);
    if (bits < c.params().powDifficultyBits()) {
      return Verdict.reject(Rejection.STAMP_INSUFFICIENT,
          "stamp shows " + bits + " bits, community needs " + c.params().powDifficultyBits());
    }
    return Verdict.OK;
  }
}
