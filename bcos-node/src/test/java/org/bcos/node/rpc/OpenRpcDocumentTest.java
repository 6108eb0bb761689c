package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #9: the OpenRPC document is generated from the method table, served at
 * {@code GET /openrpc.json} and by {@code rpc.discover}, and describes every method as it is
 * called (parameters in order, required flags).
 */
class OpenRpcDocumentTest {
  /** Every method a node serves today; a method lost or added unnoticed fails here. */
  static final Set<String> NODE_METHODS = new TreeSet<>(List.of("bcos_chainId", "bcos_status",
      "bcos_getAccount", "bcos_sendRawTransaction", "bcos_sendRawTransactions",
      "bcos_checkRawTransaction",
      "bcos_getTransaction", "bcos_getAccountTransactions", "bcos_getBlock", "bcos_params", "dvs_getCommunity", "dvs_getMember",
      "dvs_getIssue", "dvs_tally", "dvs_result", "dvs_proof", "dvs_rawIssueData",
      "dvs_createdBy", "dvs_listCommunities", "dvs_listIssues", "dvs_listMembers",
      "dvs_listAreas", "dvs_listInitiatives", "dvs_getBallot", "dvs_listDelegations",
      "dvs_ranking",
      "notary_getAnchor", "upgrade_status", "upgrade_fetch", "gov_proposals", "gov_proposal",
      "dev_mine",
      "bcos_supply", "bcos_validators", "stake_validators", "stake_getValidator",
      "stake_getAccount", "stake_pools",
      "rpc.discover"));
  private static RpcTestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static RawHttp.Response get(String host) throws Exception {
    return RawHttp.exchange(node.port, "GET", "/openrpc.json", host, null, null, "");
  }

  private static String self() {
    return "127.0.0.1:" + node.port;
  }

  /** Method name to its entry in the document. */
  private static Map<String, JsonNode> methods(JsonNode doc) {
    Map<String, JsonNode> byName = new TreeMap<>();
    doc.path("methods").forEach(m -> byName.put(m.path("name").asText(), m));
    return byName;
  }

  /**
   * Issue #12: the lists the web app reads publish their paging, filter and order parameters and
   * the fields it shows (a community's electorate, a delegator's weight).
   */
  @Test
  void theWebAppsDvsListsPublishTheirParametersAndFields() {
    Map<String, JsonNode> byName = methods(node.table.openRpc());
    assertEquals(List.of("limit", "cursor", "namePrefix"),
        paramNames(byName.get("dvs_listCommunities")));
    JsonNode issues = byName.get("dvs_listIssues");
    assertEquals(List.of("community", "phase", "limit", "cursor", "order"), paramNames(issues));
    assertEquals("[\"asc\",\"desc\"]",
        issues.path("params").get(4).path("schema").path("enum").toString());
    JsonNode community = byName.get("dvs_listCommunities").path("result").path("schema")
        .path("properties").path("communities").path("items");
    assertEquals("[\"members\",\"weighted\",\"open\",\"stake\"]",
        community.path("properties").path("electorate").path("enum").toString());
    JsonNode delegation = byName.get("dvs_listDelegations").path("result").path("schema")
        .path("properties").path("delegations").path("items");
    assertTrue(delegation.path("properties").has("weight"), delegation.toString());
  }

