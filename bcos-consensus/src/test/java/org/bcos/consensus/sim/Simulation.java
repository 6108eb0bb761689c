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
import org.bcos.consensus.ConsensusTime;
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
import org.bcos.consensus.VoteType;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Hash;

/**
 * N real {@link TendermintMachine}s over a simulated network, all randomness from one seed, time
 * virtual. Faults (drops, long delays, duplicates, late proposals, a quiet decider, a partition, a
 * crash and restart) end at the scenario's heal time; one validator is Byzantine throughout (see
 * {@link Adversary}). Safety is checked on every decision, liveness by a virtual-time bound after
 * healing, and evidence against the Byzantine validator (and only it) must appear.
 *
 * <p>A node persists what a real one does: its decided heights with their proof, and a log of the
 * inputs of the height in progress (the consensus WAL), replayed after a restart; since the machine
 * is deterministic, the replay rebuilds its exact state and it never signs twice.
 *
 * <p>What the nodes agree on is an {@link Application}: opaque values here ({@link
 * #ABSTRACT_VALUES}), real ledgers with validator-set changes in bcos-testkit.
 */
public final class Simulation {
  /** The chain id every simulated validator signs for. */
  public static final String CHAIN_ID = "bcos-sim";
  static final long LIVENESS_BOUND_MILLIS = 120_000;
  static final int MIN_HEIGHTS = 5;
  static final int HEIGHTS_AFTER_HEAL = 2;
  static final long COMMIT_DELAY_MILLIS = 100;
  static final long GOSSIP_MILLIS = 700;
  static final long MAX_EVENTS = 3_000_000;
  static final ConsensusConfig TIMEOUTS =
      ConsensusConfig.defaults(CHAIN_ID).withTimeouts(1000, 500, 500, 250, 500, 250);
  static final long MAX_QUIET_MILLIS = 5_000;
  /** {@code -Dbcos.sim.trace=I} prints every input and action of node I (for replaying a seed). */
  private static final int TRACE_NODE = Integer.getInteger("bcos.sim.trace", -1);

  /** Builds each node's machine (the mutation tests pass one that builds broken machines). */
  @FunctionalInterface
  public interface MachineFactory {
    TendermintMachine create(
        ValidatorSchedule schedule,
        ConsensusConfig config,
        Signer signer,
        ValueSource app,
        SignatureVerifier verifier);
  }

  public static final MachineFactory HONEST = TendermintMachine::new;
  private static final List<Ed25519KeyPair> KEYS = keys(8);

  /**
   * What the nodes agree on, and what they do with decisions and evidence. The default ({@link
   * #ABSTRACT_VALUES}) has each proposer propose its own opaque value under the genesis schedule;
   * bcos-testkit plugs in real ledgers. Each node's part survives its crashes (it is its disk).
   */
  public interface Application {
    /**
     * The schedule a machine of {@code node} is built with now; a machine is rebuilt when a new
     * height starts and this returns another instance (a validator-set change).
     */
    ValidatorSchedule schedule(int node);

    /** The value source of {@code node}'s machines. */
    ValueSource values(int node);

    /** {@code node} decided (safety and certificate checked): a failure message, or null. */
    String decided(int node, Action.Decide decision);

    /** {@code node} reported evidence (checked to be against the Byzantine validator). */
    void evidence(int node, Evidence evidence);

    /** Whether the application's own goal is met (the run ends when this and liveness hold). */
    boolean done();

    /**
     * Whether {@code node}'s software cannot run {@code height} (a protocol version it lacks): it
     * then stops before it as a node does (no machine: no proposal, no vote), and is started
     * again, from its last decided height, once this turns false (its operator installed the
     * release). Never by default.
     */
    default boolean stopsBefore(int node, long height) {
      return false;
    }

    /**
     * {@code node} received a precommit of the height it decided last (a slower validator's, or
     * a late decider's own precommit): a node adds it to the certificate the next block carries
     * (docs/GOVERNANCE.md "Late precommits"). Nothing by default.
     */
    default void latePrecommit(int node, Vote precommit) {}

    /** What a liveness failure reports of the application (empty by default). */
    default String status() {
      return "";
    }
  }

