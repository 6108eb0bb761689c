package org.bcos.ledger;

/** Always-on invariant checks (not {@code assert}): a violation is a bug and stops the node. */
public final class Invariants {
  private Invariants() {}

  /** Thrown when the ledger's own invariants break; never caught to carry on. */
  public static final class InvariantViolation extends IllegalStateException {
    public InvariantViolation(String message) {
      super(message);
    }
  }

  public static void check(boolean condition, String what) {
    if (!condition) throw new InvariantViolation("invariant violated: " + what);
  }
}
