package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * The JSON-RPC methods by name, built once at node start from the node's core methods and the
 * ledger modules' methods, plus {@code rpc.discover}. A name given twice stops the node at start;
 * an unknown name is {@code METHOD_NOT_FOUND}. The OpenRPC document is generated from the same
 * table, so it lists exactly what can be called.
 */
public final class RpcMethodTable {
  private final Map<String, RpcMethod> methods;
  private final Runnable onCall;
  private final ObjectNode openRpc;
  private final String openRpcText;

  private RpcMethodTable(Map<String, RpcMethod> methods, Runnable onCall, ObjectNode openRpc) {
    this.methods = methods;
    this.onCall = onCall;
    this.openRpc = openRpc;
    this.openRpcText = JsonRpcDispatcher.write(openRpc);
  }

  /**
   * Joins the method lists into one table.
   *
   * @param version the node's version, the OpenRPC document's {@code info.version}
   * @param onCall run for every call dispatched through the table, known method or not (metrics)
   * @throws IllegalStateException when two methods share a name, or a method takes a name the
   *     node keeps for itself ({@code rpc.discover}, the WebSocket subscription methods)
   */
  public static RpcMethodTable of(String version, List<RpcMethod> core, List<RpcMethod> modules,
      Runnable onCall) {
    Map<String, RpcMethod> byName = new TreeMap<>();
    List<RpcMethod> all = new ArrayList<>(core);
    all.addAll(modules);
    for (RpcMethod m : all) register(byName, m);
    refuseReserved(byName, RpcDiscoverMethod.SPEC, "OpenRPC's discovery method");
    for (RpcMethodSpec ws : WebSocketMethods.SPECS) {
      refuseReserved(byName, ws, "a WebSocket subscription method");
    }
    List<RpcMethodSpec> specs = new ArrayList<>();
    byName.values().forEach(m -> specs.add(m.spec()));
    specs.add(RpcDiscoverMethod.SPEC);
    ObjectNode document = OpenRpcDocument.of(version, specs, WebSocketMethods.SPECS);
    byName.put(RpcDiscoverMethod.SPEC.name(), new RpcDiscoverMethod(document));
    return new RpcMethodTable(Map.copyOf(byName), onCall, document);
  }

  private static void register(Map<String, RpcMethod> byName, RpcMethod m) {
    RpcMethod earlier = byName.putIfAbsent(m.name(), m);
    if (earlier != null) {
      throw new IllegalStateException("two RPC methods are named '" + m.name() + "': "
          + earlier.getClass().getName() + " and " + m.getClass().getName()
          + "; every method name must be unique");
    }
  }

  private static void refuseReserved(Map<String, RpcMethod> byName, RpcMethodSpec reserved,
      String what) {
    RpcMethod taken = byName.get(reserved.name());
    if (taken != null) {
      throw new IllegalStateException("RPC method " + taken.getClass().getName() + " is named '"
          + reserved.name() + "', which the node keeps for " + what);
    }
  }

  /** Runs the named method, or refuses an unknown name with {@code METHOD_NOT_FOUND}. */
  JsonNode call(String name, RpcArgs args, WorkBudget budget) {
    onCall.run();
    RpcMethod method = methods.get(name);
    if (method == null) {
      throw new RpcException(RpcException.METHOD_NOT_FOUND, "METHOD_NOT_FOUND",
          "no method named '" + name + "'");
    }
    return invoke(method, args, budget);
  }

  /** The method named {@code name}, if the table has one. */
  java.util.Optional<RpcMethod> method(String name) {
    return java.util.Optional.ofNullable(methods.get(name));
  }

  /** Runs {@code method}, first refusing more arguments than its spec lists. */
  static JsonNode invoke(RpcMethod method, RpcArgs args, WorkBudget budget) {
    return method.call(args.atMost(method.spec().params().size()), budget);
  }

  /** The specs of every method callable through the table, by name. */
  public Collection<RpcMethodSpec> specs() {
    return new TreeMap<>(methods).values().stream().map(RpcMethod::spec).toList();
  }

  /** The OpenRPC document (a copy). */
  public ObjectNode openRpc() {
    return openRpc.deepCopy();
  }

  /** The OpenRPC document as served at {@code GET /openrpc.json}. */
  String openRpcText() {
    return openRpcText;
  }
}
