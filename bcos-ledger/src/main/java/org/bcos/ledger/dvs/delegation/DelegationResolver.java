package org.bcos.ledger.dvs.delegation;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Resolves each member's effective delegate for one issue from the per-scope delegations: the
 * {@link DelegationScope#ISSUE issue} delegate if set, else the delegate on the nearest area from
 * the issue's area up to the root, else the {@link DelegationScope#COMMUNITY community} one ("the
 * most specific wins"). O(members + delegations on the path): tables are applied from the least
 * specific to the most specific, each overwriting the previous.
 */
public final class DelegationResolver {
  private DelegationResolver() {}

  /**
   * @param memberCount members are {@code 0..memberCount-1}
   * @param community community-scope delegations
   * @param areaPath area-scope delegations of the issue's area, its parent, ... the root area
   *     (most specific first), as {@link AreaTree#pathToRoot} orders them
   * @param issue issue-scope delegations
   * @return {@code delegateOf[member]}, {@code -1} where none applies
   * @throws IllegalArgumentException if a table names a member outside {@code 0..memberCount-1}
   */
  public static int[] resolve(int memberCount, DelegationTable community,
      List<DelegationTable> areaPath, DelegationTable issue) {
    if (memberCount < 0) throw new IllegalArgumentException("negative member count");
    int[] delegateOf = new int[memberCount];
    Arrays.fill(delegateOf, -1);
    apply(delegateOf, community);
    for (int i = areaPath.size() - 1; i >= 0; i--) apply(delegateOf, areaPath.get(i));
    apply(delegateOf, issue);
    return delegateOf;
  }

  /**
   * As {@link #resolve(int, DelegationTable, List, DelegationTable)}, walking {@code areas} up
   * from {@code issueArea}; {@code tableOfArea} returns an area's delegations ({@link
   * DelegationTable#EMPTY} if none) and is called once per area on the path.
   */
  public static int[] resolve(int memberCount, DelegationTable community, AreaTree areas,
      int issueArea, IntFunction<DelegationTable> tableOfArea, DelegationTable issue) {
    int[] path = areas.pathToRoot(issueArea);
    DelegationTable[] tables = new DelegationTable[path.length];
    for (int i = 0; i < path.length; i++) tables[i] = tableOfArea.apply(path[i]);
    return resolve(memberCount, community, Arrays.asList(tables), issue);
  }

  private static void apply(int[] delegateOf, DelegationTable table) {
    int n = delegateOf.length;
    for (int e = 0; e < table.size(); e++) {
      int from = table.delegator(e);
      int to = table.delegate(e);
      if (from >= n || to >= n) {
        throw new IllegalArgumentException("delegation " + from + " -> " + to
            + " names a member outside 0.." + (n - 1));
      }
      delegateOf[from] = to;
    }
  }
}
