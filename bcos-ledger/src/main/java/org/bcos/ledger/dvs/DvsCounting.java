package org.bcos.ledger.dvs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.bcos.ledger.block.TxRoot;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.dvs.delegation.DelegationCounter;
import org.bcos.ledger.dvs.delegation.DelegationResolver;
import org.bcos.ledger.dvs.delegation.DelegationResult;
import org.bcos.ledger.dvs.delegation.DelegationTable;
import org.bcos.ledger.dvs.delegation.WeightSnapshot;
import org.bcos.ledger.dvs.tally.BallotContent;
import org.bcos.ledger.dvs.tally.WeightedBallot;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/**
 * Counts an issue from state: the electorate fixed when voting opened, the ballots, and the
 * delegations as they stand (the most specific scope wins), through the delegation engine and the
 * issue's ballot method. The same code gives the live tally, the final result stored at close,
 * and (client side) the recount.
 */
public final class DvsCounting {
  private DvsCounting() {}

  /** Who may carry weight in this count, in address order. */
  private record Electorate(List<Address> members, long[] weights, String[] regions,
      boolean[] refuses, TreeMap<Address, Integer> index) {}

  /**
   * Freezes what the close counted: the delegations, and each electorate member's current region
   * and refusal into the issue's snapshot (open electorates: everyone who took part).
   */
  static void freeze(DvsStore dvs, Issue issue) {
    Community c = dvs.community(issue.communityId()).orElseThrow();
    TreeMap<Address, List<DvsBallotPart>> ballots = new TreeMap<>();
    dvs.forEachBallot(issue.id(), ballots::put);
    List<DvsStore.Delegation> delegations = liveDelegations(dvs, c, issue);
    Electorate e = electorate(dvs, c, issue, ballots, delegations, false);
    for (int i = 0; i < e.members().size(); i++) {
      dvs.putSnapshot(issue.id(), e.members().get(i),
          new Member(e.weights()[i], e.regions()[i], e.refuses()[i]));
    }
    dvs.freeze(issue.id(), delegations);
  }

  /**
   * Counts {@code issue}. A closed issue is counted from what was frozen at its close (its
   * electorate with refusals, and its delegations), so a recount later gives the same result.
   */
  public static IssueTally count(DvsStore dvs, Issue issue, long height, boolean isFinal) {
    return countWithMethod(dvs, issue, height, isFinal).tally();
  }

  /**
   * {@link #count} together with the ballot method's own count its winners were taken from (full
   * ranking, Schulze matrices, IRV rounds): one computation, so the two always agree.
   */
  public static IssueCount countWithMethod(DvsStore dvs, Issue issue, long height,
      boolean isFinal) {
    Community c = dvs.community(issue.communityId()).orElseThrow();
    boolean frozen = issue.phase() == org.bcos.ledger.dvs.api.Phase.CLOSED;
    TreeMap<Address, List<DvsBallotPart>> ballots = new TreeMap<>();
    dvs.forEachBallot(issue.id(), ballots::put);
    List<DvsStore.Delegation> delegations = frozen ? dvs.frozenDelegations(issue.id())
        : liveDelegations(dvs, c, issue);
    Electorate e = electorate(dvs, c, issue, ballots, delegations, frozen);
    int n = e.members().size();
    boolean[] voted = new boolean[n];
    boolean[] refuses = new boolean[n];
    for (int i = 0; i < n; i++) {
      voted[i] = ballots.containsKey(e.members().get(i));
      refuses[i] = e.refuses()[i];
    }
    int[] delegateOf = resolve(dvs, c, issue, delegations, e);
    DelegationResult counted = DelegationCounter.count(
        WeightSnapshot.of(issue.votingStart(), e.weights()), delegateOf, voted, refuses,
        c.params().maxChainLength());
    List<WeightedBallot> weighted = new ArrayList<>();
    int[] firstChoice = new int[n];
    for (int i = 0; i < n; i++) {
      firstChoice[i] = Integer.MIN_VALUE;
      if (!voted[i]) continue;
      firstChoice[i] = addBallots(issue, ballots.get(e.members().get(i)), e.weights()[i],
          counted.countedWeight(i), weighted);
    }
    long electorateWeight = 0;
    for (long w : e.weights()) electorateWeight = Math.addExact(electorateWeight, w);
    DvsMethodTally.Outcome outcome = DvsMethodTally.tally(issue, weighted, electorateWeight);
    DvsRegions.Breakdown breakdown = DvsRegions.breakdown(issue, e.regions(), e.weights(),
        counted, firstChoice, c.params().minCellSize());
    List<IssueTally.RegionCell> regions = breakdown.cells();
    List<Long> totals = outcome.totals().isEmpty() ? DvsRegions.firstChoiceTotals(regions,
        DvsRegions.width(issue)) : outcome.totals();
    IssueTally tally = new IssueTally(issue.id(), height, isFinal, outcome.outcome(), totals,
        outcome.winners(), electorateWeight, outcome.countedWeight(), ballots.size(),
        outcome.quorumMet(), ballotsRoot(ballots), regions,
        c.params().electorate() == DvsParams.OPEN, "");
    return new IssueCount(tally, DvsMethodTally.candidates(issue), outcome.count(),
        breakdown.rolls(), breakdown.silent());
  }

