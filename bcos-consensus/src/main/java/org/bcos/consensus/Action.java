package org.bcos.consensus;

import java.util.Objects;

/** What the machine asks its host to do. Dispatch with a pattern {@code switch}, no default. */
public sealed interface Action
    permits Action.Broadcast, Action.ScheduleTimeout, Action.Decide, Action.ReportEvidence {

  /** Send a signed message to all validators (including, by gossip, back to this node's peers). */
  record Broadcast(ConsensusMessage message) implements Action {
    public Broadcast {
      Objects.requireNonNull(message, "message");
    }
  }

  /** Call {@link TendermintMachine#onTimeout} with {@link #timeout()} after {@code durationMillis}. */
  record ScheduleTimeout(TimeoutKind kind, long height, int round, long durationMillis)
      implements Action {
    public Timeout timeout() {
      return new Timeout(kind, height, round);
    }
  }

  /**
   * The value is decided at {@code height}; the certificate proves it. The host commits it and then
   * calls {@link TendermintMachine#start(long)} with {@code height + 1}.
   */
  record Decide(long height, int round, byte[] value, CommitCertificate certificate)
      implements Action {
    public Decide {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Decide d
          && height == d.height
          && round == d.round
          && java.util.Arrays.equals(value, d.value)
          && certificate.equals(d.certificate);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(height, round, java.util.Arrays.hashCode(value), certificate);
    }
  }

  /** A validator equivocated; gossip the evidence and put it on chain. Reported once per offence. */
  record ReportEvidence(Evidence evidence) implements Action {}
}
