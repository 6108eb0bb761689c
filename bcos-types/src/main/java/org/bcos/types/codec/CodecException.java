package org.bcos.types.codec;

/** Raised by strict decoding; {@link #reason()} is stable for API callers. */
public final class CodecException extends RuntimeException {
  /** Why bytes were refused. */
  public enum Reason {
    TRUNCATED,
    TRAILING_BYTES,
    NON_CANONICAL_VARINT,
    LENGTH_TOO_LARGE,
    INVALID_VALUE,
    /** A message tag no ledger module registers. */
    UNKNOWN_TYPE
  }

  private final Reason reason;

  public CodecException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
