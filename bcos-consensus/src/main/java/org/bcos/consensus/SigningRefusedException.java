package org.bcos.consensus;

import org.bcos.types.Hash;

/**
 * A {@link Signer} would not sign a consensus message: it conflicts with one this validator already
 * signed ({@link Reason#CONFLICT}), or the double-sign guard could not record it durably first
 * ({@link Reason#GUARD_UNAVAILABLE}, e.g. a full disk or no file descriptors left). The machine
 * then acts as if this validator were silent for that step.
 */
public final class SigningRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a signature was refused. */
  public enum Reason {
    CONFLICT,
    GUARD_UNAVAILABLE
  }

  /** The vote this validator did sign for the refused step: its value, null for nil. */
  public record EarlierVote(Hash valueId) {}

  private final Reason reason;
  private final transient EarlierVote earlierVote;

  public SigningRefusedException(Reason reason, String message, Throwable cause) {
    this(reason, message, cause, null);
  }

  /**
   * A refusal that names the vote signed before for the same step ({@code earlierVote}, may be
   * null): the machine then re-casts that vote, the very same signed message, so a validator that
   * lost its state still takes part in the round.
   */
  public SigningRefusedException(Reason reason, String message, Throwable cause,
      EarlierVote earlierVote) {
    super(reason + ": " + message, cause);
    this.reason = reason;
    this.earlierVote = earlierVote;
  }

  public Reason reason() {
    return reason;
  }

  /** The conflicting vote signed before for this step, or null. */
  public EarlierVote earlierVote() {
    return earlierVote;
  }
}
