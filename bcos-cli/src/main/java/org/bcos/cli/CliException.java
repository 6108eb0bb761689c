package org.bcos.cli;

/**
 * A user-facing error: printed as one line {@code error: REASON: sentence}, exit code 1. Every
 * reason is a stable name documented in README.md or docs/RPC.md (ErrorReasonsDocumentedTest).
 */
final class CliException extends RuntimeException {
  private final String reason;

  CliException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The same failure with more said after its sentence (what was done about it). */
  CliException withMore(String more) {
    return new CliException(reason, getMessage() + more);
  }

  /** The same failure, said of {@code option} (which option's value it is about). */
  CliException of(String option) {
    return new CliException(reason, option + ": " + getMessage());
  }

  String reason() {
    return reason;
  }

  /** A ledger module's reason, found by the CLI before it signs (the node would refuse the same). */
  static CliException rejected(org.bcos.types.tx.Rejection reason, String message) {
    return new CliException(reason.name(), message);
  }
}
