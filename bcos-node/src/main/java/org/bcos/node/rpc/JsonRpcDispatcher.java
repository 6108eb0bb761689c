package org.bcos.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.WorkBudget;

/**
 * JSON-RPC 2.0 envelopes: single calls and bounded batches, with the standard error objects.
 * Every error carries {@code data.reason}, a stable upper-case name. A request runs within one
 * {@link WorkBudget}: each call is charged, and between calls the deadline and the client's
 * connection are checked, so a batch stops when either is gone.
 */
final class JsonRpcDispatcher {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.rpc");
  /** The method table a request is dispatched to. */
  @FunctionalInterface
  interface Methods {
    JsonNode call(String method, RpcArgs args, WorkBudget budget);
  }

  private final int maxBatch;
  private final Consumer<String> stopped;

  /**
   * @param stopped told the reason each time a request is stopped by its budget (for metrics)
   */
  JsonRpcDispatcher(int maxBatch, Consumer<String> stopped) {
    this.maxBatch = maxBatch;
    this.stopped = stopped;
  }

  /**
   * Handles a request body; returns the response text, or null when there is nothing to send
   * (notifications only, or the client has gone).
   */
  String handle(String body, Methods methods, WorkBudget budget) {
    try {
      return handleRequest(body, methods, budget);
    } finally {
      if (budget.stopReason() != null) stopped.accept(budget.stopReason());
    }
  }

  private String handleRequest(String body, Methods methods, WorkBudget budget) {
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
      ObjectNode response = one(request, methods, budget);
      return response == null || clientGone(response) ? null : write(response);
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
      ObjectNode r = one(call, methods, budget);
      if (r != null && clientGone(r)) return null; // nobody to answer: stop the whole batch
      if (r != null) responses.add(r);
    }
    return responses.isEmpty() ? null : write(responses);
  }

  private static boolean clientGone(ObjectNode response) {
    return "CLIENT_GONE".equals(response.path("error").path("data").path("reason").asText());
  }

  private ObjectNode one(JsonNode call, Methods methods, WorkBudget budget) {
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
      budget.charge(RpcCosts.CALL);
      JsonNode result = methods.call(call.get("method").asText(), new RpcArgs((ArrayNode) params),
          budget);
      if (id == null) return null;
      ObjectNode ok = JsonViews.JSON.createObjectNode();
      ok.put("jsonrpc", "2.0");
      ok.set("id", id);
      ok.set("result", result);
      return ok;
    } catch (RpcException e) {
      // a stop is reported even for a notification: it tells the batch loop to end
      if (e.code() == RpcException.CLIENT_GONE) return error(id, e.code(), e.reason(), "");
      return id == null ? null : error(id, e.code(), e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("internal error in " + call.get("method").asText() + ": " + e);
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
