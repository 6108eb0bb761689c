package org.bcos.consensus.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bcos.consensus.Action;
import org.bcos.consensus.CommitCertificate;
import org.bcos.consensus.ConsensusConfig;
import org.bcos.consensus.ConsensusMessage;
import org.bcos.consensus.Evidence;
import org.bcos.consensus.Proposal;
import org.bcos.consensus.Signer;
import org.bcos.consensus.TendermintMachine;
import org.bcos.consensus.Timeout;
import org.bcos.consensus.Validator;
import org.bcos.consensus.ValidatorSchedule;
import org.bcos.consensus.ValidatorSet;
import org.bcos.consensus.ValueSource;
import org.bcos.consensus.Vote;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Hash;

/**
 * N real {@link TendermintMachine}s over a simulated network, all randomness from one seed, time
 * virtual. Faults (drops, long delays, duplicates, a partition, a crash and restart) end at the
 * scenario's heal time; one validator equivocates throughout. Safety is checked on every decision,
 * liveness by a virtual-time bound after healing, and the equivocator's evidence must appear.
 *
 * <p>A node persists what a real one does: its decided heights with their proof, and a log of the
 * inputs of the height in progress (the consensus WAL), replayed after a restart; since the machine
 * is deterministic, the replay rebuilds its exact state and it never signs twice.
 */
final class Simulation {
  static final long LIVENESS_BOUND_MILLIS = 120_000;
  static final int MIN_HEIGHTS = 5;
  static final int HEIGHTS_AFTER_HEAL = 2;
  static final long COMMIT_DELAY_MILLIS = 100;
  static final long GOSSIP_MILLIS = 700;
  static final long MAX_EVENTS = 3_000_000;
  static final ConsensusConfig TIMEOUTS =
      new ConsensusConfig(1000, 500, 500, 250, 500, 250, 64, 10_000);
  private static final List<Ed25519KeyPair> KEYS = keys(8);

  record Result(
      Scenario scenario, long heights, long virtualMillis, long events, long deliveries,
      int evidence, long signatureChecks, String failure) {
    boolean ok() {
      return failure == null;
    }
  }

  private sealed interface Event permits Deliver, Fire, Gossip, Crash, Restart, StartNext, Heal {}

  private record Deliver(int to, int from, ConsensusMessage message) implements Event {}

  private record Fire(int node, int incarnation, Timeout timeout) implements Event {}

  private record Gossip(int node, int incarnation) implements Event {}

  private record Crash(int node) implements Event {}

  private record Restart(int node) implements Event {}

  private record StartNext(int node, int incarnation, long height) implements Event {}

  private record Heal() implements Event {}

  private record Scheduled(long at, long seq, Event event) {}

  /** A simulated node; the fields marked persisted survive a crash. */
  private static final class Node {
    final int index;
    final Ed25519KeyPair key;
    TendermintMachine machine;
    boolean up = true;
    int incarnation;
    long decidedHeight; // persisted
    final TreeMap<Long, List<ConsensusMessage>> proofs = new TreeMap<>(); // persisted
    final List<Object> wal = new ArrayList<>(); // persisted
    final TreeMap<Long, Long> lastCatchUp = new TreeMap<>();

    Node(int index, Ed25519KeyPair key) {
      this.index = index;
      this.key = key;
    }
  }

  private final Scenario sc;
  private final SplittableRandom net;
  private final ValidatorSchedule schedule;
  private final CachingVerifier verifier = new CachingVerifier(Ed25519.verifier());
  private final List<Node> nodes = new ArrayList<>();
  private final PriorityQueue<Scheduled> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final TreeMap<Long, Hash> decided = new TreeMap<>();
  private final TreeMap<String, Evidence> evidence = new TreeMap<>();
  private long now;
  private long seq;
  private long events;
  private long deliveries;
  private long targetHeight = MIN_HEIGHTS;
  private String failure;

