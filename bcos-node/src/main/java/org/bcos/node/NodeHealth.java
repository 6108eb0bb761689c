package org.bcos.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What is wrong with this node right now, by name, as {@code GET /health} reports it. A fault is
 * raised where it is detected (a failed storage write, a double-sign guard that cannot write, low
 * disk space) with what an operator should do, logged once when it appears and once when it
 * clears. Faults that mean the node cannot make progress make it {@code unhealthy} (HTTP 503) and
 * stop transaction admission, so nothing is accepted that would later be lost without a word.
 */
public final class NodeHealth {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.health");
  /** A named condition; {@code blocking} ones stop admission and make the node unhealthy. */
  public enum Fault {
    /** A block could not be written to storage (disk full, I/O error). */
    STORAGE_WRITE_FAILED(true),
    /** The double-sign guard could not record a message: this validator signs nothing. */
    SIGNING_GUARD_UNAVAILABLE(true),
    /** The consensus write-ahead log could not be written or read. */
    CONSENSUS_LOG_FAILED(true),
    /** Free space on the data directory's disk is below the critical floor. */
    DISK_SPACE_CRITICAL(true),
    /** Free space on the data directory's disk is below the warning level. */
    DISK_SPACE_LOW(false),
    /**
     * The chain's next block runs under a protocol version this software lacks: consensus and
     * sync stopped before it, nothing committed under the old rules.
     */
    UPGRADE_REQUIRED(true);

    private final boolean blocking;

    Fault(boolean blocking) {
      this.blocking = blocking;
    }

    public boolean blocking() {
      return blocking;
    }
  }

  /** One raised fault: what happened, what to do, since when. */
  public record Condition(Fault fault, String detail, String action, Instant since) {}

  private final Map<Fault, Condition> faults = new EnumMap<>(Fault.class);

  /** Raises {@code fault} (logged the first time); a raised fault keeps its first time. */
  public synchronized void raise(Fault fault, String detail, String action) {
    Condition before = faults.get(fault);
    faults.put(fault, new Condition(fault, detail, action,
        before == null ? Instant.now() : before.since()));
    if (before == null) {
      String line = fault + ": " + detail + ". " + action;
      if (fault.blocking()) LOG.error(line);
      else LOG.warn(line);
    }
  }

  /** Clears {@code fault} (logged when it was raised). */
  public synchronized void clear(Fault fault) {
    if (faults.remove(fault) != null) LOG.info(fault + " cleared");
  }

  public synchronized boolean has(Fault fault) {
    return faults.containsKey(fault);
  }

  /** The first blocking fault, or null when the node may admit transactions. */
  public synchronized Condition blockingFault() {
    for (Condition c : faults.values()) {
      if (c.fault().blocking()) return c;
    }
    return null;
  }

  /** The {@code /health} body: status ok / degraded (warnings) / unhealthy, and every fault. */
  public synchronized ObjectNode render(ObjectMapper json) {
    ObjectNode body = json.createObjectNode();
    String status = blockingFault() != null ? "unhealthy" : faults.isEmpty() ? "ok" : "degraded";
    body.put("status", status);
    ArrayNode list = body.putArray("faults");
    for (Condition c : faults.values()) {
      list.addObject().put("fault", c.fault().name()).put("detail", c.detail())
          .put("action", c.action()).put("since", c.since().toString());
    }
    return body;
  }
}
