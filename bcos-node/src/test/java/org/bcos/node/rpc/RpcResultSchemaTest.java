package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.rpc.SchemaCheck;
import org.bcos.types.Hex;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #9: what the core methods answer conforms to the result schema the OpenRPC document
 * publishes for them, field by field (a field a method returns but the schema does not declare
 * fails too), so generated clients read real answers.
 */
class RpcResultSchemaTest {
  private static RpcTestNode node;
  private static Block block;

  @BeforeAll
  static void start() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    block = node.commitTransfers(3);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonNode result(String method, String params) throws Exception {
    JsonNode out = answer(method, params);
    assertTrue(out.has("result"), method + " " + params + " -> " + out);
    return out.get("result");
  }

  /** The whole JSON-RPC answer: a result or an error. */
  private static JsonNode answer(String method, String params) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":"
        + params + "}";
    RawHttp.Response r = RawHttp.exchange(node.port, "POST", "/rpc", "127.0.0.1:" + node.port,
        null, "application/json", body);
    return JsonViews.JSON.readTree(r.body());
  }

  private static void assertConforms(String method, String params) throws Exception {
    JsonNode schema = null;
    for (JsonNode m : node.table.openRpc().path("methods")) {
      if (m.path("name").asText().equals(method)) schema = m.path("result").path("schema");
    }
    JsonNode result = result(method, params);
    assertEquals(List.of(), SchemaCheck.errors(schema, result), method + " " + params + " -> "
        + result);
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }

  @Test
  void supplyConformsAndNamesEveryHoldingSummingToTheSupply() throws Exception {
    assertConforms("bcos_supply", "[]");
    JsonNode supply = result("bcos_supply", "[]");
    assertTrue(supply.path("whole").asBoolean(), supply.toString());
    assertEquals(Long.toString(org.bcos.types.Amount.TOTAL_SUPPLY_UNITS),
        supply.path("totalUnits").asText());
    // a chain at the default version (no staking): balances and the genesis validator's bond
    JsonNode holdings = supply.path("holdings");
    assertEquals("liquid", holdings.path(0).path("kind").asText());
    assertEquals("bonded", holdings.path(1).path("kind").asText());
    assertEquals(Long.toString(org.bcos.ledger.Genesis.DEV_STAKE_UNITS),
        holdings.path(1).path("amountUnits").asText());
    assertEquals(node.ledger.head().height(), supply.path("height").asLong());
  }

  @Test
  void chainAndStatusAnswersConform() throws Exception {
    assertConforms("bcos_chainId", "[]");
    assertConforms("bcos_status", "[]");
  }

  @Test
  void accountAnswersConformWithAndWithoutProof() throws Exception {
    String dev = quoted(RpcTestNode.DEV.address().toString());
    assertConforms("bcos_getAccount", "[" + dev + "]");
    assertConforms("bcos_getAccount", "[" + dev + ", true]");
    assertConforms("bcos_getAccount", "[" + quoted(RpcTestNode.key(99).address().toString())
        + ", true]");
  }

  @Test
  void blockAndTransactionAnswersConform() throws Exception {
    assertConforms("bcos_getBlock", "[]");
    assertConforms("bcos_getBlock", "[0]");
    assertConforms("bcos_getBlock", "[" + block.height() + ", true]");
    assertConforms("bcos_getBlock", "[" + quoted(block.hash().toHex()) + "]");
    assertConforms("bcos_getTransaction",
        "[" + quoted(block.transactions().get(0).hash().toHex()) + "]");
  }

  @Test
  void accountHistoryConformsAndPagesNewestFirstWithoutGaps() throws Exception {
    String dev = quoted(RpcTestNode.DEV.address().toString());
    assertConforms("bcos_getAccountTransactions", "[" + dev + "]");
    JsonNode first = result("bcos_getAccountTransactions", "[" + dev + ", 2]");
    assertConforms("bcos_getAccountTransactions", "[" + dev + ", 2]");
    assertEquals(block.transactions().get(2).hash().toHex(),
        first.path("transactions").get(0).path("hash").asText());
    assertEquals(2, first.path("transactions").size());
    String cursor = quoted(first.path("nextCursor").asText());
    JsonNode second = result("bcos_getAccountTransactions", "[" + dev + ", 2, " + cursor + "]");
    assertEquals(1, second.path("transactions").size());
    assertEquals(block.transactions().get(0).hash().toHex(),
        second.path("transactions").get(0).path("hash").asText());
    assertTrue(second.path("nextCursor").isMissingNode(), second.toString());
    String recipient = quoted(block.transactions().get(1).message() instanceof
        org.bcos.ledger.coin.api.CoinTransfer t ? t.to().toString() : "");
    JsonNode received = result("bcos_getAccountTransactions", "[" + recipient + "]");
    assertEquals(block.transactions().get(1).hash().toHex(),
        received.path("transactions").get(0).path("hash").asText());
  }

  @Test
  void submissionAnswersConformAcceptedPendingAndRejected() throws Exception {
    long nonce = node.ledger.account(RpcTestNode.DEV.address()).orElseThrow().nonce();
    Transaction first = node.transfer(nonce, RpcTestNode.key(98).address());
    Transaction second = node.transfer(nonce + 1, RpcTestNode.key(98).address());
    assertConforms("bcos_sendRawTransaction", "[" + quoted(Hex.encode(first.encoded())) + "]");
    assertConforms("bcos_getTransaction", "[" + quoted(first.hash().toHex()) + "]");
    assertConforms("bcos_sendRawTransactions", "[[" + quoted(Hex.encode(second.encoded()))
        + ", \"00\"]]");
    JsonNode results = result("bcos_sendRawTransactions", "[[\"00\"]]");
    assertEquals(false, results.get(0).path("accepted").asBoolean(), "a rejected one was seen");
  }
  @Test
  void checkAnswersConformAndAddNothing() throws Exception {
    long nonce = node.ledger.account(RpcTestNode.DEV.address()).orElseThrow().nonce();
    Transaction next = node.transfer(nonce, RpcTestNode.key(97).address());
    String hex = quoted(Hex.encode(next.encoded()));
    assertConforms("bcos_checkRawTransaction", "[" + hex + "]");
    JsonNode checked = result("bcos_checkRawTransaction", "[" + hex + "]");
    assertEquals(next.hash().toHex(), checked.path("hash").asText());
    assertTrue(checked.path("admissible").asBoolean());
    JsonNode unknown = answer("bcos_getTransaction", "[" + quoted(next.hash().toHex()) + "]");
    assertEquals("NOT_FOUND", unknown.path("error").path("data").path("reason").asText(),
        "a checked transaction is not pending: " + unknown);
    JsonNode refused = answer("bcos_checkRawTransaction", "[" + quoted(Hex.encode(
        node.transfer(nonce + 100_000_000, RpcTestNode.key(97).address()).encoded())) + "]");
    assertEquals("NONCE_GAP_TOO_LARGE", refused.path("error").path("data").path("reason")
        .asText(), refused.toString());
  }

  @Test
  void validatorSetConformsUpToTwoHeightsAboveTheHeadAndNotBeyond() throws Exception {
    long head = node.ledger.head().height();
    assertConforms("bcos_validators", "[]");
    assertConforms("bcos_validators", "[1]");
    JsonNode next = result("bcos_validators", "[]");
    assertEquals(head + 1, next.path("height").asLong());
    assertEquals(head, next.path("headHeight").asLong());
    JsonNode known = result("bcos_validators", "[" + (head + 2) + "]");
    JsonNode v = known.path("validators").path(0);
    assertEquals(RpcTestNode.VALIDATOR.address().toString(), v.path("address").asText(),
        known.toString());
    assertEquals(known.path("totalPower").asLong(), v.path("power").asLong());
    assertTrue(v.path("power").asLong() > 0, known.toString());
    JsonNode later = answer("bcos_validators", "[" + (head + 3) + "]");
    assertEquals("NOT_FOUND", later.path("error").path("data").path("reason").asText(),
        later.toString());
    JsonNode zero = answer("bcos_validators", "[0]");
    assertEquals(-32602, zero.path("error").path("code").asInt(), zero.toString());
  }

  @Test
  void aMultiSendAnswerConformsWithItsOutputsAndTotal() {
    org.bcos.ledger.coin.api.CoinMultiSend send = new org.bcos.ledger.coin.api.CoinMultiSend(
        List.of(new org.bcos.ledger.coin.api.CoinMultiSend.Output(RpcTestNode.key(90).address(),
            150_000_000), new org.bcos.ledger.coin.api.CoinMultiSend.Output(
            RpcTestNode.key(91).address(), 1)), "payroll");
    org.bcos.types.tx.TxBody body = new org.bcos.types.tx.TxBody(RpcTestNode.CHAIN,
        RpcTestNode.DEV.address(), 0, 20_000, 100, send);
    Transaction tx = org.bcos.types.tx.TransactionCodec.assemble(body, RpcTestNode.DEV.sign(
        org.bcos.types.tx.TransactionCodec.signingDigest(
            org.bcos.types.tx.TransactionCodec.encodeBody(body)).toBytes()));
    JsonNode shown = JsonViews.transaction(tx, java.util.Optional.empty(), (Block) null);
    JsonNode schema = null;
    for (JsonNode m : node.table.openRpc().path("methods")) {
      if (m.path("name").asText().equals("bcos_getTransaction")) {
        schema = m.path("result").path("schema");
      }
    }
    assertEquals(List.of(), SchemaCheck.errors(schema, shown), shown.toString());
    assertEquals("coin.multiSend", shown.path("type").asText());
    assertEquals("1.50000001", shown.path("amount").asText(), "the total");
    assertEquals(2, shown.path("outputCount").asInt());
    assertEquals("1.5", shown.path("outputs").get(0).path("amount").asText());
  }
}