  Simulation(long seed) {
    this.sc = Scenario.fromSeed(seed);
    this.net = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < sc.size(); i++) vs.add(new Validator(KEYS.get(i).address(), sc.powers()[i]));
    this.schedule = ValidatorSchedule.genesis(new ValidatorSet(vs));
    for (int i = 0; i < sc.size(); i++) nodes.add(new Node(i, KEYS.get(i)));
  }

  static Result run(long seed) {
    return new Simulation(seed).run();
  }

  Result run() {
    for (Node n : nodes) {
      n.machine = newMachine(n);
      input(n, 1L);
      at(net.nextLong(GOSSIP_MILLIS), new Gossip(n.index, n.incarnation));
    }
    if (sc.crashNode() >= 0) {
      at(sc.crashAtMillis(), new Crash(sc.crashNode()));
      at(sc.restartAtMillis(), new Restart(sc.crashNode()));
    }
    at(sc.healAtMillis(), new Heal());
    long deadline = sc.healAtMillis() + LIVENESS_BOUND_MILLIS;
    while (failure == null && !finished()) {
      Scheduled s = queue.poll();
      if (s == null || s.at > deadline || ++events > MAX_EVENTS) {
        failure = "LIVENESS: at " + now + "ms heights " + heights() + ", target " + targetHeight
            + ", evidence " + evidence.size() + " " + states();
        break;
      }
      now = s.at;
      dispatch(s.event);
    }
    return new Result(sc, decided.size(), now, events, deliveries, evidence.size(),
        verifier.verified, failure);
  }

  // ---------------------------------------------------------------- events

  private void dispatch(Event e) {
    switch (e) {
      case Deliver d -> deliver(nodes.get(d.to()), d.from(), d.message());
      case Fire f -> {
        Node n = nodes.get(f.node());
        if (n.up && n.incarnation == f.incarnation()) input(n, f.timeout());
      }
      case Gossip g -> gossip(nodes.get(g.node()), g.incarnation());
      case Crash c -> crash(nodes.get(c.node()));
      case Restart r -> restart(nodes.get(r.node()));
      case StartNext s -> {
        Node n = nodes.get(s.node());
        if (n.up && n.incarnation == s.incarnation() && n.decidedHeight == s.height() - 1) {
          n.wal.clear();
          input(n, s.height());
        }
      }
      case Heal h -> targetHeight = Math.max(MIN_HEIGHTS, maxHeight() + HEIGHTS_AFTER_HEAL);
    }
  }

  private void deliver(Node n, int from, ConsensusMessage m) {
    if (!n.up) return;
    deliveries++;
    if (m.height() <= n.decidedHeight) {
      catchUp(n, from, m.height());
      return;
    }
    input(n, m);
  }

  /** A peer is behind: send it the proposal and precommits that decided its height (as sync does). */
  private void catchUp(Node n, int peer, long height) {
    List<ConsensusMessage> proof = n.proofs.get(height);
    long key = height * 64 + peer;
    Long last = n.lastCatchUp.get(key);
    if (proof == null || (last != null && now - last < GOSSIP_MILLIS)) return;
    n.lastCatchUp.put(key, now);
    for (ConsensusMessage m : proof) send(n.index, peer, m);
  }

  private void gossip(Node n, int incarnation) {
    if (!n.up || n.incarnation != incarnation) return;
    for (ConsensusMessage m : n.machine.messagesOfHeight()) {
      for (int to = 0; to < nodes.size(); to++) if (to != n.index) send(n.index, to, m);
    }
    at(now + GOSSIP_MILLIS, new Gossip(n.index, incarnation));
  }

  private void crash(Node n) {
    n.up = false;
    n.machine = null;
    n.incarnation++;
  }

  /** Restart from persisted state: replay the WAL of the height in progress, else start afresh. */
  private void restart(Node n) {
    n.up = true;
    n.machine = newMachine(n);
    List<Object> log = new ArrayList<>(n.wal);
    n.wal.clear();
    if (log.isEmpty() || !log.get(0).equals(n.decidedHeight + 1)) {
      log = List.of(n.decidedHeight + 1);
    }
    for (Object input : log) input(n, input);
    at(now + net.nextLong(GOSSIP_MILLIS), new Gossip(n.index, n.incarnation));
  }

  // ---------------------------------------------------------------- node input and output

  private void input(Node n, Object in) {
    n.wal.add(in);
    List<Action> actions =
        switch (in) {
          case Long height -> n.machine.start(height);
          case Timeout t -> n.machine.onTimeout(t);
          case ConsensusMessage m -> n.machine.onMessage(m);
          default -> throw new IllegalStateException("unknown input " + in);
        };
    for (Action a : actions) perform(n, a);
  }

  private void perform(Node n, Action a) {
    switch (a) {
      case Action.Broadcast b -> broadcast(n, b.message());
      case Action.ScheduleTimeout t ->
          at(now + t.durationMillis(), new Fire(n.index, n.incarnation, t.timeout()));
      case Action.Decide d -> onDecide(n, d);
      case Action.ReportEvidence e -> onEvidence(e.evidence());
    }
  }

  private void broadcast(Node n, ConsensusMessage m) {
    if (n.index == sc.byzantine() && m instanceof Vote v) {
      equivocate(n, v);
      return;
    }
    for (int to = 0; to < nodes.size(); to++) if (to != n.index) send(n.index, to, m);
  }

  /** The Byzantine validator tells some peers its vote and others a conflicting, signed one. */
  private void equivocate(Node n, Vote honest) {
    Hash other =
        honest.isNil()
            ? Proposal.valueId(("evil " + honest.height() + "/" + honest.round())
                .getBytes(StandardCharsets.US_ASCII))
            : null;
    Vote evil = Vote.sign(honest.type(), honest.height(), honest.round(), other, Signer.of(n.key));
    int sent = 0;
    for (int to = 0; to < nodes.size(); to++) {
      if (to == n.index) continue;
      boolean lie = sent == 0 ? false : sent == 1 || net.nextBoolean();
      send(n.index, to, lie ? evil : honest);
      sent++;
    }
  }

  private void onDecide(Node n, Action.Decide d) {
    Hash id = Proposal.valueId(d.value());
    Hash prior = decided.putIfAbsent(d.height(), id);
    if (prior != null && !prior.equals(id)) {
      failure = "SAFETY: node " + n.index + " decided " + id + " at height " + d.height()
          + " but " + prior + " was decided before";
      return;
    }
    CommitCertificate cert = d.certificate();
    if (!cert.valueId().equals(id) || !cert.verify(schedule.setAt(d.height()), verifier)) {
      failure = "CERTIFICATE: node " + n.index + " at height " + d.height() + " has a bad certificate";
      return;
    }
    if (d.height() != n.decidedHeight + 1) {
      failure = "ORDER: node " + n.index + " decided " + d.height() + " after " + n.decidedHeight;
      return;
    }
    n.decidedHeight = d.height();
    List<ConsensusMessage> proof = new ArrayList<>();
    for (ConsensusMessage m : n.machine.messagesOfHeight()) {
      if (m instanceof Proposal p && p.round() == d.round()) proof.add(p);
    }
    proof.addAll(cert.precommits());
    n.proofs.put(d.height(), proof);
    at(now + COMMIT_DELAY_MILLIS, new StartNext(n.index, n.incarnation, d.height() + 1));
  }

  private void onEvidence(Evidence e) {
    if (!e.offender().equals(KEYS.get(sc.byzantine()).address())) {
      failure = "EVIDENCE against honest validator " + e.offender() + ": " + e;
      return;
    }
    if (!e.verify(schedule.setAt(e.height()), verifier)) failure = "EVIDENCE does not verify";
    evidence.put(Arrays.toString(e.encode()), e);
  }

  // ---------------------------------------------------------------- the network

  private void send(int from, int to, ConsensusMessage m) {
    boolean faulty = now < sc.healAtMillis();
    if (faulty && (net.nextInt(1000) < sc.dropPerMille() || sc.partitioned(from, to, now))) return;
    at(now + delay(faulty), new Deliver(to, from, m));
    if (net.nextInt(1000) < sc.duplicatePerMille()) at(now + delay(faulty), new Deliver(to, from, m));
  }

  private long delay(boolean faulty) {
    long d = 1 + net.nextInt(50);
    if (faulty && net.nextInt(1000) < sc.longDelayPerMille()) d += net.nextInt(3000);
    return d;
  }

  // ---------------------------------------------------------------- helpers

  private void at(long time, Event e) {
    queue.add(new Scheduled(time, seq++, e));
  }

  private boolean finished() {
    if (now < sc.healAtMillis() || evidence.isEmpty()) return false;
    for (Node n : nodes) {
      if (n.index != sc.byzantine() && n.decidedHeight < targetHeight) return false;
    }
    return true;
  }

  private long maxHeight() {
    long max = 0;
    for (Node n : nodes) max = Math.max(max, n.decidedHeight);
    return max;
  }

  private String states() {
    StringBuilder b = new StringBuilder();
    for (Node n : nodes) {
      b.append("\n   node ").append(n.index).append(n.up ? " up" : " DOWN").append(" decided=")
          .append(n.decidedHeight).append(" wal=").append(n.wal.size());
      if (n.machine != null) {
        b.append(" h=").append(n.machine.height()).append(" r=").append(n.machine.round())
            .append(" step=").append(n.machine.step()).append(" decidedFlag=")
            .append(n.machine.isDecided()).append(" msgs=").append(n.machine.messagesOfHeight().size());
        if (Boolean.getBoolean("bcos.sim.verbose")) {
          b.append("\n     have ").append(n.machine.messagesOfHeight());
          b.append("\n     proofs ").append(n.proofs);
        }
      }
    }
    return b.toString();
  }

  private String heights() {
    long[] h = new long[nodes.size()];
    for (Node n : nodes) h[n.index] = n.decidedHeight;
    return Arrays.toString(h);
  }

  private TendermintMachine newMachine(Node n) {
    return new TendermintMachine(schedule, TIMEOUTS, Signer.of(n.key), new SimValues(n.index), verifier);
  }

  /** Each proposer proposes its own value, so competing values exist in every height. */
  private record SimValues(int node) implements ValueSource {
    @Override
    public byte[] proposeValue(long height, int round) {
      return ("block " + height + "/" + round + " from " + node).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean isValid(long height, byte[] value) {
      return true;
    }
  }

  private static List<Ed25519KeyPair> keys(int n) {
    List<Ed25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] seed = new byte[32];
      Arrays.fill(seed, (byte) (0x70 + i));
      out.add(Ed25519KeyPair.fromSeed(seed));
    }
    return out;
  }
}
