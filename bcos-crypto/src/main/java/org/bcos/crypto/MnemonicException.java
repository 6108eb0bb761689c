package org.bcos.crypto;

/** A mnemonic phrase is not a valid BIP-39 English phrase; the message says why. */
public final class MnemonicException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message for the user. */
  public MnemonicException(String message) {
    super(message);
  }
}
