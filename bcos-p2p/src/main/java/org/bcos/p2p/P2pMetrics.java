package org.bcos.p2p;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the P2P layer, ready to export (e.g. as Prometheus counters). Thread-safe. */
public final class P2pMetrics {
  private final AtomicLongArray penalties = new AtomicLongArray(Penalty.values().length);
  final LongAdder handshakesCompleted = new LongAdder();
  final LongAdder handshakesFailed = new LongAdder();
  final LongAdder connectionsRefused = new LongAdder();
  final LongAdder bans = new LongAdder();
  final LongAdder framesIn = new LongAdder();
  final LongAdder framesOut = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder bytesOut = new LongAdder();
  final LongAdder messagesDropped = new LongAdder();

  void penalty(Penalty p) {
    penalties.incrementAndGet(p.ordinal());
  }

  public long penaltyCount(Penalty p) {
    return penalties.get(p.ordinal());
  }

  public long handshakesCompleted() {
    return handshakesCompleted.sum();
  }

  public long handshakesFailed() {
    return handshakesFailed.sum();
  }

  public long bans() {
    return bans.sum();
  }

  public long messagesDropped() {
    return messagesDropped.sum();
  }

  public long connectionsRefused() {
    return connectionsRefused.sum();
  }

  public long framesIn() {
    return framesIn.sum();
  }

  public long framesOut() {
    return framesOut.sum();
  }

  public long bytesIn() {
    return bytesIn.sum();
  }

  public long bytesOut() {
    return bytesOut.sum();
  }

  /** Every counter by a stable metric name, sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    for (Penalty p : Penalty.values()) out.put("p2p_penalty_total{reason=\"" + p + "\"}", penaltyCount(p));
    out.put("p2p_handshakes_completed_total", handshakesCompleted.sum());
    out.put("p2p_handshakes_failed_total", handshakesFailed.sum());
    out.put("p2p_connections_refused_total", connectionsRefused.sum());
    out.put("p2p_bans_total", bans.sum());
    out.put("p2p_frames_in_total", framesIn.sum());
    out.put("p2p_frames_out_total", framesOut.sum());
    out.put("p2p_bytes_in_total", bytesIn.sum());
    out.put("p2p_bytes_out_total", bytesOut.sum());
    out.put("p2p_messages_dropped_total", messagesDropped.sum());
    return out;
  }
}
