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
import org.bcos.types.Bech32m;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.DvsBallotPart;

/** The {@code dvs_*} JSON-RPC methods (docs/RPC.md, docs/DVS.md). */
final class DvsRpcMethods {
  /** Limit on raw state entries one recount call returns. */
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

  JsonNode call(String method, JsonNode params) {
    return switch (method) {
      case "dvs_getCommunity" -> community(params);
      case "dvs_getIssue" -> DvsJson.issue(issue(ledger.dvsView(), id(params, 0, "issue id")));
      case "dvs_getMember" -> member(params);
      case "dvs_tally" -> tally(params);
      case "dvs_result" -> result(params);
      case "dvs_proof" -> proof(params);
      case "dvs_rawIssueData" -> raw(params);
      case "dvs_createdBy" -> createdBy(params);
      default -> throw new RpcException(RpcException.METHOD_NOT_FOUND, "METHOD_NOT_FOUND",
          "no method named '" + method + "'");
    };
  }

  private ObjectNode community(JsonNode params) {
    long id = id(params, 0, "community id");
    Community c = ledger.dvsView().community(id)
        .orElseThrow(() -> RpcException.notFound("no community " + id));
    long treasury = ledger.account(c.treasury()).map(a -> a.balanceUnits()).orElse(0L);
    return DvsJson.community(c, treasury);
  }

  private ObjectNode member(JsonNode params) {
    long community = id(params, 0, "community id");
    Address who = address(params, 1);
    DvsStore dvs = ledger.dvsView();
    var m = dvs.member(community, who)
        .orElseThrow(() -> RpcException.notFound(who + " is not a member of " + community));
    ObjectNode n = JsonViews.JSON.createObjectNode().put("community", community)
        .put("address", who.toString()).put("weight", m.weight()).put("region", m.region())
        .put("refusesDelegations", m.refusesDelegations());
    ArrayNode delegations = n.putArray("delegations");
    for (DvsStore.Delegation d : dvs.delegations(community)) {
      if (d.from().equals(who)) {
        delegations.addObject().put("scope", d.scope().name()).put("scopeId", d.scopeId())
            .put("delegate", d.to().toString());
      }
    }
    return n;
  }

  private ObjectNode tally(JsonNode params) {
    DvsStore dvs = ledger.dvsView();
    Issue issue = issue(dvs, id(params, 0, "issue id"));
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
    ObjectNode tally = DvsJson.tally(DvsCounting.count(dvs, issue, height, false));
    synchronized (tallies) {
      tallies.put(key, tally.deepCopy());
    }
    return tally;
  }

  private ObjectNode result(JsonNode params) {
    long id = id(params, 0, "issue id");
    byte[] raw = ledger.dvsView().result(id)
        .orElseThrow(() -> RpcException.notFound("issue " + id + " has no final result yet"));
    return DvsJson.tally(IssueTally.decode(raw));
  }

  /** Inclusion proof of a voter's ballot under the ballots root of the final result or tally. */
  private ObjectNode proof(JsonNode params) {
    DvsStore dvs = ledger.dvsView();
    Issue issue = issue(dvs, id(params, 0, "issue id"));
    Address voter = address(params, 1);
    TreeMap<Address, List<DvsBallotPart>> ballots = new TreeMap<>();
    dvs.forEachBallot(issue.id(), ballots::put);
    if (!ballots.containsKey(voter)) {
      throw RpcException.notFound(voter + " has no ballot on issue " + issue.id());
    }
    List<Hash> leaves = new ArrayList<>();
    ballots.forEach((v, parts) -> leaves.add(DvsCounting.ballotLeaf(v, parts)));
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
  private ObjectNode createdBy(JsonNode params) {
    Address creator = address(params, 0);
    long height = id(params, 1, "block height");
    ObjectNode n = JsonViews.JSON.createObjectNode();
    ArrayNode communities = n.putArray("communities");
    for (var e : ledger.stateEntries(DvsSchema.COMMUNITIES, new byte[0], MAX_RAW_ENTRIES)) {
      Community c = Community.decode(e.getValue());
      if (c.registrar().equals(creator) && c.createdHeight() == height) communities.add(c.id());
    }
    ArrayNode issues = n.putArray("issues");
    for (var e : ledger.stateEntries(DvsSchema.ISSUES, new byte[0], MAX_RAW_ENTRIES)) {
      Issue i = Issue.decode(e.getValue());
      if (i.creator().equals(creator) && i.createdHeight() == height) issues.add(i.id());
    }
    return n;
  }

  /** The raw state entries a client needs to recount the issue itself. */
  private ObjectNode raw(JsonNode params) {
    DvsStore dvs = ledger.dvsView();
    Issue issue = issue(dvs, id(params, 0, "issue id"));
    byte[] community = new Encoder(8).u64(issue.communityId()).toByteArray();
    byte[] issueKey = new Encoder(8).u64(issue.id()).toByteArray();
    ObjectNode n = JsonViews.JSON.createObjectNode().put("issue", issue.id())
        .put("height", ledger.head().height());
    entries(n, DvsSchema.COMMUNITIES, community);
    entries(n, DvsSchema.AREAS, community);
    entries(n, DvsSchema.MEMBERS, community);
    entries(n, DvsSchema.DELEGATIONS, community);
    entries(n, DvsSchema.ISSUES, issueKey);
    entries(n, DvsSchema.BALLOTS, issueKey);
    entries(n, DvsSchema.SNAPSHOTS, issueKey);
    entries(n, DvsSchema.FROZEN_DELEGATIONS, issueKey);
    dvs.result(issue.id()).ifPresent(r -> n.put("result", Hex.encode(r)));
    return n;
  }

  private void entries(ObjectNode n, Column column, byte[] prefix) {
    ArrayNode out = n.putArray(column.name());
    for (var e : ledger.stateEntries(column, prefix, MAX_RAW_ENTRIES)) {
      out.add(Hex.encode(e.getKey()) + ":" + Hex.encode(e.getValue()));
    }
  }

  private static Issue issue(DvsStore dvs, long id) {
    return dvs.issue(id).orElseThrow(() -> RpcException.notFound("no issue " + id));
  }

  private static long id(JsonNode params, int index, String what) {
    JsonNode v = params.path(index);
    if (!v.canConvertToLong() || v.asLong() < 0) {
      throw RpcException.invalidParams("parameter " + index + " must be the " + what);
    }
    return v.asLong();
  }

  private static Address address(JsonNode params, int index) {
    try {
      return Address.parse(params.path(index).asText(""));
    } catch (Bech32m.Bech32mException e) {
      throw RpcException.invalidParams("invalid address: " + e.getMessage());
    }
  }
}
