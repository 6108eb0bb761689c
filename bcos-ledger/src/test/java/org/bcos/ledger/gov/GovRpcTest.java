package org.bcos.ledger.gov;

import static org.bcos.ledger.gov.GovChain.DDC;
import static org.bcos.ledger.gov.GovChain.MIN_DEPOSIT;
import static org.bcos.ledger.gov.GovChain.NO;
import static org.bcos.ledger.gov.GovChain.YES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.dvs.api.DvsGovernanceApi;
import org.bcos.ledger.dvs.rpc.DvsRpc;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.rpc.GovRpc;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.SchemaCheck;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.junit.jupiter.api.Test;

/** {@code gov_proposals} and {@code gov_proposal} over a chain with proposals, and message JSON. */
class GovRpcTest {
  private static final Ed25519KeyPair ALICE = GovChain.HOLDERS.get(0);
  private final GovChain chain = new GovChain();
  private final List<RpcMethod> methods = new GovRpc().methods(chain.ledger);

  private JsonNode call(String name, JsonNode... args) {
    RpcMethod m = methods.stream().filter(x -> x.spec().name().equals(name)).findFirst()
        .orElseThrow();
    JsonNode out = m.call(RpcArgs.of(args), WorkBudget.unbounded());
    assertEquals(List.of(), SchemaCheck.errors(m.spec().result().schema(), out));
    return out;
  }

  @Test
  void proposalsArePagedAndOneShowsItsDepositsLiveTallyAndVotes() {
    assertTrue(chain.block(chain.submit(ALICE, new ProposalContent.Text(), MIN_DEPOSIT))
        .skipped().isEmpty());
    assertTrue(chain.block(chain.submit(ALICE, new ProposalContent.ParamChange(List.of(
        new ProposalContent.ParamValue("maxValidators", 7))), MIN_DEPOSIT / 4)).skipped()
        .isEmpty());
    assertTrue(chain.block(chain.vote(GovChain.VALIDATORS.get(2), 1, YES),
        chain.vote(GovChain.VALIDATORS.get(0), 1, NO)).skipped().isEmpty());

    JsonNode first = call("gov_proposals", IntNode.valueOf(1));
    assertEquals(1, first.path("proposals").size());
    assertEquals(1, first.path("nextAfter").asLong());
    JsonNode second = call("gov_proposals", IntNode.valueOf(1), IntNode.valueOf(1));
    assertEquals("DEPOSIT_PERIOD", second.path("proposals").get(0).path("status").asText());
    assertEquals("param", second.path("proposals").get(0).path("content").path("kind").asText());
    assertFalse(second.has("nextAfter"));

    JsonNode one = call("gov_proposal", IntNode.valueOf(1));
    assertEquals("VOTING_PERIOD", one.path("status").asText());
    assertEquals("100", one.path("deposits").get(0).path("amount").asText());
    JsonNode tally = one.path("tally");
    assertFalse(tally.path("final").asBoolean());
    assertEquals(GovChain.stakeOf(2), tally.path("yes").asLong());
    assertEquals(GovChain.stakeOf(0), tally.path("no").asLong());
    assertEquals(2, one.path("votes").size());
    assertTrue(one.path("votes").toString().contains("\"no\""));
  }

  /** The chain's own community is listed and shown with its electorate, stake (issue #12). */
  @Test
  void theChainCommunityConformsAsAStakeElectorate() {
    List<RpcMethod> dvs = new DvsRpc().methods(chain.ledger);
    for (String name : List.of("dvs_getCommunity", "dvs_listCommunities")) {
      RpcMethod m = dvs.stream().filter(x -> x.spec().name().equals(name)).findFirst()
          .orElseThrow();
      JsonNode out = m.call(name.equals("dvs_getCommunity")
          ? RpcArgs.of(IntNode.valueOf((int) DvsGovernanceApi.CHAIN_COMMUNITY)) : RpcArgs.of(),
          WorkBudget.unbounded());
      assertEquals(List.of(), SchemaCheck.errors(m.spec().result().schema(), out), name + out);
      JsonNode community = name.equals("dvs_getCommunity") ? out.path("params")
          : out.path("communities").get(0);
      assertEquals("stake", community.path("electorate").asText(), name + out);
    }
  }

  @Test
  void anUpgradeProposalShowsItsPlan() {
    long height = chain.height() + 20;
    org.bcos.types.Hash release = org.bcos.types.Digests.sha256(new byte[] {1});
    assertTrue(chain.block(chain.submit(ALICE, new ProposalContent.SoftwareUpgrade("v5", 5,
        release, height), MIN_DEPOSIT)).skipped().isEmpty());
    JsonNode content = call("gov_proposal", IntNode.valueOf(1)).path("content");
    assertEquals("upgrade", content.path("kind").asText());
    assertEquals(release.toHex(), content.path("release").asText());
    assertEquals(height, content.path("height").asLong());
  }

  @Test
  void anUnknownProposalIsNotFound() {
    RpcException e = assertThrows(RpcException.class, () -> call("gov_proposal",
        IntNode.valueOf(9)));
    assertEquals("NOT_FOUND", e.reason());
  }

  @Test
  void aSubmissionShowsItsContentAndDepositInDdc() {
    ObjectNode out = RpcJson.object();
    new GovRpc().messageFields(new GovSubmitProposal("Raise", "", new ProposalContent.ParamChange(
        List.of(new ProposalContent.ParamValue("maxValidators", 7))), 250 * DDC), out);
    assertEquals("250", out.path("deposit").asText());
    assertEquals("param", out.path("content").path("kind").asText());
    assertEquals(7, out.path("content").path("changes").get(0).path("value").asLong());
  }
}
