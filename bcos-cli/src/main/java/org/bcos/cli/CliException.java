package org.bcos.cli;

/** A user-facing error: printed as one clear sentence, exit code 1. */
final class CliException extends RuntimeException {
  private final String reason;

  CliException(String message) {
    this("ERROR", message);
  }

  CliException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
