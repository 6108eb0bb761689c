package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.TxRoot;
import org.bcos.ledger.dvs.DvsCounting;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.storage.Column;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.Encoder;
import org.bcos.ledger.dvs.api.DvsBallotPart;

/** The {@code dvs_*} JSON-RPC methods (docs/RPC.md, docs/DVS.md). */
final class DvsRpcMethods {
  /** Limit on raw state entries one recount call returns per column (and on any scan). */
  static final int MAX_RAW_ENTRIES = 2_000_000;
  /** Live tallies cached per (issue, height): a tally costs O(ballots), blocks come each second. */
  private static final int TALLY_CACHE_ENTRIES = 64;
  private final Ledger ledger;
  private final java.util.Map<String, ObjectNode> tallies = new java.util.LinkedHashMap<>(16, 0.75f,
      true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, ObjectNode> eldest) {
      return size() > TALLY_CACHE_ENTRIES;
    }
  };

  DvsRpcMethods(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Runs one {@code dvs_*} call, charging {@code budget} for what it scans. */
  JsonNode call(String method, Params params, WorkBudget budget) {
    return switch (method) {
      case "dvs_getCommunity" -> community(params.atMost(1));
      case "dvs_getIssue" -> DvsJson.issue(issue(ledger.dvsView(),
          params.atMost(1).uint(0, "issue id")));
      case "dvs_getMember" -> member(params.atMost(2), budget);
      case "dvs_tally" -> tally(params.atMost(1), budget);
      case "dvs_result" -> result(params.atMost(1));
      case "dvs_proof" -> proof(params.atMost(2), budget);
      case "dvs_rawIssueData" -> raw(params.atMost(1), budget);
      case "dvs_createdBy" -> createdBy(params.atMost(2), budget);
      default -> throw new RpcException(RpcException.METHOD_NOT_FOUND, "METHOD_NOT_FOUND",
          "no method named '" + method + "'");
    };
  }

  private ObjectNode community(Params params) {
    long id = params.uint(0, "community id");
    Community c = ledger.dvsView().community(id)
        .orElseThrow(() -> RpcException.notFound("no community " + id));
    long treasury = ledger.account(c.treasury()).map(a -> a.balanceUnits()).orElse(0L);
    return DvsJson.community(c, treasury);
  }

  private ObjectNode member(Params params, WorkBudget budget) {
    long community = params.uint(0, "community id");
    Address who = params.address(1, "member address");
    DvsStore dvs = ledger.dvsView();
    var m = dvs.member(community, who)
        .orElseThrow(() -> RpcException.notFound(who + " is not a member of " + community));
    ObjectNode n = JsonViews.JSON.createObjectNode().put("community", community)
        .put("address", who.toString()).put("weight", m.weight()).put("region", m.region())
        .put("refusesDelegations", m.refusesDelegations());
    ArrayNode delegations = n.putArray("delegations");
    List<DvsStore.Delegation> all = dvs.delegations(community);
    budget.charge((long) RpcCosts.STATE_ENTRY * all.size());
    for (DvsStore.Delegation d : all) {
      if (d.from().equals(who)) {
        delegations.addObject().put("scope", d.scope().name()).put("scopeId", d.scopeId())
            .put("delegate", d.to().toString());
      }
    }
    return n;
  }

  private ObjectNode tally(Params params, WorkBudget budget) {
    DvsStore dvs = ledger.dvsView();
    Issue issue = issue(dvs, params.uint(0, "issue id"));
    if (issue.phase() == Phase.CLOSED) return result(params);
    if (issue.phase() != Phase.VOTING) {
      throw new RpcException(RpcException.NOT_FOUND, "NOT_VOTING",
          "issue " + issue.id() + " is in " + issue.phase() + "; a tally exists from voting on");
    }
    long height = ledger.head().height();
    String key = issue.id() + "@" + height;
    synchronized (tallies) {
      ObjectNode cached = tallies.get(key);
      if (cached != null) return cached.deepCopy();
    }
    // a count reads every member, delegation and ballot: charged by the community's size
    long members = dvs.community(issue.communityId()).map(Community::memberCount).orElse(0L);
    budget.charge(RpcCosts.STATE_ENTRY * (3 * members + 1));
    ObjectNode tally = DvsJson.tally(DvsCounting.count(dvs, issue, height, false));
    synchronized (tallies) {
      tallies.put(key, tally.deepCopy());
    }
    return tally;
  }

  private ObjectNode result(Params params) {
    long id = params.uint(0, "issue id");
    byte[] raw = ledger.dvsView().result(id)
        .orElseThrow(() -> RpcException.notFound("issue " + id + " has no final result yet"));
    return DvsJson.tally(IssueTally.decode(raw));
  }

  /** Inclusion proof of a voter's ballot under the ballots root of the final result or tally. */
  private ObjectNode proof(Params params, WorkBudget budget) {
    DvsStore dvs = ledger.dvsView();
    Issue issue = issue(dvs, params.uint(0, "issue id"));
    Address voter = params.address(1, "voter address");
    TreeMap<Address, List<DvsBallotPart>> ballots = new TreeMap<>();
    // charged per ballot as the scan goes: an exhausted budget stops the scan itself
    dvs.forEachBallot(issue.id(), (v, parts) -> {
      budget.charge(RpcCosts.STATE_ENTRY);
      ballots.put(v, parts);
    });
    if (!ballots.containsKey(voter)) {
      throw RpcException.notFound(voter + " has no ballot on issue " + issue.id());
    }
    List<Hash> leaves = new ArrayList<>();
    ballots.forEach((v, parts) -> leaves.add(org.bcos.ledger.dvs.api.DvsBallotPart.ballotLeaf(v, parts)));
    int index = new ArrayList<>(ballots.keySet()).indexOf(voter);
    ObjectNode n = JsonViews.JSON.createObjectNode().put("issue", issue.id())
        .put("voter", voter.toString()).put("index", index).put("size", leaves.size())
        .put("leaf", leaves.get(index).toHex()).put("ballotsRoot", TxRoot.of(leaves).toHex());
    DvsJson.parts(n.putArray("parts"), ballots.get(voter));
    ArrayNode path = n.putArray("path");
    TxRoot.auditPath(leaves, index).forEach(h -> path.add(h.toHex()));
    return n;
  }

  /**
   * Communities and issues {@code creator} created in block {@code height}: how a client learns
   * the id of what its final transaction created. Scans at most {@link #MAX_RAW_ENTRIES}.
   */
  private ObjectNode createdBy(Params params, WorkBudget budget) {
    Address creator = params.address(0, "creator address");
    long height = params.uint(1, "height");
    ObjectNode n = JsonViews.JSON.createObjectNode();
    ArrayNode communities = n.putArray("communities");
    for (var e : scan(DvsSchema.COMMUNITIES, new byte[0], budget)) {
      Community c = Community.decode(e.getValue());
      if (c.registrar().equals(creator) && c.createdHeight() == height) communities.add(c.id());
    }
    ArrayNode issues = n.putArray("issues");
    for (var e : scan(DvsSchema.ISSUES, new byte[0], budget)) {
      Issue i = Issue.decode(e.getValue());
      if (i.creator().equals(creator) && i.createdHeight() == height) issues.add(i.id());
    }
    return n;
  }

  /** The raw state entries a client needs to recount the issue itself. */
  private ObjectNode raw(Params params, WorkBudget budget) {
    DvsStore dvs = ledger.dvsView();
    Issue issue = issue(dvs, params.uint(0, "issue id"));
    byte[] community = new Encoder(8).u64(issue.communityId()).toByteArray();
    byte[] issueKey = new Encoder(8).u64(issue.id()).toByteArray();
    ObjectNode n = JsonViews.JSON.createObjectNode().put("issue", issue.id())
        .put("height", ledger.head().height());
    entries(n, budget, DvsSchema.COMMUNITIES, community);
    entries(n, budget, DvsSchema.AREAS, community);
    entries(n, budget, DvsSchema.MEMBERS, community);
    entries(n, budget, DvsSchema.DELEGATIONS, community);
    entries(n, budget, DvsSchema.ISSUES, issueKey);
    entries(n, budget, DvsSchema.BALLOTS, issueKey);
    entries(n, budget, DvsSchema.SNAPSHOTS, issueKey);
    entries(n, budget, DvsSchema.FROZEN_DELEGATIONS, issueKey);
    dvs.result(issue.id()).ifPresent(r -> n.put("result", Hex.encode(r)));
    return n;
  }

  private void entries(ObjectNode n, WorkBudget budget, Column column, byte[] prefix) {
    ArrayNode out = n.putArray(column.name());
    for (var e : scan(column, prefix, budget)) {
      out.add(Hex.encode(e.getKey()) + ":" + Hex.encode(e.getValue()));
    }
  }

  /**
   * The entries of {@code column} under {@code prefix}, all of them or a named error: the scan
   * stops one entry past what the budget allows (a recount must never see a silently cut list).
   */
  private List<java.util.Map.Entry<byte[], byte[]>> scan(Column column, byte[] prefix,
      WorkBudget budget) {
    long allowed = Math.min(MAX_RAW_ENTRIES, budget.remaining() / RpcCosts.STATE_ENTRY);
    var entries = ledger.stateEntries(column, prefix, (int) allowed + 1);
    if (entries.size() > MAX_RAW_ENTRIES) {
      throw RpcException.limit(column.name() + " holds more than " + MAX_RAW_ENTRIES
          + " entries");
    }
    budget.charge((long) RpcCosts.STATE_ENTRY * entries.size());
    return entries;
  }

  private static Issue issue(DvsStore dvs, long id) {
    return dvs.issue(id).orElseThrow(() -> RpcException.notFound("no issue " + id));
  }
}
