package org.bcos.ledger.dvs;

import java.util.List;
import org.bcos.ledger.dvs.tally.IrvResult;
import org.bcos.ledger.dvs.tally.SchulzeResult;
import org.bcos.ledger.dvs.tally.TotalsResult;
import org.bcos.ledger.dvs.tally.YesNoParams;
import org.bcos.ledger.dvs.tally.YesNoResult;

/**
 * The ballot method's own count behind an issue's tally, in ballot positions (see
 * {@link IssueCount#candidates}): the same object the tally's winners were taken from, kept for
 * queries that explain the result (full ranking, Schulze matrices, IRV rounds). Never stored.
 */
public sealed interface MethodCount {
  /** Single choice, approval, score, quadratic. */
  record Totals(TotalsResult result) implements MethodCount {}

  /** Schulze (the status quo, when on, is the last position). */
  record Schulze(SchulzeResult result) implements MethodCount {}

  /** Instant runoff. */
  record Irv(IrvResult result) implements MethodCount {}

  /** Yes/no/abstain/veto with the rules it was decided by. */
  record YesNo(YesNoResult result, YesNoParams params) implements MethodCount {}

  /**
   * The places of the full ranking in ballot positions (yes/no: the choices yes, no, abstain,
   * veto); the method's winners are its first place.
   */
  default List<List<Integer>> places() {
    return switch (this) {
      case Totals t -> t.result().places();
      case Schulze s -> s.result().places();
      case Irv i -> i.result().places();
      case YesNo y -> y.result().places();
    };
  }
}
