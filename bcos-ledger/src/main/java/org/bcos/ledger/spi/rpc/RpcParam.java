package org.bcos.ledger.spi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One positional parameter of a method: its name, JSON schema, whether it must be given, and a
 * sentence for people. Becomes an OpenRPC content descriptor.
 */
public record RpcParam(String name, JsonNode schema, boolean required, String description) {
  public RpcParam {
    RpcMethodSpec.requireText(name, "parameter name");
    Objects.requireNonNull(schema, "schema");
    RpcMethodSpec.requireText(description, "description of " + name);
    schema = schema.deepCopy();
  }

  /** A parameter the call must give. */
  public static RpcParam required(String name, JsonNode schema, String description) {
    return new RpcParam(name, schema, true, description);
  }

  /** A parameter the call may leave out (or give as {@code null}). */
  public static RpcParam optional(String name, JsonNode schema, String description) {
    return new RpcParam(name, schema, false, description);
  }

  /** A copy: the record stays immutable although JSON nodes are not. */
  @Override
  public JsonNode schema() {
    return schema.deepCopy();
  }
}