  /**
   * Builds a run's application from its scenario and the run's virtual {@link ConsensusTime}
   * (milliseconds since the start; its tasks are events of the run, ordered as all others).
   */
  @FunctionalInterface
  public interface ApplicationFactory {
    Application create(Scenario scenario, ConsensusTime time);
  }

  /** Opaque values, each proposer its own, so competing values exist in every height. */
  public static final ApplicationFactory ABSTRACT_VALUES = (sc, time) -> {
    ValidatorSchedule schedule = genesisSchedule(sc);
    return new Application() {
      @Override
      public ValidatorSchedule schedule(int node) {
        return schedule;
      }

      @Override
      public ValueSource values(int node) {
        return new SimValues(node);
      }

      @Override
      public String decided(int node, Action.Decide decision) {
        return null;
      }

      @Override
      public void evidence(int node, Evidence evidence) {}

      @Override
      public boolean done() {
        return true;
      }
    };
  };

  /** The key of simulated validator {@code node} (the same in every run). */
  public static Ed25519KeyPair key(int node) {
    return KEYS.get(node);
  }

  /** The outcome of one seed; {@code failure} starts with its kind (SAFETY, LIVENESS, ...). */
  public record Result(
      Scenario scenario, long heights, long virtualMillis, long events, long deliveries,
      int evidence, long signatureChecks, TreeMap<String, Long> faults, String failure) {
    public boolean ok() {
      return failure == null;
    }

    public boolean safetyViolated() {
      return failure != null && failure.startsWith("SAFETY");
    }

    public long seed() {
      return scenario.seed();
    }
  }

  private sealed interface Event permits Deliver, Task, Gossip, Crash, Restart, Heal, Resume {}

  private record Deliver(int to, int from, ConsensusMessage message) implements Event {}

  /** A task of the run's {@link ConsensusTime} (timeouts, starting the next height). */
  private record Task(Runnable task) implements Event {}

  private record Gossip(int node, int incarnation) implements Event {}

  private record Crash(int node) implements Event {}

  private record Restart(int node) implements Event {}

  private record Heal() implements Event {}

  /** A node stopped before an upgrade checks whether its software can run the height now. */
  private record Resume(int node) implements Event {}

  private record Scheduled(long at, long seq, Event event) {}

  /** A simulated node; the fields marked persisted survive a crash. */
  private static final class Node {
    final int index;
    final Ed25519KeyPair key;
    TendermintMachine machine;
    ValidatorSchedule schedule;
    boolean up = true;
    /** Stopped before a height its software cannot run, until the application says it can. */
    boolean stoppedForUpgrade;
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
  private final Application app;
  private final CachingVerifier verifier = new CachingVerifier(Ed25519.verifier());
  private final List<Node> nodes = new ArrayList<>();
  private final MachineFactory factory;
  private final boolean checkCertificates;
  private final Adversary adversary;
  private final TreeMap<String, Long> faults = new TreeMap<>();
  private final long[] quietUntil;
  private final PriorityQueue<Scheduled> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final TreeMap<Long, Hash> decided = new TreeMap<>();
  private final TreeMap<String, Evidence> evidence = new TreeMap<>();
  private long now;
  private long seq;
  /** Virtual time, the simulation's side of the clock seam: tasks are events of the run. */
  private final ConsensusTime time = new ConsensusTime() {
    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public void schedule(long delayMillis, Runnable task) {
      at(now + delayMillis, new Task(task));
    }
  };
  private long events;
  private long deliveries;
  private long targetHeight = MIN_HEIGHTS;
  private String failure;

