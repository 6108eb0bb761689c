package org.bcos.ledger.dvs;

import java.util.Optional;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRefuseDelegations;
import org.bcos.ledger.dvs.api.DvsRejection;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.Address;
import org.bcos.types.tx.Transaction;

/** Handlers of delegate, undelegate and refuse-incoming-delegations. */
final class DvsDelegationHandlers {

  Verdict delegate(TxContext ctx, Transaction tx, DvsDelegate m) {
    DvsStore dvs = DvsStore.of(ctx);
    Optional<Community> c = dvs.community(m.communityId());
    if (c.isEmpty()) return Verdict.reject(DvsRejection.UNKNOWN_COMMUNITY, "id " + m.communityId());
    Verdict v = DvsModule.stamp(tx, c.get());
    if (v.ok()) v = scopeExists(dvs, c.get(), m.scope(), m.scopeId());
    if (v.ok()) v = delegator(dvs, c.get(), tx.sender());
    if (!v.ok()) return v;
    if (m.delegate().equals(tx.sender())) return Verdict.reject(DvsRejection.SELF_DELEGATION, "");
    boolean open = anyoneTakesPart(c.get());
    Optional<Member> target = dvs.member(m.communityId(), m.delegate());
    if (target.isEmpty() && !open) {
      return Verdict.reject(DvsRejection.DELEGATE_NOT_MEMBER, m.delegate().toString());
    }
    if (target.isPresent() && target.get().refusesDelegations()) {
      return Verdict.reject(DvsRejection.DELEGATE_REFUSES, m.delegate().toString());
    }
    int hops = 1 + forwardChain(dvs, m, tx.sender(), c.get().params().maxChainLength());
    if (hops > c.get().params().maxChainLength()) {
      return Verdict.reject(DvsRejection.CHAIN_TOO_LONG,
          "chain of " + hops + ", limit " + c.get().params().maxChainLength());
    }
    dvs.putDelegation(m.communityId(), tx.sender(), m.scope(), m.scopeId(), m.delegate());
    return Verdict.OK;
  }

  /**
   * Distinct members after the delegate at the same scope, until a member without a delegation, a
   * member who refuses incoming delegations (weight stops there), a member already seen or the
   * sender (a cycle, allowed: its weight simply does not count), or past the limit. The same rule
   * as {@link org.bcos.ledger.dvs.delegation.DelegationValidator}.
   */
  private static int forwardChain(DvsStore dvs, DvsDelegate m, Address sender, int limit) {
    java.util.TreeSet<Address> seen = new java.util.TreeSet<>();
    seen.add(sender);
    Address at = m.delegate();
    seen.add(at);
    int hops = 0;
    while (hops <= limit) {
      Optional<Address> next = dvs.delegate(m.communityId(), at, m.scope(), m.scopeId());
      if (next.isEmpty() || !seen.add(next.get())) return hops;
      boolean refuses = dvs.member(m.communityId(), next.get())
          .map(Member::refusesDelegations).orElse(false);
      if (refuses) return hops;
      at = next.get();
      hops++;
    }
    return hops;
  }

  static Verdict scopeExists(DvsStore dvs, Community c, Scope scope, long scopeId) {
    return switch (scope) {
      case COMMUNITY -> scopeId == 0 ? Verdict.OK
          : Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "community scope takes id 0");
      case AREA -> scopeId >= 0 && scopeId < c.areaCount() ? Verdict.OK
          : Verdict.reject(DvsRejection.UNKNOWN_AREA, "area " + scopeId);
      case ISSUE -> {
        Optional<Issue> issue = dvs.issue(scopeId);
        yield issue.isPresent() && issue.get().communityId() == c.id() ? Verdict.OK
            : Verdict.reject(DvsRejection.UNKNOWN_ISSUE, "issue " + scopeId + " in community "
                + c.id());
      }
    };
  }

  /**
   * Whether any account may delegate and be delegated to: open communities, and the chain
   * community (stake electorate: who holds stake is known only when an issue opens, and a bonder
   * may hand its weight to anyone).
   */
  static boolean anyoneTakesPart(Community c) {
    return c.params().electorate() == DvsParams.OPEN || c.params().electorate() == DvsParams.STAKE;
  }

  /** Members (or, in open and stake communities, anyone) may delegate. */
  static Verdict delegator(DvsStore dvs, Community c, Address sender) {
    if (anyoneTakesPart(c)) return Verdict.OK;
    return dvs.member(c.id(), sender).isPresent() ? Verdict.OK
        : Verdict.reject(DvsRejection.NOT_A_MEMBER, sender.toString());
  }

  Verdict undelegate(TxContext ctx, Transaction tx, DvsUndelegate m) {
    DvsStore dvs = DvsStore.of(ctx);
    Optional<Community> c = dvs.community(m.communityId());
    if (c.isEmpty()) return Verdict.reject(DvsRejection.UNKNOWN_COMMUNITY, "id " + m.communityId());
    Verdict v = DvsModule.stamp(tx, c.get());
    if (!v.ok()) return v;
    if (dvs.delegate(m.communityId(), tx.sender(), m.scope(), m.scopeId()).isEmpty()) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "no delegation at that scope");
    }
    dvs.removeDelegation(m.communityId(), tx.sender(), m.scope(), m.scopeId());
    return Verdict.OK;
  }

  Verdict refuse(TxContext ctx, Transaction tx, DvsRefuseDelegations m) {
    DvsStore dvs = DvsStore.of(ctx);
    if (dvs.community(m.communityId()).isEmpty()) {
      return Verdict.reject(DvsRejection.UNKNOWN_COMMUNITY, "id " + m.communityId());
    }
    Optional<Member> member = dvs.member(m.communityId(), tx.sender());
    if (member.isEmpty()) return Verdict.reject(DvsRejection.NOT_A_MEMBER, tx.sender().toString());
    Member old = member.get();
    dvs.putMember(m.communityId(), tx.sender(), new Member(old.weight(), old.region(),
        m.refuse()));
    return Verdict.OK;
  }
}
