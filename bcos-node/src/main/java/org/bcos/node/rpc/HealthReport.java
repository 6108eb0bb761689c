package org.bcos.node.rpc;

/** What {@code GET /health} answers: 200 when healthy, 503 otherwise, with the JSON body. */
public record HealthReport(boolean healthy, String json) {}
