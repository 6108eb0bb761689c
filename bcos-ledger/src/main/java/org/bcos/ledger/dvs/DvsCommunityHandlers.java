package org.bcos.ledger.dvs;

import java.util.Optional;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRejection;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSetRegistrar;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.tx.Transaction;

/** Handlers of the community messages: create, add area, set member, attest. */
final class DvsCommunityHandlers {
  /** Limits per community. */
  static final int MAX_AREAS = 10_000;
  static final long MAX_MEMBER_WEIGHT = 1_000_000_000_000_000L;
  static final String REGION = "region";

  /** The community's keyless treasury account. */
  static Address treasury(long communityId) {
    return Address.wrap(Digests.domain("BCOS/dvs-treasury/v1", DvsSchema.id(communityId))
        .toBytes());
  }

  Verdict create(TxContext ctx, Transaction tx, DvsCreateCommunity m) {
    if (m.params().electorate() == DvsParams.STAKE) {
      return Verdict.reject(DvsRejection.GOVERNED_COMMUNITY, "a stake electorate is the chain "
          + "community's alone");
    }
    DvsStore dvs = DvsStore.of(ctx);
    long id = dvs.next("community");
    dvs.put(new Community(id, m.name(), tx.sender(), m.params(), 1, 0, 0, treasury(id),
        ctx.height()));
    dvs.putArea(id, 0, 0, "root");
    return Verdict.OK;
  }

  /** A check's verdict and, when it passed, the community it found. */
  record Checked(Verdict verdict, Community community) {
    static Checked failed(Verdict v) {
      return new Checked(v, null);
    }
  }

  /** The community, if it exists and the sender is one of its registrars. */
  static Checked registrar(DvsStore dvs, long communityId, Address sender) {
    Optional<Community> c = dvs.community(communityId);
    if (c.isEmpty()) {
      return Checked.failed(Verdict.reject(DvsRejection.UNKNOWN_COMMUNITY, "id " + communityId));
    }
    if (!dvs.isRegistrar(c.get(), sender)) {
      return Checked.failed(Verdict.reject(DvsRejection.NOT_REGISTRAR, "founding registrar is "
          + c.get().registrar()));
    }
    return new Checked(Verdict.OK, c.get());
  }

  Verdict setRegistrar(TxContext ctx, Transaction tx, DvsSetRegistrar m) {
    Checked checked = registrar(DvsStore.of(ctx), m.communityId(), tx.sender());
    if (!checked.verdict().ok()) return checked.verdict();
    Community c = checked.community();
    if (m.registrar().equals(c.registrar())) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "the founding registrar stays");
    }
    DvsStore.of(ctx).setRegistrar(m.communityId(), m.registrar(), m.enabled());
    return Verdict.OK;
  }

  Verdict addArea(TxContext ctx, Transaction tx, DvsAddArea m) {
    Checked checked = registrar(DvsStore.of(ctx), m.communityId(), tx.sender());
    if (!checked.verdict().ok()) return checked.verdict();
    Community c = checked.community();
    if (DvsStore.of(ctx).areaParent(m.communityId(), m.parentArea()).isEmpty()) {
      return Verdict.reject(DvsRejection.UNKNOWN_AREA, "parent area " + m.parentArea());
    }
    if (c.areaCount() >= MAX_AREAS) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "at most " + MAX_AREAS + " areas");
    }
    int area = c.areaCount();
    DvsStore.of(ctx).putArea(m.communityId(), area, m.parentArea(), m.name());
    DvsStore.of(ctx).put(c.withAreaCount(area + 1));
    return Verdict.OK;
  }

  Verdict setMember(TxContext ctx, Transaction tx, DvsSetMember m) {
    Checked checked = registrar(DvsStore.of(ctx), m.communityId(), tx.sender());
    if (!checked.verdict().ok()) return checked.verdict();
    Community c = checked.community();
    int electorate = c.params().electorate();
    if (m.weight() > MAX_MEMBER_WEIGHT
        || (electorate != DvsParams.WEIGHTED && m.weight() > 1)) {
      return Verdict.reject(DvsRejection.INVALID_WEIGHT, electorate == DvsParams.WEIGHTED
          ? "at most " + MAX_MEMBER_WEIGHT : "members and open electorates use weight 1 (0 removes)");
    }
    Optional<Member> old = DvsStore.of(ctx).member(m.communityId(), m.member());
    if (m.weight() == 0 && old.isEmpty()) {
      return Verdict.reject(DvsRejection.NOT_A_MEMBER, m.member().toString());
    }
    long count = c.memberCount() + (old.isEmpty() ? 1 : 0) - (m.weight() == 0 ? 1 : 0);
    long weight = Math.addExact(c.totalWeight() - old.map(Member::weight).orElse(0L),
        m.weight());
    if (m.weight() == 0) {
      DvsStore.of(ctx).removeMember(m.communityId(), m.member());
    } else {
      Member kept = old.orElse(new Member(0, "", false));
      DvsStore.of(ctx).putMember(m.communityId(), m.member(),
          new Member(m.weight(), kept.region(), kept.refusesDelegations()));
    }
    DvsStore.of(ctx).put(c.withMembers(count, weight));
    return Verdict.OK;
  }

  Verdict attest(TxContext ctx, Transaction tx, DvsAttest m) {
    Checked checked = registrar(DvsStore.of(ctx), m.communityId(), tx.sender());
    if (!checked.verdict().ok()) return checked.verdict();
    Community c = checked.community();
    if (!m.attribute().equals(REGION)) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT, "the attestable attribute is 'region'");
    }
    Optional<Member> member = DvsStore.of(ctx).member(m.communityId(), m.member());
    if (member.isEmpty()) return Verdict.reject(DvsRejection.NOT_A_MEMBER, m.member().toString());
    Member old = member.get();
    DvsStore.of(ctx).putMember(m.communityId(), m.member(),
        new Member(old.weight(), m.value(), old.refusesDelegations()));
    return Verdict.OK;
  }
}
