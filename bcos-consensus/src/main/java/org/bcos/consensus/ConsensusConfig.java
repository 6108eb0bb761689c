package org.bcos.consensus;

import org.bcos.types.ChainId;

/**
 * The chain the machine signs for, timeouts (base + round × delta, so they grow per round until the
 * network is synchronous again) and limits of the machine.
 *
 * @param chainId the chain's id (as in the genesis and in transactions; {@link ChainId}'s rule);
 *     every vote and proposal signs over it, so a signed message of one chain never verifies on
 *     another
 * @param maxRoundsAhead messages for rounds further than this beyond the current round are dropped
 *     (bounds memory against a validator spraying high rounds)
 * @param maxBufferedNextHeight messages for the next height kept until {@code start(h + 1)}
 * @param maxProposalsPerRound distinct signed proposals kept per round (more than one only when the
 *     proposer equivocates); a proposal for a value that already has more than 1/3 of the prevote or
 *     precommit power of its round is kept beyond the limit, so a decision can always complete
 */
public record ConsensusConfig(
    String chainId,
    long proposeBaseMillis,
    long proposeDeltaMillis,
    long prevoteBaseMillis,
    long prevoteDeltaMillis,
    long precommitBaseMillis,
    long precommitDeltaMillis,
    int maxRoundsAhead,
    int maxBufferedNextHeight,
    int maxProposalsPerRound) {

  public ConsensusConfig {
    ChainId.check(chainId);
    if (proposeBaseMillis <= 0 || prevoteBaseMillis <= 0 || precommitBaseMillis <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (proposeDeltaMillis < 0 || prevoteDeltaMillis < 0 || precommitDeltaMillis < 0) {
      throw new IllegalArgumentException("timeout deltas must be >= 0");
    }
    if (maxRoundsAhead < 1 || maxBufferedNextHeight < 0 || maxProposalsPerRound < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The default timeouts (3 s propose, 1 s prevote/precommit, +0.5 s per round) and limits. */
  public static ConsensusConfig defaults(String chainId) {
    return new ConsensusConfig(chainId, 3000, 500, 1000, 500, 1000, 500, 64, 10_000, 4);
  }

  /** This configuration with other timeouts (same chain id and limits). */
  public ConsensusConfig withTimeouts(
      long proposeBase, long proposeDelta, long prevoteBase, long prevoteDelta, long precommitBase,
      long precommitDelta) {
    return new ConsensusConfig(chainId, proposeBase, proposeDelta, prevoteBase, prevoteDelta,
        precommitBase, precommitDelta, maxRoundsAhead, maxBufferedNextHeight, maxProposalsPerRound);
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
