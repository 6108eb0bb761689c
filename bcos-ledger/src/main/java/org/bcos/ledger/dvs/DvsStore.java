package org.bcos.ledger.dvs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** Typed access to DVS state over the block's working state (reads see this block's writes). */
public final class DvsStore implements DvsApi {
  private static final byte[] EMPTY = new byte[0];
  private final WorkingState state;
  private Boolean indexed;

  /** The DVS state of the block {@code ctx} executes in. */
  public static DvsStore of(org.bcos.ledger.spi.TxContext ctx) {
    return new DvsStore(ctx.state());
  }

  public DvsStore(WorkingState state) {
    this.state = state;
  }

  /** The last value a named counter gave ("issue": the newest issue's id), 0 if none yet. */
  public long last(String counter) {
    byte[] raw = state.get(DvsSchema.COUNTERS, counter.getBytes(StandardCharsets.US_ASCII));
    return raw == null ? 0 : new Decoder(raw).u64();
  }

  /** Next value of a named counter, starting at 1. */
  long next(String counter) {
    byte[] key = counter.getBytes(StandardCharsets.US_ASCII);
    byte[] raw = state.get(DvsSchema.COUNTERS, key);
    long n = raw == null ? 1 : new Decoder(raw).u64() + 1;
    state.put(DvsSchema.COUNTERS, key, new Encoder(8).u64(n).toByteArray());
    return n;
  }

  @Override
  public Optional<Community> community(long id) {
    byte[] raw = state.get(DvsSchema.COMMUNITIES, DvsSchema.id(id));
    return raw == null ? Optional.empty() : Optional.of(Community.decode(raw));
  }

  void put(Community c) {
    state.put(DvsSchema.COMMUNITIES, DvsSchema.id(c.id()), c.encode());
  }

  /** Whether {@code who} is a registrar: the founder or one the registrars added. */
  public boolean isRegistrar(Community c, Address who) {
    return c.registrar().equals(who)
        || state.get(DvsSchema.REGISTRARS, DvsSchema.idAddress(c.id(), who)) != null;
  }

  void setRegistrar(long community, Address who, boolean enabled) {
    if (enabled) {
      state.put(DvsSchema.REGISTRARS, DvsSchema.idAddress(community, who), EMPTY);
    } else {
      state.delete(DvsSchema.REGISTRARS, DvsSchema.idAddress(community, who));
    }
  }

  /** Parent of an area (the root area 0 is its own parent), or empty if it does not exist. */
  public Optional<Integer> areaParent(long community, int area) {
    byte[] raw = state.get(DvsSchema.AREAS, DvsSchema.idInt(community, area));
    return raw == null ? Optional.empty() : Optional.of((int) new Decoder(raw).u32());
  }

  void putArea(long community, int area, int parent, String name) {
    state.put(DvsSchema.AREAS, DvsSchema.idInt(community, area),
        new Encoder(80).u32(parent).string(name).toByteArray());
  }

  /** The area and its ancestors up to the root area 0, most specific first. */
  public List<Integer> areaPath(long community, int area) {
    List<Integer> path = new ArrayList<>();
    int current = area;
    for (int guard = 0; guard < 10_000; guard++) {
      path.add(current);
      if (current == 0) return path;
      current = areaParent(community, current).orElse(0);
    }
    throw new IllegalStateException("area tree deeper than 10000");
  }

  @Override
  public Optional<Member> member(long community, Address who) {
    byte[] raw = state.get(DvsSchema.MEMBERS, DvsSchema.idAddress(community, who));
    return raw == null ? Optional.empty() : Optional.of(Member.decode(raw));
  }

  void putMember(long community, Address who, Member m) {
    state.put(DvsSchema.MEMBERS, DvsSchema.idAddress(community, who), m.encode());
  }

  void removeMember(long community, Address who) {
    state.delete(DvsSchema.MEMBERS, DvsSchema.idAddress(community, who));
  }

  /** Visits the members of a community in address order. */
  public void forEachMember(long community, java.util.function.BiConsumer<Address, Member> v) {
    state.forEach(DvsSchema.MEMBERS, DvsSchema.id(community), (k, val) ->
        v.accept(Address.wrap(java.util.Arrays.copyOfRange(k, 8, 40)), Member.decode(val)));
  }

  static byte[] delegationKey(long community, Address from, DvsMessages.Scope scope, long id) {
    return new Encoder(56).u64(community).address(from).u8(scope.ordinal()).u64(id)
        .toByteArray();
  }

  public Optional<Address> delegate(long community, Address from, DvsMessages.Scope scope,
      long scopeId) {
    byte[] raw = state.get(DvsSchema.DELEGATIONS, delegationKey(community, from, scope, scopeId));
    return raw == null ? Optional.empty() : Optional.of(Address.wrap(raw));
  }

