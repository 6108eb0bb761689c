package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 item 8: every integer parameter is range-checked by name, never wrapped ({@code
 * 2^64+5} gave block 5) or crashed on ({@code "9999999999999999999"} gave INTERNAL_ERROR).
 */
class RpcParamsTest {
  private static RpcTestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = new RpcTestNode(new RpcTestNode.Limits());
    for (int i = 0; i < 6; i++) node.commitTransfers(1);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonNode call(String method, String params) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":"
        + params + "}";
    RawHttp.Response r = RawHttp.exchange(node.port, "POST", "/rpc", "127.0.0.1:" + node.port,
        null, "application/json", body);
    assertEquals(200, r.status(), r.body());
    return JsonViews.JSON.readTree(r.body());
  }

  private static void assertInvalid(String method, String params, String sentence)
      throws Exception {
    JsonNode r = call(method, params);
    assertEquals("INVALID_PARAMS", r.path("error").path("data").path("reason").asText(),
        method + " " + params + " → " + r);
    assertTrue(r.path("error").path("message").asText().contains(sentence),
        r.path("error").path("message").asText());
  }

  @Test
  void pageLimitsAndCursorsOutsideTheirFormAreRefusedByName() throws Exception {
    String dev = "\"" + RpcTestNode.DEV.address() + "\"";
    String method = "bcos_getAccountTransactions";
    assertInvalid(method, "[" + dev + ", 0]", "limit must be in 1..200");
    assertInvalid(method, "[" + dev + ", 201]", "limit must be in 1..200");
    assertInvalid(method, "[" + dev + ", 5, \"zz\"]", "cursor must be a nextCursor");
    assertInvalid(method, "[" + dev + ", 5, \"00ff\"]", "cursor must be a nextCursor");
    assertInvalid(method, "[" + dev + ", 5, \"\"]", "cursor must be a nextCursor");
  }

  @Test
  void heightsOutOfRangeAreRefusedByNameNotWrapped() throws Exception {
    String range = "height must be an integer in 0..2^63-1";
    assertInvalid("bcos_getBlock", "[18446744073709551621]", range); // 2^64 + 5
    assertInvalid("bcos_getBlock", "[\"9999999999999999999\"]", range);
    assertInvalid("bcos_getBlock", "[9223372036854775808]", range); // 2^63
    assertInvalid("bcos_getBlock", "[-1]", range);
    assertInvalid("bcos_getBlock", "[5.0]", range);
    assertInvalid("bcos_getBlock", "[\"0x5\"]", range);
    assertInvalid("bcos_getBlock", "[\"-5\"]", range);
    assertInvalid("bcos_getBlock", "[1e3]", range);
    assertEquals(5, call("bcos_getBlock", "[5]").path("result").path("height").asLong());
    assertEquals(5, call("bcos_getBlock", "[\"5\"]").path("result").path("height").asLong());
    assertEquals("NOT_FOUND", call("bcos_getBlock", "[9223372036854775807]")
        .path("error").path("data").path("reason").asText());
  }

  @Test
  void everyIntegerParameterIsCheckedTheSameWay() throws Exception {
    String issue = "issue id must be an integer in 0..2^63-1";
    assertInvalid("dvs_getIssue", "[18446744073709551617]", issue);
    assertInvalid("dvs_tally", "[\"99999999999999999999\"]", issue);
    assertInvalid("dvs_result", "[-3]", issue);
    assertInvalid("dvs_getCommunity", "[1.5]", "community id must be an integer");
    assertInvalid("dvs_createdBy", "[\"" + RpcTestNode.DEV.address() + "\", 18446744073709551616]",
        "height must be an integer");
    assertInvalid("bcos_getBlock", "[1, \"yes\"]", "fullTransactions must be true or false");
    assertInvalid("bcos_getAccount", "[\"" + RpcTestNode.DEV.address() + "\", 1]",
        "withProof must be true or false");
    assertInvalid("bcos_getTransaction", "[12]", "transaction hash must be a string");
    assertInvalid("bcos_chainId", "[1]", "at most 0 parameters");
  }
}
