package org.bcos.ledger.dvs;

import static org.bcos.ledger.LedgerFixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Address;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #10: the DVS discovery methods, called as the node's method table calls them, list
 * communities, issues (by community, by phase), members, areas, initiatives, a ballot and
 * delegations both ways; pages join to the whole list, and answers conform to their specs.
 */
class DvsListQueriesTest {
  private static final Ed25519KeyPair REG = key(0);
  private final LedgerChain chain = new LedgerChain(LedgerFixtures.keys(8));
  private final DvsRpcCalls rpc = new DvsRpcCalls(chain.ledger);
  private long poll;
  private long deliberative;

  private static Ed25519KeyPair m(int i) {
    return key(i);
  }

  private static String addr(int i) {
    return m(i).address().toString();
  }

  @BeforeEach
  void twoCommunitiesWithMembersAreasDelegationsAndIssues() {
    DvsParams params = new DvsParams(DvsParams.WEIGHTED, 50, 10, 10, 50, 2_000, 2_000, 8, 1, 4,
        false);
    chain.ok(REG, new DvsCreateCommunity("first", params));
    chain.ok(REG, new DvsCreateCommunity("second", params));
    List<Transaction> txs = new ArrayList<>();
    for (int i = 1; i <= 5; i++) txs.add(chain.tx(REG, new DvsSetMember(1, m(i).address(), i)));
    txs.add(chain.tx(REG, new DvsAddArea(1, 0, "schools")));
    chain.ok(txs.toArray(Transaction[]::new));
    chain.ok(chain.tx(m(1), new DvsDelegate(1, Scope.COMMUNITY, 0, m(2).address())),
        chain.tx(m(3), new DvsDelegate(1, Scope.COMMUNITY, 0, m(2).address())),
        chain.tx(m(2), new DvsDelegate(1, Scope.AREA, 1, m(4).address())));
    chain.ok(m(1), new DvsCreateIssue(1, 0, false, DvsRules.of(Method.SINGLE_CHOICE),
        List.of("Smaller classes", "Longer days"), REG.address(), 0));
    poll = 1;
    chain.ok(m(2), new DvsCreateIssue(1, 1, true, DvsRules.of(Method.SCHULZE),
        List.of("Reform"), REG.address(), 0));
    deliberative = 2;
    chain.ok(m(1), new DvsCastBallot(poll, List.of(new DvsBallotPart(0, new long[] {1}))));
  }

  private JsonNode call(String name, Object... params) {
    return rpc.call(name, params);
  }

  private JsonNode call(WorkBudget budget, String name, Object... params) {
    return rpc.call(budget, name, params);
  }

  private String reason(String name, Object... params) {
    return rpc.reason(name, params);
  }

  private List<String> all(String name, String field, String key, int size, Object... fixed) {
    return rpc.all(name, field, key, size, fixed);
  }

  private List<String> allThen(String name, String field, String key, int size,
      List<Object> after, Object... fixed) {
    return rpc.allThen(name, field, key, size, after, fixed);
  }

  @Test
  void communitiesArePagedInIdOrder() {
    assertEquals(List.of("first", "second"), all("dvs_listCommunities", "communities", "name", 1));
    JsonNode first = call("dvs_listCommunities", 1);
    assertEquals(1, first.path("communities").size());
    assertTrue(first.has("nextCursor"));
    assertEquals(5, call("dvs_listCommunities").path("communities").get(0).path("members")
        .asLong());
  }

  @Test
  void issuesAreListedByCommunityAndByPhase() {
    assertEquals(List.of("1", "2"), all("dvs_listIssues", "issues", "id", 1, null, null));
    assertEquals(List.of("1"), all("dvs_listIssues", "issues", "id", 5, 1, "VOTING"));
    assertEquals(List.of("2"), all("dvs_listIssues", "issues", "id", 5, null, "ADMISSION"));
    assertEquals(List.of(), all("dvs_listIssues", "issues", "id", 5, 1, "CLOSED"));
    assertEquals(List.of(), all("dvs_listIssues", "issues", "id", 5, 2, null));
    assertEquals("INVALID_PARAMS", reason("dvs_listIssues", null, "voting"));
    assertEquals("NOT_FOUND", reason("dvs_listIssues", 9, null));
  }