  /**
   * Gives (or replaces: a redelegation) the delegation at one scope; from version 6 the index by
   * delegate follows, the old delegate's entry removed.
   */
  void putDelegation(long community, Address from, DvsMessages.Scope scope, long id, Address to) {
    if (indexed()) {
      delegate(community, from, scope, id).ifPresent(old ->
          state.delete(DvsSchema.DELEGATIONS_BY_DELEGATE, byDelegateKey(community, old, from,
              scope, id)));
      state.put(DvsSchema.DELEGATIONS_BY_DELEGATE, byDelegateKey(community, to, from, scope, id),
          EMPTY);
    }
    state.put(DvsSchema.DELEGATIONS, delegationKey(community, from, scope, id), to.toBytes());
  }

  void removeDelegation(long community, Address from, DvsMessages.Scope scope, long id) {
    if (indexed()) {
      delegate(community, from, scope, id).ifPresent(old ->
          state.delete(DvsSchema.DELEGATIONS_BY_DELEGATE, byDelegateKey(community, old, from,
              scope, id)));
    }
    state.delete(DvsSchema.DELEGATIONS, delegationKey(community, from, scope, id));
  }

  /** The key of one delegation in {@link DvsSchema#DELEGATIONS_BY_DELEGATE}. */
  static byte[] byDelegateKey(long community, Address to, Address from, DvsMessages.Scope scope,
      long id) {
    return new Encoder(88).u64(community).address(to).address(from).u8(scope.ordinal()).u64(id)
        .toByteArray();
  }

  /**
   * Whether this state keeps the version-6 indexes (written from the first block of version 6
   * on, or from genesis on a chain that starts there): the marker {@link DvsIndexes} writes.
   */
  public boolean indexed() {
    if (indexed == null) indexed = DvsIndexes.since(state).isPresent();
    return indexed;
  }

  /** A community's number of issues, from the index (version 6 on). */
  public long issueCount(long community) {
    byte[] raw = state.get(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(community, 0));
    return raw == null ? 0 : new Decoder(raw).u64();
  }

  /** The id of a community's n-th issue (1 = its first), from the index (version 6 on). */
  public long issueOf(long community, long n) {
    byte[] raw = state.get(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(community, n));
    if (raw == null) {
      throw new IllegalStateException("community " + community + " has no issue number " + n);
    }
    return new Decoder(raw).u64();
  }

  /** Stores a new issue and, from version 6, appends it to its community's index. */
  void create(Issue issue) {
    put(issue);
    if (indexed()) appendIssue(issue.communityId(), issue.id());
  }

  void appendIssue(long community, long issue) {
    long n = issueCount(community) + 1;
    state.put(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(community, n),
        new Encoder(8).u64(issue).toByteArray());
    state.put(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(community, 0),
        new Encoder(8).u64(n).toByteArray());
  }

  /** A stored delegation. */
  public record Delegation(Address from, DvsMessages.Scope scope, long scopeId, Address to) {
    /** A delegation from its stored key (community | from | scope | scope id) and value. */
    public static Delegation decode(byte[] key, byte[] value) {
      Decoder d = new Decoder(key);
      d.u64();
      Address from = d.address();
      DvsMessages.Scope scope = DvsMessages.Scope.values()[d.u8()];
      return new Delegation(from, scope, d.u64(), Address.wrap(value));
    }
  }

  /** Every delegation of a community, in key order. */
  public List<Delegation> delegations(long community) {
    return delegations(DvsSchema.DELEGATIONS, community);
  }

  /** The delegations an issue was counted with at its close. */
  public List<Delegation> frozenDelegations(long issue) {
    return delegations(DvsSchema.FROZEN_DELEGATIONS, issue);
  }

  void freeze(long issue, List<Delegation> delegations) {
    for (Delegation d : delegations) {
      state.put(DvsSchema.FROZEN_DELEGATIONS, delegationKey(issue, d.from(), d.scope(),
          d.scopeId()), d.to().toBytes());
    }
  }

  void putDefaultDelegation(long issue, Address from, Address to) {
    state.put(DvsSchema.DEFAULT_DELEGATIONS, DvsSchema.idAddress(issue, from), to.toBytes());
  }

  /**
   * The default delegations fixed when a stake-electorate issue opened, as community-scope
   * delegations (what they become unless the bonder gave one of its own), by bonder.
   */
  public List<Delegation> defaultDelegations(long issue) {
    List<Delegation> out = new ArrayList<>();
    state.forEach(DvsSchema.DEFAULT_DELEGATIONS, DvsSchema.id(issue), (k, v) -> out.add(
        new Delegation(Address.wrap(java.util.Arrays.copyOfRange(k, 8, 40)),
            DvsMessages.Scope.COMMUNITY, 0, Address.wrap(v))));
    return out;
  }

  private List<Delegation> delegations(org.bcos.storage.Column column, long id) {
    List<Delegation> out = new ArrayList<>();
    state.forEach(column, DvsSchema.id(id), (k, v) -> out.add(Delegation.decode(k, v)));
    return out;
  }

