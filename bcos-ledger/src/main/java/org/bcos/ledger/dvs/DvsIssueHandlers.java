package org.bcos.ledger.dvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsAddInitiative;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRejection;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;

/** Handlers of issue creation, initiatives and support. */
final class DvsIssueHandlers {

  /** Pure checks of a new issue's options and rules. */
  static Verdict checkOptions(DvsCreateIssue m) {
    int n = m.options().size();
    Method method = m.rules().method();
    int min = method == Method.YES_NO ? 1 : m.deliberative() ? 1 : 2;
    int max = method == Method.YES_NO ? 1 : DvsMessages.MAX_OPTIONS;
    if (n < min || n > max) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, method == Method.YES_NO
          ? "a yes/no issue has exactly one option: the proposal"
          : "needs " + min + ".." + max + " options, got " + n);
    }
    for (String o : m.options()) {
      Verdict v = DvsModule.text(o, DvsMessages.MAX_TEXT_BYTES, 1, "option");
      if (!v.ok()) return v;
    }
    if (method == Method.SCORE && m.rules().maxScore() < 1) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "score voting needs maxScore >= 1");
    }
    if (method == Method.QUADRATIC && m.rules().voiceCredits() < 1) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "quadratic voting needs voice credits");
    }
    if (m.payUnits() < 0 || (m.payUnits() > 0 && method != Method.YES_NO)) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "only yes/no issues carry a payment");
    }
    return Verdict.OK;
  }

  Verdict create(TxContext ctx, Transaction tx, DvsCreateIssue m) {
    DvsStore dvs = DvsStore.of(ctx);
    Optional<Community> c = dvs.community(m.communityId());
    if (c.isEmpty()) return Verdict.reject(DvsRejection.UNKNOWN_COMMUNITY, "id " + m.communityId());
    if (c.get().params().electorate() == DvsParams.STAKE) {
      return Verdict.reject(DvsRejection.GOVERNED_COMMUNITY, "propose with gov.submitProposal");
    }
    // members raise issues; so does the registrar (a town's or a company's agenda)
    Verdict v = dvs.isRegistrar(c.get(), tx.sender()) ? Verdict.OK
        : DvsDelegationHandlers.delegator(dvs, c.get(), tx.sender());
    if (!v.ok()) return v;
    if (m.areaId() < 0 || m.areaId() >= c.get().areaCount()) {
      return Verdict.reject(DvsRejection.UNKNOWN_AREA, "area " + m.areaId());
    }
    long id = dvs.next("issue");
    long h = ctx.height();
    boolean[] onBallot = new boolean[m.options().size()];
    java.util.Arrays.fill(onBallot, !m.deliberative());
    Phase phase = m.deliberative() ? Phase.ADMISSION : Phase.VOTING;
    long end = h + (m.deliberative() ? c.get().params().admissionBlocks()
        : c.get().params().votingBlocks());
    Issue issue = new Issue(id, m.communityId(), m.areaId(), m.deliberative(), m.rules(),
        m.options(), onBallot, phase, end, h, m.deliberative() ? 0 : h, tx.sender(), m.payTo(),
        m.payUnits());
    dvs.create(issue);
    dvs.schedule(end, id);
    if (!m.deliberative()) DvsLifecycle.snapshot(dvs, c.get(), id);
    return Verdict.OK;
  }

  /** A check's verdict and, when it passed, the issue it found. */
  record Checked(Verdict verdict, Issue issue) {}

  /** The issue, if it exists, is deliberative and in one of {@code phases}. */
  static Checked deliberative(DvsStore dvs, long issueId, List<Phase> phases) {
    Optional<Issue> issue = dvs.issue(issueId);
    if (issue.isEmpty()) {
      return new Checked(Verdict.reject(DvsRejection.UNKNOWN_ISSUE, "id " + issueId), null);
    }
    if (!issue.get().deliberative() || !phases.contains(issue.get().phase())) {
      return new Checked(Verdict.reject(DvsRejection.WRONG_PHASE, "issue is "
          + issue.get().phase() + (issue.get().deliberative() ? "" : " (a poll)")), null);
    }
    return new Checked(Verdict.OK, issue.get());
  }

  Verdict addInitiative(TxContext ctx, Transaction tx, DvsAddInitiative m) {
    DvsStore dvs = DvsStore.of(ctx);
    Checked checked = deliberative(dvs, m.issueId(), List.of(Phase.ADMISSION, Phase.DISCUSSION));
    if (!checked.verdict().ok()) return checked.verdict();
    Issue issue = checked.issue();
    Community c = dvs.community(issue.communityId()).orElseThrow();
    Verdict v = DvsDelegationHandlers.delegator(dvs, c, tx.sender());
    if (!v.ok()) return v;
    if (issue.options().size() >= DvsMessages.MAX_OPTIONS) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "at most " + DvsMessages.MAX_OPTIONS
          + " initiatives");
    }
    List<String> options = new ArrayList<>(issue.options());
    options.add(m.title());
    dvs.put(issue.withOptions(options, new boolean[options.size()]));
    return Verdict.OK;
  }

  Verdict support(TxContext ctx, Transaction tx, DvsSupport m) {
    DvsStore dvs = DvsStore.of(ctx);
    Checked checked = deliberative(dvs, m.issueId(),
        List.of(Phase.ADMISSION, Phase.DISCUSSION, Phase.VERIFICATION));
    if (!checked.verdict().ok()) return checked.verdict();
    Issue issue = checked.issue();
    Community c = dvs.community(issue.communityId()).orElseThrow();
    Verdict v = DvsModule.stamp(tx, c);
    if (v.ok()) v = DvsDelegationHandlers.delegator(dvs, c, tx.sender());
    if (!v.ok()) return v;
    if (m.initiative() < 0 || m.initiative() >= issue.options().size()) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "no initiative " + m.initiative());
    }
    dvs.setSupport(m.issueId(), m.initiative(), tx.sender(), m.support());
    return Verdict.OK;
  }

}