  @Test
  void aFilteredPageStopsAtItsBudgetWithACursorAndNothingIsLost() {
    WorkBudget small = new WorkBudget(1, 60_000, () -> 0L, () -> true);
    JsonNode page = call(small, "dvs_listIssues", null, "ADMISSION");
    assertEquals(0, page.path("issues").size(), "issue 1 is VOTING; only one entry affordable");
    String cursor = page.path("nextCursor").asText();
    JsonNode rest = call("dvs_listIssues", null, "ADMISSION", 5, cursor);
    assertEquals(2, rest.path("issues").get(0).path("id").asLong());
  }

  @Test
  void membersAndAreasOfACommunity() {
    List<String> members = all("dvs_listMembers", "members", "address", 2, 1);
    assertEquals(5, members.size());
    assertEquals(members.stream().sorted().toList().size(), members.stream().distinct().count());
    assertTrue(members.contains(addr(3)));
    assertEquals(List.of("root", "schools"), all("dvs_listAreas", "areas", "name", 1, 1));
    assertEquals(List.of(), all("dvs_listMembers", "members", "address", 5, 2));
    assertEquals("NOT_FOUND", reason("dvs_listMembers", 9));
    assertEquals("NOT_FOUND", reason("dvs_listAreas", 9));
  }

  @Test
  void delegationsGivenAndReceived() {
    assertEquals(List.of(addr(2)), all("dvs_listDelegations", "delegations", "to", 5, 1,
        addr(1), "given"));
    assertEquals(List.of(addr(4)), all("dvs_listDelegations", "delegations", "to", 5, 1,
        addr(2), null));
    List<String> toTwo = all("dvs_listDelegations", "delegations", "from", 1, 1, addr(2),
        "received");
    assertEquals(List.of(addr(1), addr(3)).stream().sorted().toList(),
        toTwo.stream().sorted().toList());
    assertEquals("INVALID_PARAMS", reason("dvs_listDelegations", 1, addr(2), "sideways"));
  }

  @Test
  void aBallotAndAnIssuesInitiatives() {
    JsonNode ballot = call("dvs_getBallot", poll, addr(1));
    assertEquals(1, ballot.path("parts").get(0).path("values").get(0).asLong());
    assertEquals("NOT_FOUND", reason("dvs_getBallot", poll, addr(5)));
    JsonNode initiatives = call("dvs_listInitiatives", poll);
    assertEquals("Longer days", initiatives.path("initiatives").get(1).path("text").asText());
    assertEquals(2, initiatives.path("initiatives").size());
    assertEquals(1, call("dvs_listInitiatives", deliberative).path("initiatives").size());
    assertFalse(initiatives.path("initiatives").get(0).has("supported"), "only with a supporter");
  }

  @Test
  void initiativesSayWhetherAGivenAccountSupportsThem() {
    chain.ok(chain.tx(m(3), new DvsSupport(deliberative, 0, true)),
        chain.tx(m(4), new DvsSupport(deliberative, 0, true)));
    JsonNode three = call("dvs_listInitiatives", deliberative, addr(3)).path("initiatives").get(0);
    assertEquals(2, three.path("supporters").asInt());
    assertTrue(three.path("supported").asBoolean());
    assertFalse(call("dvs_listInitiatives", deliberative, addr(5)).path("initiatives").get(0)
        .path("supported").asBoolean(true));
    chain.ok(m(3), new DvsSupport(deliberative, 0, false));
    JsonNode withdrawn = call("dvs_listInitiatives", deliberative, addr(3)).path("initiatives")
        .get(0);
    assertFalse(withdrawn.path("supported").asBoolean(true));
    assertEquals(1, withdrawn.path("supporters").asInt());
    assertEquals("INVALID_PARAMS", reason("dvs_listInitiatives", deliberative, "dd1nope"));
    assertEquals("INVALID_PARAMS", reason("dvs_listInitiatives", deliberative, addr(3), 1));
  }

  @Test
  void aForeignCursorIsRefused() {
    String communityTwo = call("dvs_listCommunities", 1).path("nextCursor").asText();
    assertEquals("INVALID_PARAMS", reason("dvs_listAreas", 1, 5, communityTwo));
    assertEquals("INVALID_PARAMS", reason("dvs_listAreas", 1, 5, "not hex"));
    assertEquals("INVALID_PARAMS", reason("dvs_listMembers", 1, 0));
  }

