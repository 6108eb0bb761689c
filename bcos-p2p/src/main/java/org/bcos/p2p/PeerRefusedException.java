package org.bcos.p2p;

/** A peer was refused for a named reason; the reason is also its penalty. */
public final class PeerRefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final Penalty reason;

  public PeerRefusedException(Penalty reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Penalty reason() {
    return reason;
  }
}
