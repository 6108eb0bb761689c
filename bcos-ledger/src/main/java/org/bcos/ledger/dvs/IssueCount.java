package org.bcos.ledger.dvs;

import java.util.List;
import java.util.Objects;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.RegionRoll;

/**
 * A count of an issue with what explains it: the tally (as stored at the close, or live) and the
 * ballot method's own count it was decided from. Computed on request, never stored.
 *
 * @param tally the count as {@code dvs_tally} gives it
 * @param candidates the issue option index of each ballot position ({@code -1}: the status quo);
 *     yes/no issues: empty (their positions are the choices yes, no, abstain, veto)
 * @param count the method's count the tally's winners come from
 * @param rolls the roll behind each of the tally's region cells, in the same order
 * @param silentRegions regions on the roll where no weight was counted (in no cell)
 */
public record IssueCount(IssueTally tally, List<Integer> candidates, MethodCount count,
    List<RegionRoll> rolls, List<RegionRoll> silentRegions) {
  public IssueCount {
    Objects.requireNonNull(tally);
    candidates = List.copyOf(candidates);
    Objects.requireNonNull(count);
    rolls = List.copyOf(rolls);
    silentRegions = List.copyOf(silentRegions);
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
