package org.bcos.ledger.spi.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.junit.jupiter.api.Test;

/** The schema checker the result-schema tests rely on finds each kind of departure. */
class SchemaCheckTest {
  private static final JsonNode SCHEMA = JsonSchemas.object().field("hash", JsonSchemas.hash())
      .field("height", JsonSchemas.uint()).optional("to", JsonSchemas.address())
      .field("kind", JsonSchemas.anyOf(JsonSchemas.oneOfText("a"), JsonSchemas.bool())).build();

  private static List<String> errors(String json) throws Exception {
    return SchemaCheck.errors(SCHEMA, RpcJson.MAPPER.readTree(json));
  }

  private static final String HASH = "\"" + "ab".repeat(32) + "\"";

  @Test
  void aConformingValueHasNoErrors() throws Exception {
    assertEquals(List.of(), errors("{\"hash\":" + HASH + ",\"height\":3,\"kind\":\"a\"}"));
  }

  @Test
  void eachDepartureIsNamedWithItsPlace() throws Exception {
    assertTrue(errors("{\"height\":3,\"kind\":true}").get(0).contains("missing hash"));
    assertTrue(errors("{\"hash\":" + HASH + ",\"height\":3,\"kind\":true,\"extra\":1}").get(0)
        .contains("undeclared property extra"));
    assertTrue(errors("{\"hash\":\"zz\",\"height\":3,\"kind\":true}").get(0)
        .contains("$.hash: does not match"));
    assertTrue(errors("{\"hash\":" + HASH + ",\"height\":-1,\"kind\":true}").get(0)
        .contains("$.height: below 0"));
    assertTrue(errors("{\"hash\":" + HASH + ",\"height\":\"3\",\"kind\":true}").get(0)
        .contains("$.height: not integer"));
    assertTrue(errors("{\"hash\":" + HASH + ",\"height\":3,\"kind\":\"b\"}").get(0)
        .contains("matches 0 of oneOf"));
  }
}
