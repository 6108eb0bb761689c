package org.bcos.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiFunction;
import org.bcos.node.Log;

/**
 * JSON-RPC 2.0 envelopes: single calls and bounded batches, with the standard error objects.
 * Every error carries {@code data.reason}, a stable upper-case name.
 */
final class JsonRpcDispatcher {
  private final int maxBatch;

  JsonRpcDispatcher(int maxBatch) {
    this.maxBatch = maxBatch;
  }

  /** Handles a request body; returns the response text, or null when there is nothing to send. */
  String handle(String body, BiFunction<String, JsonNode, JsonNode> methods) {
    JsonNode request;
    try {
      request = JsonViews.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return write(error(null, RpcException.PARSE_ERROR, "PARSE_ERROR", "invalid JSON"));
    }
    if (request == null || request.isMissingNode()) {
      return write(error(null, RpcException.PARSE_ERROR, "PARSE_ERROR", "empty body"));
    }
    if (!request.isArray()) {
      ObjectNode response = one(request, methods);
      return response == null ? null : write(response);
    }
    if (request.isEmpty()) {
      return write(error(null, RpcException.INVALID_REQUEST, "INVALID_REQUEST", "empty batch"));
    }
    if (request.size() > maxBatch) {
      return write(error(null, RpcException.LIMIT_EXCEEDED, "LIMIT_EXCEEDED",
          "batch of " + request.size() + " calls exceeds the limit of " + maxBatch));
    }
    ArrayNode responses = JsonViews.JSON.createArrayNode();
    for (JsonNode call : request) {
      ObjectNode r = one(call, methods);
      if (r != null) responses.add(r);
    }
    return responses.isEmpty() ? null : write(responses);
  }

  private ObjectNode one(JsonNode call, BiFunction<String, JsonNode, JsonNode> methods) {
    JsonNode id = call.get("id");
    if (!call.isObject() || !"2.0".equals(call.path("jsonrpc").asText())
        || !call.path("method").isTextual()) {
      return error(id, RpcException.INVALID_REQUEST, "INVALID_REQUEST",
          "a call needs jsonrpc \"2.0\" and a method name");
    }
    JsonNode params = call.has("params") ? call.get("params") : JsonViews.JSON.createArrayNode();
    if (!params.isArray()) {
      return error(id, RpcException.INVALID_PARAMS, "INVALID_PARAMS",
          "params must be a positional array");
    }
    try {
      JsonNode result = methods.apply(call.get("method").asText(), params);
      if (id == null) return null;
      ObjectNode ok = JsonViews.JSON.createObjectNode();
      ok.put("jsonrpc", "2.0");
      ok.set("id", id);
      ok.set("result", result);
      return ok;
    } catch (RpcException e) {
      return id == null ? null : error(id, e.code(), e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      Log.error("rpc", "internal error in " + call.get("method").asText() + ": " + e);
      return id == null ? null
          : error(id, RpcException.INTERNAL_ERROR, "INTERNAL_ERROR", "internal error");
    }
  }

  static ObjectNode error(JsonNode id, int code, String reason, String message) {
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("jsonrpc", "2.0");
    n.set("id", id);
    ObjectNode err = n.putObject("error");
    err.put("code", code);
    err.put("message", message);
    err.putObject("data").put("reason", reason);
    return n;
  }

  static String write(JsonNode node) {
    try {
      return JsonViews.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
