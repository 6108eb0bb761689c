package org.bcos.consensus;

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

  private final Reason reason;

  public SigningRefusedException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
