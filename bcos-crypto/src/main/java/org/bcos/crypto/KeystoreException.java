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
    CORRUPT,
    /** An empty passphrase for a key that is not a development key (new or existing). */
    EMPTY_PASSPHRASE,
    /** The key file's scrypt parameters are below the accepted floor (N = 2^15, 32 MiB). */
    KDF_TOO_WEAK,
    /** The key file's scrypt parameters are above the accepted ceilings (memory or work). */
    KDF_TOO_COSTLY,
    /** The JVM's heap cannot hold the memory the key file's scrypt parameters need. */
    KDF_MEMORY_UNAVAILABLE,
    /** Another command holds the key's lock for longer than the wait allowed. */
    LOCK_TIMEOUT
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