  private static List<String> paramNames(JsonNode method) {
    List<String> names = new ArrayList<>();
    method.path("params").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  @Test
  void theTableHoldsTheCoreAndModuleMethodsAndDiscovery() {
    assertEquals(NODE_METHODS, new TreeSet<>(node.table.specs().stream()
        .map(RpcMethodSpec::name).toList()));
  }

  @Test
  void theDocumentHasTheFieldsOpenRpcRequires() {
    JsonNode doc = node.table.openRpc();
    assertTrue(doc.path("openrpc").asText().matches("1\\.2\\.\\d+"), doc.path("openrpc")
        .toString());
    assertEquals(OpenRpcDocument.TITLE, doc.path("info").path("title").asText());
    assertEquals("test", doc.path("info").path("version").asText(), "the node's version");
    assertTrue(doc.path("methods").isArray() && !doc.path("methods").isEmpty());
    for (JsonNode m : doc.path("methods")) {
      String name = m.path("name").asText();
      assertFalse(name.isEmpty());
      assertFalse(m.path("summary").asText().isBlank(), name);
      assertTrue(m.path("params").isArray(), name);
      for (JsonNode p : m.path("params")) {
        assertFalse(p.path("name").asText().isEmpty(), name);
        assertTrue(p.path("required").isBoolean(), name);
        assertSchema(p.path("schema"), name + " " + p.path("name"));
      }
      assertFalse(m.path("result").path("name").asText().isEmpty(), name);
      assertSchema(m.path("result").path("schema"), name + " result");
      for (JsonNode e : m.path("errors")) {
        assertTrue(e.path("code").isInt() && e.path("message").isTextual(), name);
      }
    }
  }

  /** A JSON schema object that says what it is: a type, alternatives or a reference. */
  private static void assertSchema(JsonNode schema, String where) {
    assertTrue(schema.isObject() && (schema.has("type") || schema.has("oneOf")
        || schema.has("$ref")), where + ": " + schema);
  }

  @Test
  void everyTableMethodAppearsWithItsParametersInOrder() {
    Map<String, JsonNode> documented = methods(node.table.openRpc());
    List<RpcMethodSpec> expected = new ArrayList<>(node.table.specs());
    expected.addAll(WebSocketMethods.SPECS);
    assertEquals(expected.stream().map(RpcMethodSpec::name).collect(
        java.util.stream.Collectors.toCollection(TreeSet::new)), documented.keySet());
    for (RpcMethodSpec spec : expected) {
      JsonNode m = documented.get(spec.name());
      assertEquals(spec.summary(), m.path("summary").asText());
      assertEquals("by-position", m.path("paramStructure").asText());
      assertEquals(spec.params().size(), m.path("params").size(), spec.name());
      for (int i = 0; i < spec.params().size(); i++) {
        RpcParam p = spec.params().get(i);
        JsonNode d = m.path("params").get(i);
        assertEquals(p.name(), d.path("name").asText(), spec.name() + " parameter " + i);
        assertEquals(p.required(), d.path("required").asBoolean(), spec.name() + " " + p.name());
        assertEquals(p.schema(), d.path("schema"), spec.name() + " " + p.name());
      }
    }
  }

  @Test
  void requiredFlagsMatchHowTheMethodsReadTheirArguments() {
    Map<String, JsonNode> documented = methods(node.table.openRpc());
    JsonNode getBlock = documented.get("bcos_getBlock").path("params");
    assertEquals("ref", getBlock.get(0).path("name").asText());
    assertFalse(getBlock.get(0).path("required").asBoolean(), "no ref means latest");
    JsonNode getMember = documented.get("dvs_getMember").path("params");
    assertEquals(List.of("community", "address"), List.of(getMember.get(0).path("name").asText(),
        getMember.get(1).path("name").asText()));
    assertTrue(getMember.get(1).path("required").asBoolean());
  }

  @Test
  void webSocketOnlyMethodsNameTheWebSocketServer() {
    Map<String, JsonNode> documented = methods(node.table.openRpc());
    for (RpcMethodSpec ws : WebSocketMethods.SPECS) {
      assertEquals("/ws", documented.get(ws.name()).path("servers").get(0).path("url").asText());
    }
    assertTrue(documented.get("bcos_status").path("servers").isMissingNode(),
        "other methods are served on every transport");
  }

  @Test
  void getOpenRpcJsonAndRpcDiscoverServeTheSameDocument() throws Exception {
    RawHttp.Response r = get(self());
    assertEquals(200, r.status(), r.body());
    assertEquals("application/json", r.header("Content-Type"));
    JsonNode served = JsonViews.JSON.readTree(r.body());
    assertEquals(node.table.openRpc(), served);
    String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}";
    RawHttp.Response d = RawHttp.exchange(node.port, "POST", "/rpc", self(), null,
        "application/json", call);
    assertEquals(served, JsonViews.JSON.readTree(d.body()).path("result"));
  }

  @Test
  void openRpcJsonFollowsTheAccessPolicyOfRpc() throws Exception {
    RawHttp.Response foreignHost = get("evil.example:" + node.port);
    assertEquals(403, foreignHost.status());
    assertTrue(foreignHost.body().contains("HOST_NOT_ALLOWED"), foreignHost.body());
    RawHttp.Response foreignPage = RawHttp.exchange(node.port, "GET", "/openrpc.json", self(),
        "http://evil.example", null, "");
    assertEquals(403, foreignPage.status());
    assertTrue(foreignPage.body().contains("ORIGIN_NOT_ALLOWED"), foreignPage.body());
  }
}