  /**
   * Support of an initiative counting delegated weight (communities with {@code
   * delegationInSupport}): the current roll, the supporters as if they had voted, delegations as
   * they stand.
   */
  static long supportWithDelegation(DvsStore dvs, Community c, Issue issue,
      List<Address> supporters) {
    TreeMap<Address, List<DvsBallotPart>> asVoters = new TreeMap<>();
    for (Address a : supporters) asVoters.put(a, List.of());
    TreeMap<Address, Member> roll = new TreeMap<>();
    dvs.forEachMember(c.id(), roll::put);
    List<DvsStore.Delegation> delegations = dvs.delegations(c.id());
    if (c.params().electorate() == DvsParams.OPEN) {
      for (Address a : supporters) roll.putIfAbsent(a, openMember(dvs, c, a));
      for (DvsStore.Delegation d : delegations) {
        roll.putIfAbsent(d.from(), openMember(dvs, c, d.from()));
        roll.putIfAbsent(d.to(), openMember(dvs, c, d.to()));
      }
    }
    Electorate e = fromRoll(dvs, c, roll, false);
    boolean[] supported = new boolean[e.members().size()];
    for (int i = 0; i < supported.length; i++) {
      supported[i] = asVoters.containsKey(e.members().get(i));
    }
    int[] delegateOf = resolve(dvs, c, issue, delegations, e);
    return DelegationCounter.count(WeightSnapshot.of(0, e.weights()), delegateOf, supported,
        e.refuses(), c.params().maxChainLength()).totalCounted();
  }

  /**
   * The community's delegations as they stand, plus, in a stake electorate, the issue's default
   * delegations of bonders who gave no community-wide delegation of their own (a more specific
   * one wins anyway): a bonder's weight follows its validator unless it says otherwise. Freezing
   * this list at the close makes a recount see the defaults as ordinary delegations.
   */
  static List<DvsStore.Delegation> liveDelegations(DvsStore dvs, Community c, Issue issue) {
    List<DvsStore.Delegation> own = dvs.delegations(c.id());
    if (c.params().electorate() != DvsParams.STAKE) return own;
    java.util.TreeSet<Address> chose = new java.util.TreeSet<>();
    for (DvsStore.Delegation d : own) {
      if (d.scope() == DvsMessages.Scope.COMMUNITY) chose.add(d.from());
    }
    List<DvsStore.Delegation> out = new ArrayList<>(own);
    for (DvsStore.Delegation d : dvs.defaultDelegations(issue.id())) {
      if (!chose.contains(d.from())) out.add(d);
    }
    return out;
  }

  private static Electorate electorate(DvsStore dvs, Community c, Issue issue,
      TreeMap<Address, List<DvsBallotPart>> ballots, List<DvsStore.Delegation> delegations,
      boolean frozen) {
    TreeMap<Address, Member> roll = new TreeMap<>();
    if (c.params().electorate() == DvsParams.OPEN && !frozen) {
      for (Address voter : ballots.keySet()) roll.put(voter, openMember(dvs, c, voter));
      for (DvsStore.Delegation d : delegations) {
        roll.putIfAbsent(d.from(), openMember(dvs, c, d.from()));
        roll.putIfAbsent(d.to(), openMember(dvs, c, d.to()));
      }
    } else {
      dvs.forEachSnapshot(issue.id(), roll::put);
    }
    return fromRoll(dvs, c, roll, frozen);
  }

