package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;

/**
 * Generates the OpenRPC 1.2 document (https://spec.open-rpc.org) of the node's API from the
 * method specs, so clients can be generated from what the node really serves. Parameters are
 * by position; methods are listed by name; WebSocket-only methods name the {@code /ws} server.
 */
final class OpenRpcDocument {
  static final String OPENRPC_VERSION = "1.2.6";
  static final String TITLE = "BCOS node API";

  private OpenRpcDocument() {}

  static ObjectNode of(String version, List<RpcMethodSpec> methods,
      List<RpcMethodSpec> webSocketOnly) {
    ObjectNode doc = RpcJson.object().put("openrpc", OPENRPC_VERSION);
    doc.putObject("info").put("title", TITLE).put("version", version).put("description",
        "JSON-RPC 2.0 over HTTP (POST /rpc) and WebSocket (/ws); docs/RPC.md is the guide."
            + " Every error carries data.reason, a stable name.");
    ArrayNode servers = doc.putArray("servers");
    servers.addObject().put("name", "http").put("url", "/rpc");
    servers.addObject().put("name", "websocket").put("url", "/ws");
    List<RpcMethodSpec> sorted = new ArrayList<>(methods);
    sorted.addAll(webSocketOnly);
    sorted.sort(Comparator.comparing(RpcMethodSpec::name));
    ArrayNode out = doc.putArray("methods");
    for (RpcMethodSpec m : sorted) {
      ObjectNode method = method(out.addObject(), m);
      if (webSocketOnly.contains(m)) {
        method.putArray("servers").addObject().put("name", "websocket").put("url", "/ws");
      }
    }
    return doc;
  }

  private static ObjectNode method(ObjectNode n, RpcMethodSpec m) {
    n.put("name", m.name()).put("summary", m.summary());
    if (!m.description().isEmpty()) n.put("description", m.description());
    n.put("paramStructure", "by-position");
    ArrayNode params = n.putArray("params");
    for (RpcParam p : m.params()) {
      params.addObject().put("name", p.name()).put("description", p.description())
          .put("required", p.required()).set("schema", p.schema());
    }
    n.putObject("result").put("name", m.result().name()).set("schema", m.result().schema());
    if (!m.failures().isEmpty()) {
      ArrayNode errors = n.putArray("errors");
      for (RpcFailure f : m.failures()) {
        errors.addObject().put("code", f.code()).put("message", f.when())
            .putObject("data").put("reason", f.reason());
      }
    }
    return n;
  }
}
