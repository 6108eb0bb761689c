package org.bcos.consensus;

/**
 * Timeouts (base + round × delta, so they grow per round until the network is synchronous again)
 * and limits of the machine.
 *
 * @param maxRoundsAhead messages for rounds further than this beyond the current round are dropped
 *     (bounds memory against a validator spraying high rounds)
 * @param maxBufferedNextHeight messages for the next height kept until {@code start(h + 1)}
 */
public record ConsensusConfig(
    long proposeBaseMillis,
    long proposeDeltaMillis,
    long prevoteBaseMillis,
    long prevoteDeltaMillis,
    long precommitBaseMillis,
    long precommitDeltaMillis,
    int maxRoundsAhead,
    int maxBufferedNextHeight) {

  public static final ConsensusConfig DEFAULT =
      new ConsensusConfig(3000, 500, 1000, 500, 1000, 500, 64, 10_000);

  public ConsensusConfig {
    if (proposeBaseMillis <= 0 || prevoteBaseMillis <= 0 || precommitBaseMillis <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (proposeDeltaMillis < 0 || prevoteDeltaMillis < 0 || precommitDeltaMillis < 0) {
      throw new IllegalArgumentException("timeout deltas must be >= 0");
    }
    if (maxRoundsAhead < 1 || maxBufferedNextHeight < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public long timeoutMillis(TimeoutKind kind, int round) {
    return switch (kind) {
      case PROPOSE -> grow(proposeBaseMillis, proposeDeltaMillis, round);
      case PREVOTE -> grow(prevoteBaseMillis, prevoteDeltaMillis, round);
      case PRECOMMIT -> grow(precommitBaseMillis, precommitDeltaMillis, round);
    };
  }

  private static long grow(long base, long delta, int round) {
    return Math.addExact(base, Math.multiplyExact(delta, (long) round));
  }
}