  private static Electorate fromRoll(DvsStore dvs, Community c, TreeMap<Address, Member> roll,
      boolean frozen) {
    List<Address> members = new ArrayList<>(roll.keySet());
    long[] weights = new long[members.size()];
    String[] regions = new String[members.size()];
    boolean[] refuses = new boolean[members.size()];
    TreeMap<Address, Integer> index = new TreeMap<>();
    for (int i = 0; i < members.size(); i++) {
      Address who = members.get(i);
      Member m = roll.get(who);
      weights[i] = m.weight();
      // live counts use the member's current region and refusal; closed ones the frozen copy
      Member now = frozen ? m : dvs.member(c.id(), who).orElse(m);
      regions[i] = now.region();
      refuses[i] = now.refusesDelegations();
      index.put(who, i);
    }
    return new Electorate(members, weights, regions, refuses, index);
  }

  private static Member openMember(DvsStore dvs, Community c, Address who) {
    return new Member(1, dvs.member(c.id(), who).map(Member::region).orElse(""), false);
  }

  private static int[] resolve(DvsStore dvs, Community c, Issue issue,
      List<DvsStore.Delegation> delegations, Electorate e) {
    List<Integer> path = dvs.areaPath(c.id(), issue.areaId());
    List<List<int[]>> areaEdges = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) areaEdges.add(new ArrayList<>());
    List<int[]> community = new ArrayList<>();
    List<int[]> issueEdges = new ArrayList<>();
    for (DvsStore.Delegation d : delegations) {
      Integer from = e.index().get(d.from());
      Integer to = e.index().get(d.to());
      if (from == null || to == null) continue;
      int[] edge = {from, to};
      switch (d.scope()) {
        case COMMUNITY -> community.add(edge);
        case AREA -> {
          int at = path.indexOf((int) d.scopeId());
          if (at >= 0) areaEdges.get(at).add(edge);
        }
        case ISSUE -> {
          if (d.scopeId() == issue.id()) issueEdges.add(edge);
        }
      }
    }
    List<DelegationTable> areaTables = areaEdges.stream().map(DvsCounting::table).toList();
    return DelegationResolver.resolve(e.members().size(), table(community), areaTables,
        table(issueEdges));
  }

  private static DelegationTable table(List<int[]> edges) {
    int[] from = new int[edges.size()];
    int[] to = new int[edges.size()];
    for (int i = 0; i < edges.size(); i++) {
      from[i] = edges.get(i)[0];
      to[i] = edges.get(i)[1];
    }
    return DelegationTable.of(from, to);
  }

  /**
   * Adds a voter's ballot parts carrying {@code counted} weight (own plus delegated); split parts
   * share it in proportion to their own weights, remainders to the first part. Returns the first
   * part's first choice (issue option index, -1 = status quo) for the regional breakdown.
   */
  private static int addBallots(Issue issue, List<DvsBallotPart> parts, long own, long counted,
      List<WeightedBallot> out) {
    long given = 0;
    int first = Integer.MIN_VALUE;
    for (int k = 0; k < parts.size(); k++) {
      DvsBallotPart part = parts.get(k);
      Optional<BallotContent> content = DvsBallots.content(issue, part, new StringBuilder());
      if (content.isEmpty()) continue;
      long share = parts.size() == 1 || own == 0 ? counted : BigInteger.valueOf(counted)
          .multiply(BigInteger.valueOf(part.weight())).divide(BigInteger.valueOf(own))
          .longValueExact();
      if (k == parts.size() - 1 && parts.size() > 1) share = counted - given;
      given += share;
      if (share > 0) out.add(new WeightedBallot(share, content.get()));
      if (k == 0) first = DvsRegions.firstChoice(issue, content.get());
    }
    return first;
  }

  /** Merkle root over H(voter || ballot encoding) in voter order. */
  static Hash ballotsRoot(TreeMap<Address, List<DvsBallotPart>> ballots) {
    List<Hash> leaves = new ArrayList<>(ballots.size());
    ballots.forEach((voter, parts) -> leaves.add(ballotLeaf(voter, parts)));
    return TxRoot.of(leaves);
  }

  static Hash ballotLeaf(Address voter, List<DvsBallotPart> parts) {
    return DvsBallotPart.ballotLeaf(voter, parts);
  }
}
