package org.bcos.ledger.dvs;

import java.util.List;
import java.util.Objects;
import org.bcos.ledger.dvs.api.IssueTally;

/**
 * A count of an issue with what explains it: the tally (as stored at the close, or live) and the
 * ballot method's own count it was decided from. Computed on request, never stored.
 *
 * @param tally the count as {@code dvs_tally} gives it
 * @param candidates the issue option index of each ballot position ({@code -1}: the status quo);
 *     yes/no issues: empty (their positions are the choices yes, no, abstain, veto)
 * @param count the method's count the tally's winners come from
 */
public record IssueCount(IssueTally tally, List<Integer> candidates, MethodCount count) {
  public IssueCount {
    Objects.requireNonNull(tally);
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(count);
  }

  /** The issue option (or yes/no choice) at a ballot position. */
  public int option(int position) {
    return candidates.isEmpty() ? position : candidates.get(position);
  }

  /** The full ranking's places in issue option indices (yes/no: choice indices). */
  public List<List<Integer>> places() {
    return count.places().stream().map(p -> p.stream().map(this::option).toList()).toList();
  }
}
