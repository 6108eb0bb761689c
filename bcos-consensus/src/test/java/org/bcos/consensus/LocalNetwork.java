package org.bcos.consensus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import org.bcos.crypto.Ed25519KeyPair;

/**
 * A tiny synchronous network for unit tests: messages are delivered FIFO and instantly; when none
 * are left the earliest scheduled timeout fires. Nodes listed as absent neither send nor receive.
 */
final class LocalNetwork {
  record Pending(long at, long seq, int node, Timeout timeout) {}

  final List<TendermintMachine> machines = new ArrayList<>();
  final List<List<Action.Decide>> decisions = new ArrayList<>();
  final List<Action.ReportEvidence> evidence = new ArrayList<>();
  final Set<Integer> absent = new TreeSet<>();
  private final ArrayDeque<Object[]> queue = new ArrayDeque<>();
  private final PriorityQueue<Pending> timers =
      new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  LocalNetwork(List<Ed25519KeyPair> keys, ValidatorSchedule schedule, ValueSource app) {
    for (Ed25519KeyPair k : keys) {
      machines.add(
          new TendermintMachine(
              schedule, ConsensusConfig.defaults(TestKeys.CHAIN), Signer.of(k), app, TestKeys.VERIFIER));
      decisions.add(new ArrayList<>());
    }
  }

  void startAll(long height) {
    for (int i = 0; i < machines.size(); i++) {
      if (!absent.contains(i)) handle(i, machines.get(i).start(height));
    }
  }

  /** Runs until every present node decided {@code height} or {@code maxSteps} events passed. */
  void runUntilDecided(long height, int maxSteps) {
    for (int stepCount = 0; stepCount < maxSteps && !allDecided(height); stepCount++) {
      if (!queue.isEmpty()) {
        Object[] m = queue.poll();
        int to = (Integer) m[0];
        handle(to, machines.get(to).onMessage((ConsensusMessage) m[1]));
      } else if (!timers.isEmpty()) {
        Pending p = timers.poll();
        now = Math.max(now, p.at);
        handle(p.node, machines.get(p.node).onTimeout(p.timeout));
      } else {
        return;
      }
    }
  }

  boolean allDecided(long height) {
    for (int i = 0; i < machines.size(); i++) {
      if (absent.contains(i)) continue;
      if (decisions.get(i).stream().noneMatch(d -> d.height() == height)) return false;
    }
    return true;
  }

  void handle(int node, List<Action> actions) {
    for (Action a : actions) {
      switch (a) {
        case Action.Broadcast b -> {
          for (int to = 0; to < machines.size(); to++) {
            if (to != node && !absent.contains(to)) queue.add(new Object[] {to, b.message()});
          }
        }
        case Action.ScheduleTimeout t ->
            timers.add(new Pending(now + t.durationMillis(), seq++, node, t.timeout()));
        case Action.Decide d -> decisions.get(node).add(d);
        case Action.ReportEvidence e -> evidence.add(e);
      }
    }
  }
}
