package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsAddInitiative;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessage;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRefuseDelegations;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSetRegistrar;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.RegionRoll;
import org.bcos.ledger.spi.rpc.RpcJson;

/** JSON shapes of DVS messages, communities, issues and tallies. */
public final class DvsJson {
  private DvsJson() {}

  /** The fields of a DVS message, beside a transaction's common ones. */
  public static void message(ObjectNode n, DvsMessage m) {
    switch (m) {
      case DvsCreateCommunity c -> params(n.put("type", "dvs.createCommunity")
          .put("name", c.name()).putObject("params"), c.params());
      case DvsAddArea a -> n.put("type", "dvs.addArea").put("community", a.communityId())
          .put("parentArea", a.parentArea()).put("name", a.name());
      case DvsSetMember s -> n.put("type", "dvs.setMember").put("community", s.communityId())
          .put("member", s.member().toString()).put("weight", s.weight());
      case DvsSetRegistrar r -> n.put("type", "dvs.setRegistrar").put("community",
          r.communityId()).put("registrar", r.registrar().toString()).put("enabled", r.enabled());
      case DvsAttest a -> n.put("type", "dvs.attest").put("community", a.communityId())
          .put("member", a.member().toString()).put("attribute", a.attribute())
          .put("value", a.value());
      case DvsDelegate d -> n.put("type", "dvs.delegate").put("community", d.communityId())
          .put("scope", d.scope().name()).put("scopeId", d.scopeId())
          .put("delegate", d.delegate().toString());
      case DvsUndelegate u -> n.put("type", "dvs.undelegate").put("community", u.communityId())
          .put("scope", u.scope().name()).put("scopeId", u.scopeId());
      case DvsRefuseDelegations r -> n.put("type", "dvs.refuseDelegations")
          .put("community", r.communityId()).put("refuse", r.refuse());
      case DvsCreateIssue i -> issueMessage(n, i);
      case DvsAddInitiative i -> n.put("type", "dvs.addInitiative").put("issue", i.issueId())
          .put("title", i.title());
      case DvsSupport s -> n.put("type", "dvs.support").put("issue", s.issueId())
          .put("initiative", s.initiative()).put("support", s.support());
      case DvsCastBallot b -> parts(n.put("type", "dvs.castBallot").put("issue", b.issueId())
          .putArray("parts"), b.parts());
    }
  }

  private static void issueMessage(ObjectNode n, DvsCreateIssue i) {
    n.put("type", "dvs.createIssue").put("community", i.communityId()).put("area", i.areaId())
        .put("mode", i.deliberative() ? "deliberative" : "poll");
    rules(n.putObject("rules"), i.rules());
    strings(n.putArray("options"), i.options());
    if (i.payUnits() > 0) {
      n.put("payTo", i.payTo().toString());
      RpcJson.amount(n, "pay", i.payUnits());
    }
  }

  static void parts(ArrayNode out, List<DvsBallotPart> parts) {
    for (DvsBallotPart p : parts) {
      ArrayNode values = out.addObject().put("weight", p.weight()).putArray("values");
      for (long v : p.values()) values.add(v);
    }
  }

  private static void strings(ArrayNode out, List<String> values) {
    values.forEach(out::add);
  }

  static ObjectNode params(ObjectNode n, DvsParams p) {
    return n.put("electorate", electorate(p)).put("admissionBlocks", p.admissionBlocks())
        .put("discussionBlocks", p.discussionBlocks())
        .put("verificationBlocks", p.verificationBlocks()).put("votingBlocks", p.votingBlocks())
        .put("issueQuorumBps", p.issueQuorumBps()).put("initiativeQuorumBps",
            p.initiativeQuorumBps()).put("maxChainLength", p.maxChainLength())
        .put("minCellSize", p.minCellSize()).put("powDifficultyBits", p.powDifficultyBits())
        .put("delegationInSupport", p.delegationInSupport());
  }

  /** Who votes in a community: {@code members}, {@code weighted}, {@code open} or {@code stake}. */
  static String electorate(DvsParams p) {
    return switch (p.electorate()) {
      case DvsParams.MEMBERS -> "members";
      case DvsParams.WEIGHTED -> "weighted";
      case DvsParams.STAKE -> "stake";
      default -> "open";
    };
  }

