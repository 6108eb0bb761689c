package org.bcos.ledger.dvs.tally;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * A full ranking as places: each place is a group of candidates the method's rules leave tied
 * (one candidate when they separate it), best place first; inside a place candidates are in the
 * method's display order. The winners of a count are its first place, so the winner and the
 * ranking always come from the same computation.
 */
final class Places {
  private Places() {}

  /**
   * Cuts {@code order} (best first) into places: a candidate joins the place of the one before it
   * when {@code tied} says the rules do not separate the two.
   */
  static List<List<Integer>> of(List<Integer> order, BiPredicate<Integer, Integer> tied) {
    List<List<Integer>> places = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (int candidate : order) {
      if (!current.isEmpty() && !tied.test(current.getLast(), candidate)) {
        places.add(List.copyOf(current));
        current = new ArrayList<>();
      }
      current.add(candidate);
    }
    if (!current.isEmpty()) places.add(List.copyOf(current));
    return List.copyOf(places);
  }

  /** The winners: the first place in ascending index, or none when nothing was counted. */
  static List<Integer> winners(List<List<Integer>> places, long countedWeight) {
    if (countedWeight == 0 || places.isEmpty()) return List.of();
    return places.getFirst().stream().sorted().toList();
  }

  /** Copies every place (records keep what they are given immutable). */
  static List<List<Integer>> copy(List<List<Integer>> places) {
    return places.stream().<List<Integer>>map(List::copyOf).toList();
  }
}
