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

  String reason() {
    return reason;
  }
}
