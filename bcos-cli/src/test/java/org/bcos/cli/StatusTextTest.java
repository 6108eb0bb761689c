package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bcos.client.JsonTree;
import org.bcos.crypto.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

/** {@code bcos status} for people: named fields, and the validator set as a table, not JSON. */
class StatusTextTest {
  private static final String A = key(1);
  private static final String B = key(2);

  private static String key(int seed) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) seed;
    return Ed25519KeyPair.fromSeed(bytes).address().toString();
  }

  private static List<String> printed(JsonNode status, Map<String, String> monikers) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StatusText.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), status, monikers);
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void theValidatorSetIsATableWithMonikersPowerAndShare() throws Exception {
    JsonNode status = JsonTree.parse(("{\"chainId\":\"bcos-dev\",\"height\":41,"
        + "\"headTimeMillis\":1796000000000,\"validators\":[{\"address\":\"" + A
        + "\",\"power\":3000000},{\"address\":\"" + B + "\",\"power\":1000000}],"
        + "\"lastCommit\":{\"height\":41,\"round\":0,\"signers\":2},"
        + "\"consensus\":{\"height\":42,\"round\":1,\"step\":\"PREVOTE\",\"validators\":2,"
        + "\"totalPower\":4000000,\"lastCommitRound\":0,\"lastCommitSigners\":2},"
        + "\"minFee\":\"0.0001\",\"minFeeUnits\":\"10000\"}"));
    List<String> lines = printed(status, Map.of(A, "alice"));
    String text = String.join("\n", lines);
    assertFalse(text.contains("{"), "no raw JSON: " + text);
    assertTrue(lines.contains("headTimeMillis: 2026-11-30T00:53:20Z"), text);
    assertTrue(lines.contains("validators:     2 (power 4,000,000, below)"), text);
    assertTrue(lines.contains("lastCommit:     height 41, round 0, 2 signers"), text);
    assertTrue(lines.contains("consensus:      height 42, round 1, step PREVOTE; 2 validators,"
        + " power 4,000,000; last commit round 0 with 2 signers"), text);
    assertTrue(lines.contains("minFee:         0.0001 DDC"), text);
    int head = lines.indexOf("validator set of height 42:");
    assertTrue(head > 0, text);
    String pad = " ".repeat(A.length() - "consensus key".length() + 2);
    assertEquals("consensus key" + pad + "moniker  power (DDC)  share", lines.get(head + 1));
    assertEquals(A + "  alice    3,000,000    75%", lines.get(head + 2));
    assertEquals(B + "  -        1,000,000    25%", lines.get(head + 3));
  }

  @Test
  void anEmptySetSaysSo() throws Exception {
    JsonNode status = JsonTree.parse("{\"height\":0,\"validators\":[]}");
    List<String> lines = printed(status, Map.of());
    assertEquals(List.of("height:     0", "validators: 0 (power 0, below)", "",
        "validator set of height 1:", "  (empty)"), lines);
  }
}
