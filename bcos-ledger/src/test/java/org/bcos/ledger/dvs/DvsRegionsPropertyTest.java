package org.bcos.ledger.dvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally.RegionCell;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.dvs.api.RegionRoll;
import org.bcos.ledger.dvs.delegation.DelegationCounter;
import org.bcos.ledger.dvs.delegation.DelegationResult;
import org.bcos.ledger.dvs.delegation.WeightSnapshot;
import org.bcos.types.Address;
import org.bcos.types.TestSeed;
import org.junit.jupiter.api.Test;

/**
 * The regional breakdown over random electorates (regions, weights, who voted, delegations,
 * minimum cell sizes). Each cell's roll covers exactly the members of the regions it shows. The
 * rolls and the regions without votes together are the whole electorate, members and weight. No
 * cell counts more than its roll, and no region without votes has a counted member. Replay with
 * {@code -Dbcos.test.seed=S}.
 */
class DvsRegionsPropertyTest {
  private static final Address NOBODY = Address.wrap(new byte[32]);
  private static final Issue ISSUE = new Issue(1, 1, 0, false, DvsRules.of(Method.SINGLE_CHOICE),
      List.of("a", "b", "c"), new boolean[] {true, true, true}, Phase.VOTING, 100, 1, 1,
      NOBODY, NOBODY, 0);

  @Test
  void rollsCoverTheWholeElectorateAndEachCellsOwnRegions() {
    qt().withFixedSeed(TestSeed.of("DvsRegionsPropertyTest")).withExamples(300)
        .forAll(longs().all()).checkAssert(this::check);
  }

  private void check(long example) {
    SplittableRandom r = new SplittableRandom(example);
    int n = 1 + r.nextInt(60);
    String[] names = {"", "A", "B", "C", "D", "E+F", "G"};
    String[] regions = new String[n];
    long[] weights = new long[n];
    boolean[] voted = new boolean[n];
    int[] delegateOf = new int[n];
    int[] firstChoice = new int[n];
    for (int j = 0; j < n; j++) {
      regions[j] = names[r.nextInt(names.length)];
      weights[j] = 1 + r.nextInt(1_000);
      voted[j] = r.nextInt(3) == 0;
      delegateOf[j] = r.nextInt(3) == 0 ? r.nextInt(n) : -1;
      if (delegateOf[j] == j) delegateOf[j] = -1;
      firstChoice[j] = r.nextInt(4) - 1;
    }
    DelegationResult counted = DelegationCounter.count(WeightSnapshot.of(1, weights), delegateOf,
        voted, new boolean[n], 8);
    int minCell = 1 + r.nextInt(6);
    DvsRegions.Breakdown b = DvsRegions.breakdown(ISSUE, regions, weights, counted, firstChoice,
        minCell);

    assertEquals(b.cells().size(), b.rolls().size());
    Map<String, long[]> electorate = new HashMap<>();
    Map<String, Long> countedIn = new HashMap<>();
    for (int j = 0; j < n; j++) {
      String region = regions[j].isEmpty() ? DvsRegions.UNASSIGNED : regions[j];
      long[] e = electorate.computeIfAbsent(region, k -> new long[2]);
      e[0]++;
      e[1] += weights[j];
      if (counted.countedFor(j) >= 0) countedIn.merge(region, 1L, Long::sum);
    }
    long members = 0;
    long weight = 0;
    Set<String> seen = new HashSet<>();
    for (RegionRoll s : b.silent()) {
      assertTrue(seen.add(s.region()), "listed once: " + s.region());
      assertEquals(null, countedIn.get(s.region()), "a region without votes has none counted");
      assertEquals(electorate.get(s.region())[0], s.members());
      assertEquals(electorate.get(s.region())[1], s.weight());
      members += s.members();
      weight += s.weight();
    }
    // each cell's regions: the counted regions, sorted, merged the ledger's way; their rolls add up
    List<String> countedRegions = new ArrayList<>(countedIn.keySet());
    long cellRollMembers = 0;
    for (int i = 0; i < b.cells().size(); i++) {
      RegionCell cell = b.cells().get(i);
      RegionRoll roll = b.rolls().get(i);
      assertEquals(cell.region(), roll.region());
      assertTrue(cell.members() <= roll.members() && cell.weight() <= roll.weight(),
          cell + " within " + roll);
      assertTrue(roll.turnoutBps(cell.weight()) <= 10_000);
      cellRollMembers += roll.members();
      members += roll.members();
      weight += roll.weight();
    }
    long countedRegionMembers = 0;
    for (String region : countedRegions) {
      assertTrue(seen.add(region), "a counted region is not also listed without votes");
      countedRegionMembers += electorate.get(region)[0];
    }
    assertEquals(countedRegionMembers, cellRollMembers, "cells' rolls are their regions'");
    assertEquals(n, members, "every member is in one roll");
    long total = 0;
    for (long w : weights) total += w;
    assertEquals(total, weight, "and all the weight");
    if (b.cells().size() == 1 && countedRegions.size() == 1) {
      assertEquals(electorate.get(countedRegions.getFirst())[0], b.rolls().getFirst().members());
    }
  }
}