  @Override
  public Optional<Issue> issue(long id) {
    byte[] raw = state.get(DvsSchema.ISSUES, DvsSchema.id(id));
    return raw == null ? Optional.empty() : Optional.of(Issue.decode(raw));
  }

  void put(Issue issue) {
    state.put(DvsSchema.ISSUES, DvsSchema.id(issue.id()), issue.encode());
  }

  static byte[] supportKey(long issue, int initiative, Address who) {
    return new Encoder(48).u64(issue).u32(initiative).address(who).toByteArray();
  }

  void setSupport(long issue, int initiative, Address who, boolean support) {
    if (support) {
      state.put(DvsSchema.SUPPORT, supportKey(issue, initiative, who), EMPTY);
    } else {
      state.delete(DvsSchema.SUPPORT, supportKey(issue, initiative, who));
    }
  }

  /** Whether {@code who} supports initiative {@code initiative} of {@code issue}. */
  public boolean supports(long issue, int initiative, Address who) {
    return state.get(DvsSchema.SUPPORT, supportKey(issue, initiative, who)) != null;
  }

  /** Supporters of one initiative, in address order. */
  public List<Address> supporters(long issue, int initiative) {
    List<Address> out = new ArrayList<>();
    state.forEach(DvsSchema.SUPPORT, DvsSchema.idInt(issue, initiative),
        (k, v) -> out.add(Address.wrap(java.util.Arrays.copyOfRange(k, 12, 44))));
    return out;
  }

  void putBallot(long issue, Address voter, List<DvsBallotPart> parts) {
    state.put(DvsSchema.BALLOTS, DvsSchema.idAddress(issue, voter), DvsBallotPart.encodeParts(new Encoder(64), parts).toByteArray());
  }

  /** The ballot {@code voter} cast on {@code issue}, if any. */
  public Optional<List<DvsBallotPart>> ballot(long issue, Address voter) {
    byte[] raw = state.get(DvsSchema.BALLOTS, DvsSchema.idAddress(issue, voter));
    return raw == null ? Optional.empty() : Optional.of(decodeBallot(raw));
  }

  /** Every ballot of an issue, in voter address order. */
  @Override
  public void forEachBallot(long issue,
      java.util.function.BiConsumer<Address, List<DvsBallotPart>> v) {
    state.forEach(DvsSchema.BALLOTS, DvsSchema.id(issue), (k, val) ->
        v.accept(Address.wrap(java.util.Arrays.copyOfRange(k, 8, 40)), decodeBallot(val)));
  }

  private static List<DvsBallotPart> decodeBallot(byte[] raw) {
    Decoder d = new Decoder(raw);
    List<DvsBallotPart> parts = DvsBallotPart.decodeParts(d);
    d.finish();
    return parts;
  }

  void putSnapshot(long issue, Address who, Member m) {
    state.put(DvsSchema.SNAPSHOTS, DvsSchema.idAddress(issue, who), m.encode());
  }

  public Optional<Member> snapshot(long issue, Address who) {
    byte[] raw = state.get(DvsSchema.SNAPSHOTS, DvsSchema.idAddress(issue, who));
    return raw == null ? Optional.empty() : Optional.of(Member.decode(raw));
  }

  /** The electorate fixed when voting opened, in address order. */
  public void forEachSnapshot(long issue, java.util.function.BiConsumer<Address, Member> v) {
    state.forEach(DvsSchema.SNAPSHOTS, DvsSchema.id(issue), (k, val) ->
        v.accept(Address.wrap(java.util.Arrays.copyOfRange(k, 8, 40)), Member.decode(val)));
  }

  void putResult(long issue, byte[] result) {
    state.put(DvsSchema.RESULTS, DvsSchema.id(issue), result);
  }

  @Override
  public Optional<IssueTally> storedResult(long issue) {
    return result(issue).map(IssueTally::decode);
  }

  @Override
  public Optional<IssueTally> count(long issueId, long height, boolean isFinal) {
    return issue(issueId).map(i -> DvsCounting.count(this, i, height, isFinal));
  }

  public Optional<byte[]> result(long issue) {
    return Optional.ofNullable(state.get(DvsSchema.RESULTS, DvsSchema.id(issue)));
  }

  static byte[] scheduleKey(long height, long issue) {
    return new Encoder(16).u64(height).u64(issue).toByteArray();
  }

  void schedule(long height, long issue) {
    state.put(DvsSchema.SCHEDULE, scheduleKey(height, issue), EMPTY);
  }

  void unschedule(long height, long issue) {
    state.delete(DvsSchema.SCHEDULE, scheduleKey(height, issue));
  }

  /** Issues whose phase ends at {@code height}, in id order. */
  List<Long> dueAt(long height) {
    List<Long> out = new ArrayList<>();
    state.forEach(DvsSchema.SCHEDULE, DvsSchema.id(height),
        (k, v) -> out.add(new Decoder(java.util.Arrays.copyOfRange(k, 8, 16)).u64()));
    return out;
  }
}