  Simulation(long seed, MachineFactory factory, boolean checkCertificates,
      ApplicationFactory apps) {
    this.sc = Scenario.fromSeed(seed);
    this.factory = factory;
    this.checkCertificates = checkCertificates;
    this.quietUntil = new long[sc.size()];
    this.net = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.app = apps.create(sc, time);
    for (int i = 0; i < sc.size(); i++) nodes.add(new Node(i, KEYS.get(i)));
    this.adversary =
        new Adversary(sc, Signer.of(KEYS.get(sc.byzantine())), CHAIN_ID, new Adversary.World() {
          @Override
          public void send(int from, int to, ConsensusMessage m) {
            Simulation.this.send(from, to, m);
          }

          @Override
          public Hash firstProposalValue(int peer, long height, int round) {
            return Simulation.this.firstProposalValue(peer, height, round);
          }

          @Override
          public int proposer(long height, int round) {
            org.bcos.types.Address a =
                app.schedule(sc.byzantine()).rotationAt(height).proposer(round).address();
            for (int i = 0; i < sc.size(); i++) if (KEYS.get(i).address().equals(a)) return i;
            throw new IllegalStateException("proposer is not a simulated node");
          }
        });
  }

  static Result run(long seed) {
    return run(seed, HONEST, true);
  }

  /**
   * Runs one seed with machines from {@code factory}; without {@code checkCertificates} a decision
   * with a short certificate is not itself a failure (so a broken quorum rule shows as a fork).
   */
  public static Result run(long seed, MachineFactory factory, boolean checkCertificates) {
    return run(seed, factory, checkCertificates, ABSTRACT_VALUES);
  }

  /** Runs one seed of honest machines agreeing on {@code apps}' values. */
  public static Result run(long seed, ApplicationFactory apps) {
    return run(seed, HONEST, true, apps);
  }

