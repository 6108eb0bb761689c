package org.bcos.node.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Hash;

/**
 * The upgrade module's {@code upgrade_status} with what only the node knows: for each plan,
 * {@code releaseStored}, whether its release artifact is verified in the node's {@link
 * ReleaseStore}. The ledger answers from committed state and never looks at files; this wrapper
 * takes its place in the node's method table under the same name and spec.
 */
public final class ReleaseStatusMethod implements RpcMethod {
  /** The method this one completes. */
  public static final String NAME = "upgrade_status";
  private final RpcMethod status;
  private final ReleaseStore store;

  private ReleaseStatusMethod(RpcMethod status, ReleaseStore store) {
    this.status = status;
    this.store = store;
  }

  /** The module methods with {@code upgrade_status} (when there) answering the store's facts. */
  public static List<RpcMethod> wrap(List<RpcMethod> moduleMethods, ReleaseStore store) {
    List<RpcMethod> out = new ArrayList<>(moduleMethods.size());
    for (RpcMethod m : moduleMethods) {
      out.add(m.name().equals(NAME) ? new ReleaseStatusMethod(m, store) : m);
    }
    return out;
  }

  @Override
  public RpcMethodSpec spec() {
    return status.spec();
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    JsonNode out = status.call(args, budget);
    mark(out.path("scheduled"));
    for (JsonNode p : out.path("planned")) mark(p);
    for (JsonNode p : out.path("applied")) mark(p);
    return out;
  }

  private void mark(JsonNode plan) {
    if (plan instanceof ObjectNode o && o.hasNonNull("release")) {
      o.put("releaseStored", store.has(Hash.fromHex(o.get("release").asText())));
    }
  }
}
