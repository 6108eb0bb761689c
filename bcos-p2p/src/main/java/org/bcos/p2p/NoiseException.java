package org.bcos.p2p;

/** A Noise handshake or transport message could not be processed (bad tag, bad key, bad size). */
public final class NoiseException extends Exception {
  private static final long serialVersionUID = 1L;

  public NoiseException(String message) {
    super(message);
  }
}