  private static Result run(long seed, MachineFactory factory, boolean checkCertificates,
      ApplicationFactory apps) {
    return new Simulation(seed, factory, checkCertificates, apps).run();
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
            + ", evidence " + evidence.size() + app.status() + " " + states();
        break;
      }
      now = s.at;
      dispatch(s.event);
    }
    faults.put("byzantineRewrites", adversary.rewritten);
    return new Result(sc, decided.size(), now, events, deliveries, evidence.size(),
        verifier.verified, faults, failure);
  }

  // ---------------------------------------------------------------- events

  private void dispatch(Event e) {
    switch (e) {
      case Deliver d -> deliver(nodes.get(d.to()), d.from(), d.message());
      case Task t -> t.task().run();
      case Gossip g -> gossip(nodes.get(g.node()), g.incarnation());
      case Crash c -> crash(nodes.get(c.node()));
      // a node stopped for an upgrade may have been resumed since its crash: it is up already
      case Restart r -> {
        if (!nodes.get(r.node()).up) restart(nodes.get(r.node()));
      }
      case Heal h -> targetHeight = Math.max(MIN_HEIGHTS, maxHeight() + HEIGHTS_AFTER_HEAL);
      case Resume r -> resume(nodes.get(r.node()));
    }
  }

  /**
   * {@code n}'s software cannot run {@code height}: it stops as a node does, with nothing of that
   * height started (no WAL entry, no vote), and checks again every gossip interval.
   */
  private void stopForUpgrade(Node n) {
    fault("upgradeStop");
    n.stoppedForUpgrade = true;
    n.up = false;
    n.machine = null;
    n.incarnation++;
    n.wal.clear();
    at(now + GOSSIP_MILLIS, new Resume(n.index));
  }

  private void resume(Node n) {
    if (!n.stoppedForUpgrade) return;
    if (app.stopsBefore(n.index, n.decidedHeight + 1)) {
      at(now + GOSSIP_MILLIS, new Resume(n.index));
      return;
    }
    n.stoppedForUpgrade = false;
    restart(n);
  }

  /**
   * Starts the next height with a fresh WAL. Messages of that height that arrived early were logged
   * in the old WAL and buffered by the machine, which processes them as if they came right after
   * the start: so the new WAL lists them after the start, and a replay rebuilds the same state.
   */
  private void startNext(Node n, long height) {
    List<Object> early = new ArrayList<>();
    for (Object o : n.wal) if (o instanceof ConsensusMessage m && m.height() == height) early.add(o);
    n.wal.clear();
    if (app.stopsBefore(n.index, height)) {
      stopForUpgrade(n);
      return;
    }
    if (app.schedule(n.index) != n.schedule) {
      // the set changed: a machine on the new schedule, fed the early messages as a replay would
      n.machine = newMachine(n);
      input(n, height);
      for (Object o : early) input(n, o);
      return;
    }
    input(n, height);
    n.wal.addAll(early);
  }

  private void deliver(Node n, int from, ConsensusMessage m) {
    if (!n.up) return;
    deliveries++;
    if (m.height() <= n.decidedHeight) {
      if (m.height() == n.decidedHeight && m instanceof Vote v
          && v.type() == VoteType.PRECOMMIT) {
        app.latePrecommit(n.index, v);
      }
      catchUp(n, from, m.height());
      return;
    }
    if (m.height() > n.decidedHeight + 1) {
      // the sender is ahead: it serves the height this node is missing, as block sync does
      Node sender = nodes.get(from);
      if (sender.up) catchUp(sender, n.index, n.decidedHeight + 1);
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
    fault("crash");
    n.up = false;
    n.machine = null;
    n.incarnation++;
  }

  /** Restart from persisted state: replay the WAL of the height in progress, else start afresh. */
  private void restart(Node n) {
    if (n.stoppedForUpgrade) return; // a scenario restart of a stopped node: it stays stopped
    if (app.stopsBefore(n.index, n.decidedHeight + 1)) {
      stopForUpgrade(n);
      return;
    }
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
    if (TRACE_NODE == n.index) System.out.println("[trace] " + now + " node " + n.index + " <- " + in);
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
    if (TRACE_NODE == n.index || (TRACE_NODE == -2 && a instanceof Action.Decide)) {
      System.out.println("[trace] " + now + " node " + n.index + " -> " + a);
    }
    switch (a) {
      case Action.Broadcast b -> broadcast(n, b.message());
      case Action.ScheduleTimeout t -> {
        int incarnation = n.incarnation;
        time.schedule(t.durationMillis(), () -> {
          if (n.up && n.incarnation == incarnation) input(n, t.timeout());
        });
        if (t.kind() == org.bcos.consensus.TimeoutKind.PROPOSE && n.index != sc.byzantine()) {
          adversary.roundStarted(t.height(), t.round());
        }
      }
      case Action.Decide d -> onDecide(n, d);
      case Action.ReportEvidence e -> onEvidence(n, e.evidence());
    }
  }

  private void broadcast(Node n, ConsensusMessage m) {
    if (n.index == sc.byzantine()) {
      adversary.broadcast(m);
      return;
    }
    for (int to = 0; to < nodes.size(); to++) if (to != n.index) send(n.index, to, m);
  }

  /** What the omniscient adversary reads: the first proposal {@code peer} holds for the round. */
  private Hash firstProposalValue(int peer, long height, int round) {
    TendermintMachine m = nodes.get(peer).machine;
    if (m == null || m.height() != height) return null;
    for (ConsensusMessage msg : m.messagesOfHeight()) {
      if (msg instanceof Proposal p && p.round() == round) return p.valueId();
    }
    return null;
  }

  private void onDecide(Node n, Action.Decide d) {
    Hash id = Proposal.valueId(d.value());
    Hash prior = decided.putIfAbsent(d.height(), id);
    if (prior != null && !prior.equals(id)) {
      failure = "SAFETY: node " + n.index + " decided " + id + " at height " + d.height()
          + " round " + d.round() + " but " + prior + " was decided before";
      return;
    }
    if (prior == null) maybeQuiet(n);
    CommitCertificate cert = d.certificate();
    fault("decision");
    for (CommitCertificate.Signature s : cert.signatures()) {
      if (s.validator().equals(n.key.address())) fault("decisionSignedByDecider");
    }
    if (!cert.valueId().equals(id)
        || (checkCertificates && !cert.verify(CHAIN_ID, n.machine.validatorSet(), verifier))) {
      failure = "CERTIFICATE: node " + n.index + " at height " + d.height() + " has a bad certificate";
      return;
    }
    if (d.height() != n.decidedHeight + 1) {
      failure = "ORDER: node " + n.index + " decided " + d.height() + " after " + n.decidedHeight;
      return;
    }
    failure = app.decided(n.index, d);
    if (failure != null) return;
    n.decidedHeight = d.height();
    List<ConsensusMessage> proof = new ArrayList<>();
    for (ConsensusMessage m : n.machine.messagesOfHeight()) {
      if (m instanceof Proposal p && p.round() == d.round() && p.valueId().equals(id)) proof.add(p);
    }
    proof.addAll(cert.precommits());
    n.proofs.put(d.height(), proof);
    int incarnation = n.incarnation;
    long next = d.height() + 1;
    time.schedule(COMMIT_DELAY_MILLIS, () -> {
      if (n.up && n.incarnation == incarnation && n.decidedHeight == next - 1) startNext(n, next);
    });
  }

  private void onEvidence(Node n, Evidence e) {
    if (!e.offender().equals(KEYS.get(sc.byzantine()).address())) {
      failure = "EVIDENCE against honest validator " + e.offender() + ": " + e;
      return;
    }
    if (!e.verify(CHAIN_ID, app.schedule(n.index).setAt(e.height()), verifier)) {
      failure = "EVIDENCE does not verify: " + e;
    }
    evidence.put(Arrays.toString(e.encode()), e);
    app.evidence(n.index, e);
  }

  // ---------------------------------------------------------------- the network

  private void send(int from, int to, ConsensusMessage m) {
    boolean faulty = now < sc.healAtMillis();
    if (faulty && net.nextInt(1000) < sc.dropPerMille()) {
      fault("drop");
      return;
    }
    if (faulty && sc.partitioned(from, to, now)) {
      fault("partitionDrop");
      return;
    }
    at(now + delay(faulty, from, to, m), new Deliver(to, from, m));
    if (net.nextInt(1000) < sc.duplicatePerMille()) {
      fault("duplicate");
      at(now + delay(faulty, from, to, m), new Deliver(to, from, m));
    }
  }

  private long delay(boolean faulty, int from, int to, ConsensusMessage m) {
    long d = 1 + net.nextInt(50);
    if (!faulty) return d;
    if (net.nextInt(1000) < sc.longDelayPerMille()) {
      fault("longDelay");
      d += net.nextInt(3000);
    }
    if (m instanceof Proposal p && net.nextInt(1000) < sc.lateProposalPerMille()) {
      fault("lateProposal"); // arrives after the receiver's propose timeout of that round
      d += TIMEOUTS.timeoutMillis(org.bcos.consensus.TimeoutKind.PROPOSE, p.round())
          + net.nextInt(1000);
    }
    if (m instanceof Proposal p && adversary.delaysProposalTo(to, p.height(), p.round())) {
      fault("heldBack");
      d += 2 * TIMEOUTS.timeoutMillis(org.bcos.consensus.TimeoutKind.PROPOSE, p.round())
          + net.nextInt(2000);
    }
    if (quietUntil[from] > now) d = Math.max(d, quietUntil[from] - now + net.nextInt(50));
    if (adversary.holdsBack(to, m)) {
      fault("heldBack");
      d += 2000 + net.nextInt(4000);
    }
    return d;
  }

  /** The first node to decide a height may go quiet, so the others go on without its decision. */
  private void maybeQuiet(Node n) {
    if (now >= sc.healAtMillis() || net.nextInt(1000) >= sc.quietDeciderPerMille()) return;
    fault("quietDecider");
    quietUntil[n.index] = Math.min(sc.healAtMillis(), now + 1000 + net.nextLong(MAX_QUIET_MILLIS));
  }

  private void fault(String kind) {
    faults.merge(kind, 1L, Long::sum);
  }

  // ---------------------------------------------------------------- helpers

  private void at(long time, Event e) {
    queue.add(new Scheduled(time, seq++, e));
  }

  private boolean finished() {
    if (now < sc.healAtMillis() || evidence.isEmpty() || !app.done()) return false;
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
          .append(n.decidedHeight).append(n.stoppedForUpgrade ? " STOPPED-FOR-UPGRADE" : "")
          .append(" wal=").append(n.wal.size());
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
    n.schedule = app.schedule(n.index);
    return factory.create(n.schedule, TIMEOUTS, Signer.of(n.key), app.values(n.index), verifier);
  }

  private static ValidatorSchedule genesisSchedule(Scenario sc) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < sc.size(); i++) vs.add(new Validator(KEYS.get(i).address(), sc.powers()[i]));
    return ValidatorSchedule.genesis(new ValidatorSet(vs));
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
