package org.bcos.crypto;

/** A keystore operation failed for an expected reason; {@link #reason()} says which. */
public final class KeystoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a keystore operation failed. */
  public enum Reason {
    /** No key file with that name. */
    NOT_FOUND,
    /** A key with that name exists already; keys are never overwritten. */
    ALREADY_EXISTS,
    /** The name does not match {@code [a-z0-9][a-z0-9_-]{0,31}}. */
    INVALID_NAME,
    /** The passphrase does not open the key file (or the file's encrypted part was altered). */
    WRONG_PASSPHRASE,
    /** The key file cannot be read, parsed or trusted. */
    CORRUPT
  }

  private final Reason reason;

  /** Creates the exception; the message is a full sentence for the user. */
  public KeystoreException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Creates the exception with an underlying cause. */
  public KeystoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the operation failed. */
  public Reason reason() {
    return reason;
  }
}