  @Test
  void communitiesNameTheirElectorateAndFilterByNamePrefix() {
    chain.ok(REG, new DvsCreateCommunity("firstborn", DvsParams.defaults(DvsParams.OPEN)));
    JsonNode list = call("dvs_listCommunities");
    assertEquals("weighted", list.path("communities").get(0).path("electorate").asText());
    assertEquals("open", list.path("communities").get(2).path("electorate").asText());
    assertEquals(List.of("first", "firstborn"), allThen("dvs_listCommunities", "communities",
        "name", 1, List.of("first")));
    assertEquals(List.of("second"), allThen("dvs_listCommunities", "communities", "name", 5,
        List.of("sec")));
    assertEquals(List.of(), allThen("dvs_listCommunities", "communities", "name", 5,
        List.of("First")));
    assertEquals("INVALID_PARAMS", reason("dvs_listCommunities", null, null, ""));
    assertEquals("INVALID_PARAMS", reason("dvs_listCommunities", null, null, "x".repeat(257)));
  }

  @Test
  void issuesNewestFirstPageDownFromTheNewest() {
    chain.ok(REG, new DvsSetMember(2, m(6).address(), 1));
    chain.ok(m(6), new DvsCreateIssue(2, 0, false, DvsRules.of(Method.YES_NO),
        List.of("Build the bridge"), REG.address(), 0));
    List<Object> desc = java.util.Collections.singletonList("desc");
    assertEquals(List.of("3", "2", "1"), allThen("dvs_listIssues", "issues", "id", 1, desc,
        null, null));
    assertEquals(List.of("2", "1"), allThen("dvs_listIssues", "issues", "id", 1, desc, 1,
        null));
    assertEquals(List.of("2"), allThen("dvs_listIssues", "issues", "id", 5, desc, null,
        "ADMISSION"));
    assertEquals(List.of("3", "1"), allThen("dvs_listIssues", "issues", "id", 5, desc, null,
        "VOTING"));
    JsonNode first = call("dvs_listIssues", null, null, 1, null, "desc");
    assertEquals("YES_NO", first.path("issues").get(0).path("rules").path("method").asText());
    String next = first.path("nextCursor").asText();
    assertEquals(2, call("dvs_listIssues", null, null, 1, next, "desc").path("issues").get(0)
        .path("id").asLong());
    String beyond = org.bcos.types.Hex.encode(DvsSchema.id(4));
    assertEquals("INVALID_PARAMS", reason("dvs_listIssues", null, null, 1, beyond, "desc"));
    assertEquals("INVALID_PARAMS", reason("dvs_listIssues", null, null, 1, null, "newest"));
    assertEquals("NOT_FOUND", reason("dvs_listIssues", 9, null, 1, null, "desc"));
  }

  @Test
  void aNewestFirstPageStopsAtItsBudgetWithACursor() {
    WorkBudget small = new WorkBudget(1, 60_000, () -> 0L, () -> true);
    JsonNode page = call(small, "dvs_listIssues", 1, "VOTING", 5, null, "desc");
    assertEquals(0, page.path("issues").size(), "issue 2 is ADMISSION; only one read affordable");
    String cursor = page.path("nextCursor").asText();
    JsonNode rest = call("dvs_listIssues", 1, "VOTING", 5, cursor, "desc");
    assertEquals(1, rest.path("issues").get(0).path("id").asLong());
    assertTrue(!rest.has("nextCursor"), rest.toString());
  }

  @Test
  void receivedDelegationsNameEachDelegatorsWeight() {
    JsonNode received = call("dvs_listDelegations", 1, addr(2), "received");
    List<String> weights = new ArrayList<>();
    received.path("delegations").forEach(d -> weights.add(d.path("from").asText() + "="
        + d.path("weight").asLong() + "/" + d.path("scope").asText()));
    assertEquals(List.of(addr(1) + "=1/COMMUNITY", addr(3) + "=3/COMMUNITY").stream().sorted()
        .toList(), weights.stream().sorted().toList());
    WorkBudget budget = new WorkBudget(1_000, 60_000, () -> 0L, () -> true);
    JsonNode given = call(budget, "dvs_listDelegations", 1, addr(2), "given");
    assertEquals(2, budget.spent(), "one delegation scanned, one delegator weight read");
    assertEquals(2, given.path("delegations").get(0).path("weight").asLong());
    assertEquals("AREA", given.path("delegations").get(0).path("scope").asText());
  }

  @Test
  void nobodyHasReceivedNoDelegations() {
    Address nobody = key(70).address();
    assertEquals(List.of(), all("dvs_listDelegations", "delegations", "to", 5, 1,
        nobody.toString(), "received"));
  }
}
