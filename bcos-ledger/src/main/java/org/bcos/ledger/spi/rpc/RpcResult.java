package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** What a method answers: a name and JSON schema (an OpenRPC content descriptor). */
public record RpcResult(String name, JsonNode schema) {
  public RpcResult {
    RpcMethodSpec.requireText(name, "result name");
    schema = Objects.requireNonNull(schema, "schema").deepCopy();
  }

  /** A copy: the record stays immutable although JSON nodes are not. */
  @Override
  public JsonNode schema() {
    return schema.deepCopy();
  }
}
