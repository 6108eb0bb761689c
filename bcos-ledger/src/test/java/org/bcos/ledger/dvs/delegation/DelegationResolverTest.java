package org.bcos.ledger.dvs.delegation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelegationResolverTest {
  // areas: 0 = root, 1 = child of 0, 2 = child of 1, 3 = another child of 0
  private static final AreaTree AREAS = AreaTree.of(new int[] {-1, 0, 1, 0});
  private static final int M = 6;

  private static DelegationTable table(int... pairs) {
    int[] from = new int[pairs.length / 2];
    int[] to = new int[pairs.length / 2];
    for (int i = 0; i < from.length; i++) {
      from[i] = pairs[2 * i];
      to[i] = pairs[2 * i + 1];
    }
    return DelegationTable.of(from, to);
  }

  /** Member 0 has a delegate at every scope; others at fewer. */
  private static int[] resolveIn(int issueArea, DelegationTable issue) {
    DelegationTable community = table(0, 5, 1, 5, 2, 5, 3, 5);
    DelegationTable[] byArea = {
      table(0, 4, 1, 4, 2, 4), // root
      table(0, 3, 1, 3), // area 1
      DelegationTable.EMPTY, // area 2: inherits from 1
      table(2, 1) // area 3
    };
    return DelegationResolver.resolve(M, community, AREAS, issueArea, a -> byArea[a], issue);
  }

  @Test
  void issueBeatsAreaBeatsParentAreaBeatsCommunity() {
    int[] d = resolveIn(1, table(0, 2));
    assertArrayEquals(new int[] {2, 3, 4, 5, -1, -1}, d);
  }

  @Test
  void subAreaInheritsFromNearestAncestor() {
    assertArrayEquals(new int[] {3, 3, 4, 5, -1, -1}, resolveIn(2, DelegationTable.EMPTY));
  }

  @Test
  void siblingAreaDoesNotSeeOtherBranch() {
    assertArrayEquals(new int[] {4, 4, 1, 5, -1, -1}, resolveIn(3, DelegationTable.EMPTY));
  }

  @Test
  void rootAreaIssueUsesRootThenCommunity() {
    assertArrayEquals(new int[] {4, 4, 4, 5, -1, -1}, resolveIn(0, DelegationTable.EMPTY));
  }

  @Test
  void noDelegationsResolveToNone() {
    assertArrayEquals(new int[] {-1, -1}, DelegationResolver.resolve(2, DelegationTable.EMPTY,
        List.of(), DelegationTable.EMPTY));
  }

  @Test
  void pathToRootIsMostSpecificFirst() {
    assertArrayEquals(new int[] {2, 1, 0}, AREAS.pathToRoot(2));
    assertArrayEquals(new int[] {0}, AREAS.pathToRoot(0));
  }

  @Test
  void malformedInputsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> AreaTree.of(new int[] {1, 0}));
    assertThrows(IllegalArgumentException.class, () -> AreaTree.of(new int[] {0}));
    assertThrows(IllegalArgumentException.class, () -> AreaTree.of(new int[] {-1, 5}));
    assertThrows(IllegalArgumentException.class, () -> AREAS.pathToRoot(4));
    assertThrows(IllegalArgumentException.class, () -> table(1, 2, 0, 2)); // not ascending
    assertThrows(IllegalArgumentException.class, () -> table(1, 2, 1, 3)); // two per member
    assertThrows(IllegalArgumentException.class, () -> table(1, 1)); // self
    assertThrows(IllegalArgumentException.class, () -> table(1, -1));
    assertThrows(IllegalArgumentException.class, () -> DelegationResolver.resolve(2,
        table(0, 2), List.of(), DelegationTable.EMPTY));
  }

  @Test
  void denseTableRoundTrips() {
    int[] dense = {-1, 0, -1, 1};
    assertArrayEquals(dense, DelegationResolver.resolve(4, DelegationTable.fromDense(dense),
        List.of(), DelegationTable.EMPTY));
  }
}
