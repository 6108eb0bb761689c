package org.bcos.ledger.gov;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.gov.api.GovDeposit;
import org.bcos.ledger.gov.api.GovRejection;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalStatus;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;

/** Handlers of submit-proposal and deposit: every check before the first write. */
final class GovHandlers {
  /** Most proposals open (in their deposit or voting period) at once. */
  static final int MAX_OPEN_PROPOSALS = 100;
  /** Most depositors one proposal may have. */
  static final int MAX_DEPOSITORS = 100;

  private final GovLifecycle lifecycle;

  GovHandlers(GovLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** Stateless checks of a submission: its texts, its content, a positive deposit. */
  static Verdict checkSubmit(Transaction tx, GovSubmitProposal m, ChainParams params) {
    String title = m.title();
    if (title.isBlank() || title.getBytes(StandardCharsets.UTF_8).length
        > GovSubmitProposal.MAX_TITLE_BYTES || title.chars().anyMatch(Character::isISOControl)) {
      return Verdict.reject(GovRejection.PROPOSAL_TEXT_INVALID, "title");
    }
    if (m.description().getBytes(StandardCharsets.UTF_8).length
        > GovSubmitProposal.MAX_DESCRIPTION_BYTES) {
      return Verdict.reject(GovRejection.PROPOSAL_TEXT_INVALID, "description");
    }
    if (m.deposit() <= 0) return Verdict.reject(GovRejection.DEPOSIT_NOT_POSITIVE, "");
    return ProposalChecks.pure(m.content());
  }

  Verdict submit(TxContext ctx, Transaction tx, GovSubmitProposal m) {
    GovStore gov = new GovStore(ctx.state());
    if (gov.openCount() >= MAX_OPEN_PROPOSALS) {
      return Verdict.reject(GovRejection.TOO_MANY_PROPOSALS, "at most " + MAX_OPEN_PROPOSALS);
    }
    long initial = minInitialDeposit(ctx);
    if (m.deposit() < initial) {
      return Verdict.reject(GovRejection.INITIAL_DEPOSIT_TOO_SMALL, m.deposit() + " < "
          + initial + " units");
    }
    Verdict v = affordable(ctx, tx, m.deposit());
    if (v.ok()) v = ProposalChecks.stateful(ctx, m.content(), true);
    if (!v.ok()) return v;
    long h = ctx.height();
    long end = h + ctx.param(GovParams.DEPOSIT_PERIOD_BLOCKS.name());
    Proposal p = new Proposal(gov.nextId(), tx.sender(), m.title(), m.description(), m.content(),
        ProposalStatus.DEPOSIT_PERIOD, h, end, 0, 0, 0, "", "", 0);
    gov.addOpen(1);
    gov.enqueue(GovSchema.DEPOSIT_END, end, p.id());
    lifecycle.addDeposit(ctx, gov, p, tx.sender(), m.deposit());
    return Verdict.OK;
  }

  Verdict deposit(TxContext ctx, Transaction tx, GovDeposit m) {
    GovStore gov = new GovStore(ctx.state());
    if (m.units() <= 0) return Verdict.reject(GovRejection.DEPOSIT_NOT_POSITIVE, "");
    Optional<Proposal> p = gov.proposal(m.proposalId());
    if (p.isEmpty()) return Verdict.reject(GovRejection.NO_SUCH_PROPOSAL, "id " + m.proposalId());
    if (p.get().status() != ProposalStatus.DEPOSIT_PERIOD) {
      return Verdict.reject(GovRejection.PROPOSAL_NOT_IN_DEPOSIT_PERIOD, "proposal "
          + m.proposalId() + " is " + p.get().status());
    }
    if (gov.deposit(m.proposalId(), tx.sender()) == 0
        && gov.deposits(m.proposalId()).size() >= MAX_DEPOSITORS) {
      return Verdict.reject(GovRejection.TOO_MANY_DEPOSITORS, "at most " + MAX_DEPOSITORS);
    }
    Verdict v = affordable(ctx, tx, m.units());
    if (!v.ok()) return v;
    lifecycle.addDeposit(ctx, gov, p.get(), tx.sender(), m.units());
    return Verdict.OK;
  }

  /** {@code govMinInitialDepositBasisPoints} of {@code govMinDepositUnits}, rounded up. */
  static long minInitialDeposit(TxContext ctx) {
    return java.math.BigInteger.valueOf(ctx.param(GovParams.MIN_DEPOSIT_UNITS.name()))
        .multiply(java.math.BigInteger.valueOf(
            ctx.param(GovParams.MIN_INITIAL_DEPOSIT_BASIS_POINTS.name())))
        .add(java.math.BigInteger.valueOf(9_999)).divide(java.math.BigInteger.valueOf(10_000))
        .longValueExact();
  }

  /** The sender can pay {@code units} and still the transaction's fee. */
  private static Verdict affordable(TxContext ctx, Transaction tx, long units) {
    long balance = ctx.api(Bank.class).balance(tx.sender());
    return balance >= units && balance - units >= tx.fee() ? Verdict.OK
        : Verdict.reject(GovRejection.DEPOSIT_EXCEEDS_BALANCE, "balance " + balance
            + " units, deposit " + units + " + fee " + tx.fee());
  }
}