  /** The names {@link #electorate} gives. */
  static final String[] ELECTORATES = {"members", "weighted", "open", "stake"};

  static void rules(ObjectNode n, DvsRules r) {
    n.put("method", r.method().name()).put("quorumBps", r.quorumBps())
        .put("thresholdBps", r.thresholdBps()).put("vetoBps", r.vetoBps())
        .put("maxScore", r.maxScore()).put("voiceCredits", r.voiceCredits());
  }

  static ObjectNode community(Community c, long treasuryUnits) {
    ObjectNode n = RpcJson.object().put("id", c.id()).put("name", c.name())
        .put("registrar", c.registrar().toString()).put("areas", c.areaCount())
        .put("members", c.memberCount()).put("totalWeight", c.totalWeight())
        .put("treasury", c.treasury().toString()).put("createdHeight", c.createdHeight());
    RpcJson.amount(n, "treasuryBalance", treasuryUnits);
    params(n.putObject("params"), c.params());
    return n;
  }

  static ObjectNode issue(Issue i) {
    ObjectNode n = RpcJson.object().put("id", i.id())
        .put("community", i.communityId()).put("area", i.areaId())
        .put("mode", i.deliberative() ? "deliberative" : "poll").put("phase", i.phase().name())
        .put("phaseEnd", i.phaseEnd()).put("createdHeight", i.createdHeight())
        .put("votingStart", i.votingStart()).put("creator", i.creator().toString());
    rules(n.putObject("rules"), i.rules());
    ArrayNode options = n.putArray("options");
    boolean[] onBallot = i.onBallot();
    for (int k = 0; k < i.options().size(); k++) {
      options.addObject().put("index", k).put("text", i.options().get(k))
          .put("onBallot", onBallot[k]);
    }
    if (i.payUnits() > 0) {
      n.put("payTo", i.payTo().toString());
      RpcJson.amount(n, "pay", i.payUnits());
    }
    return n;
  }

  /** A count of an issue, live or final. */
  public static ObjectNode tally(IssueTally t) {
    ObjectNode n = RpcJson.object().put("issue", t.issueId())
        .put("height", t.height()).put("final", t.isFinal()).put("outcome", t.outcome().name());
    ArrayNode totals = n.putArray("totals");
    t.totals().forEach(totals::add);
    ArrayNode winners = n.putArray("winners");
    t.winners().forEach(winners::add);
    n.put("electorateWeight", t.electorateWeight()).put("countedWeight", t.countedWeight())
        .put("turnoutBps", t.turnoutBps()).put("ballots", t.ballots())
        .put("quorumMet", t.quorumMet()).put("ballotsRoot", t.ballotsRoot().toHex())
        .put("unverifiedIdentity", t.unverifiedIdentity()).put("action", t.action());
    ArrayNode regions = n.putArray("regions");
    for (IssueTally.RegionCell r : t.regions()) {
      ArrayNode choices = regions.addObject().put("region", r.region())
          .put("members", r.members()).put("weight", r.weight()).putArray("firstChoices");
      r.firstChoices().forEach(choices::add);
    }
    return n;
  }

  /**
   * {@link #tally(IssueTally)} with each region cell's electorate and turnout, and the regions
   * where nothing was counted, from a count of the same tally ({@code rolls} in cell order). Left
   * out for open electorates, whose roll is only who took part.
   */
  public static ObjectNode tally(IssueTally t, List<RegionRoll> rolls, List<RegionRoll> silent) {
    ObjectNode n = tally(t);
    if (t.unverifiedIdentity() || rolls.size() != t.regions().size()) return n;
    for (int i = 0; i < rolls.size(); i++) {
      RegionRoll roll = rolls.get(i);
      ((ObjectNode) n.get("regions").get(i)).put("electorateMembers", roll.members())
          .put("electorateWeight", roll.weight())
          .put("turnoutBps", roll.turnoutBps(t.regions().get(i).weight()));
    }
    ArrayNode without = n.putArray("regionsWithoutVotes");
    for (RegionRoll r : silent) {
      without.addObject().put("region", r.region()).put("electorateMembers", r.members())
          .put("electorateWeight", r.weight());
    }
    return n;
  }

}
