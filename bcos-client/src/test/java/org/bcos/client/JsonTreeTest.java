package org.bcos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming-only trees read and write exactly what an ObjectMapper reads and writes. */
class JsonTreeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SAMPLE = """
      {"jsonrpc":"2.0","id":9007199254740993,"result":{"height":7,"small":-3,
       "big":123456789012345678901234567890,"ratio":0.25,"exp":1e3,"neg":-2.5E-7,
       "ok":true,"no":false,"none":null,"text":"tab\\t quote\\" slash\\\\ é ✓ \\u0001",
       "empty":{},"list":[],"nested":[1,[2,{"a":"b"}],{"c":[null]}],"dup":1,"dup":2}}
      """;

  @Test
  void parsesToTheSameNodesAsReadTree() throws Exception {
    JsonNode ours = JsonTree.parse(SAMPLE.getBytes(StandardCharsets.UTF_8));
    assertEquals(MAPPER.readTree(SAMPLE), ours);
    assertEquals(MAPPER.readTree(SAMPLE), JsonTree.parse(SAMPLE));
    // equal trees with equal node classes (an IntNode is not a LongNode)
    assertEquals(MAPPER.readTree(SAMPLE).at("/result/height").getClass(),
        ours.at("/result/height").getClass());
    assertEquals(MAPPER.readTree(SAMPLE).at("/id").getClass(), ours.at("/id").getClass());
    assertEquals(MAPPER.readTree(SAMPLE).at("/result/big").getClass(),
        ours.at("/result/big").getClass());
    assertTrue(JsonTree.parse(new byte[0]).isMissingNode());
  }

  @Test
  void writesTheSameTextAsToStringAndThePrettyPrinter() throws Exception {
    JsonNode tree = MAPPER.readTree(SAMPLE);
    assertEquals(tree.toString(), JsonTree.compact(tree));
    assertEquals(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree),
        JsonTree.pretty(tree));
    JsonNode decimals = MAPPER.createObjectNode().put("d", new BigDecimal("1.50"))
        .put("f", 1.5f).put("s", (short) 4);
    assertEquals(decimals.toString(), JsonTree.compact(decimals));
  }

  @Test
  void valuesBecomeTheTreesValueToTreeMakes() {
    Object[] params = {"dd1abc", 7, 9_000_000_000L, true, null, new String[] {"a", "b"},
        List.of(1, "x"), BigInteger.TEN.pow(30), new BigDecimal("0.1"), Map.of("k", 1), 2.5,
        MAPPER.createObjectNode().put("n", 1)};
    assertEquals(MAPPER.valueToTree(params), JsonTree.toTree(params));
    assertEquals(MAPPER.valueToTree(params).toString(),
        BcosClient.request(1, "m", params).replaceFirst(".*\"params\":", "").replaceFirst("}$", ""));
  }

  @Test
  void refusesWhatIsNotOneJsonValue() {
    assertThrows(JsonProcessingException.class, () -> JsonTree.parse("{\"a\":1} trailing"));
    assertThrows(JsonProcessingException.class, () -> JsonTree.parse("{\"a\":"));
    assertThrows(JsonProcessingException.class, () -> JsonTree.parse("[1,]"));
    assertThrows(JsonProcessingException.class, () -> JsonTree.parse("<html>"));
  }
}
