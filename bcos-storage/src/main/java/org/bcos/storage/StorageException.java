package org.bcos.storage;

/**
 * A storage failure the caller cannot fix by retrying the same call: the data directory is in use,
 * unreadable or inconsistent with the declared columns, the disk refused a write, or the store is
 * closed. The message is meant for operators.
 */
public final class StorageException extends RuntimeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
