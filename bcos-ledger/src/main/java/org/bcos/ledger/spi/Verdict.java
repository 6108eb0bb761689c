package org.bcos.ledger.spi;

import org.bcos.types.tx.Rejection;

/** The outcome of a check: {@link #OK}, or a named rejection with a detail sentence. */
public record Verdict(Rejection rejection, String detail) {
  public static final Verdict OK = new Verdict(null, "");

  public static Verdict reject(Rejection rejection, String detail) {
    return new Verdict(rejection, detail);
  }

  public boolean ok() {
    return rejection == null;
  }

  /** Sentence for people: the reason's sentence plus the detail. */
  public String message() {
    if (ok()) return "ok";
    return detail.isEmpty() ? rejection.sentence() : rejection.sentence() + " (" + detail + ")";
  }
}
