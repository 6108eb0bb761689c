package org.bcos.ledger.dvs;

import static org.bcos.ledger.LedgerFixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.dvs.api.DvsAddInitiative;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Issue #10: {@code dvs_ranking} gives the full ranking of every method, computed by the ledger's
 * own count, and its first place is always the stored winners (seeded random ballots, every
 * method); the Schulze matrices of a textbook example and IRV rounds with an exhausted ballot.
 */
class DvsRankingTest {
  private static final Ed25519KeyPair REG = key(0);
  private static final int MEMBERS = 8;
  private static final int VOTING_BLOCKS = 2;
  private static final long COMMUNITY = 1;
  private final LedgerChain chain = new LedgerChain(LedgerFixtures.keys(MEMBERS + 1));
  private long nextIssue = 1;

  private static Ed25519KeyPair m(int i) {
    return key(i);
  }

  private void weightedCommunity(long... weights) {
    DvsParams params = new DvsParams(DvsParams.WEIGHTED, 1, 1, 1, VOTING_BLOCKS, 0, 0, 8, 1, 4,
        false);
    chain.ok(REG, new DvsCreateCommunity("ranking", params));
    if (weights.length > 0) setWeights(weights);
  }

  private void setWeights(long... weights) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      txs.add(chain.tx(REG, new DvsSetMember(COMMUNITY, m(i + 1).address(), weights[i])));
    }
    chain.ok(txs.toArray(Transaction[]::new));
  }

  private long poll(DvsRules rules, List<String> options) {
    chain.ok(REG, new DvsCreateIssue(COMMUNITY, 0, false, rules, options, REG.address(), 0));
    return nextIssue++;
  }

  private Transaction vote(int member, long issue, long... values) {
    return chain.tx(m(member), new DvsCastBallot(issue,
        List.of(new DvsBallotPart(0, values))));
  }

  private JsonNode ranking(long issue, boolean matrix) {
    return chain.rpc("dvs_ranking", LongNode.valueOf(issue), BooleanNode.valueOf(matrix));
  }

  /** The options (or choices) at place 1. */
  private static TreeSet<Integer> firstPlace(JsonNode ranking) {
    TreeSet<Integer> first = new TreeSet<>();
    for (JsonNode e : ranking.path("ranking")) {
      if (e.path("place").asInt() == 1) first.add(e.path("option").asInt());
    }
    return first;
  }

  private static TreeSet<Integer> ints(JsonNode array) {
    TreeSet<Integer> out = new TreeSet<>();
    array.forEach(v -> out.add(v.asInt()));
    return out;
  }

  @Test
  void firstPlaceIsTheStoredWinnersForEveryMethodOverSeededRandomBallots() {
    long seed = TestSeed.of("DvsRankingTest");
    SplittableRandom random = new SplittableRandom(seed);
    weightedCommunity();
    int compared = 0;
    for (int round = 0; round < 12; round++) {
      long[] weights = new long[MEMBERS];
      for (int i = 0; i < MEMBERS; i++) weights[i] = 1 + random.nextInt(3);
      setWeights(weights);
      List<long[]> issues = new ArrayList<>(); // {issue, method ordinal, options}
      List<Transaction> creates = new ArrayList<>(); // one block: all are open together
      for (Method method : Method.values()) {
        int options = method == Method.YES_NO ? 1 : 2 + random.nextInt(4);
        List<String> names = new ArrayList<>();
        for (int o = 0; o < options; o++) names.add("option " + o);
        DvsRules rules = new DvsRules(method, random.nextInt(4) == 0 ? 6_000 : 0, 5_000,
            method == Method.YES_NO ? 3_334 : 0, 10, 100);
        creates.add(chain.tx(REG, new DvsCreateIssue(COMMUNITY, 0, false, rules, names,
            REG.address(), 0)));
        issues.add(new long[] {nextIssue++, method.ordinal(), options});
      }
      chain.ok(creates.toArray(Transaction[]::new));
      List<Transaction> ballots = new ArrayList<>();
      for (long[] issue : issues) {
        for (int member = 1; member <= MEMBERS; member++) {
          if (random.nextInt(5) == 0) continue;
          ballots.add(vote(member, issue[0], values(random, Method.values()[(int) issue[1]],
              (int) issue[2])));
        }
      }
      chain.block(ballots.toArray(Transaction[]::new));
      for (long[] issue : issues) {
        JsonNode live = ranking(issue[0], false);
        assertTrue(live.path("provisional").asBoolean(), live::toString);
        assertAgrees(seed, live, chain.live(issue[0]).winners());
      }
      chain.advanceTo(chain.height() + VOTING_BLOCKS);
      for (long[] issue : issues) {
        JsonNode closed = ranking(issue[0], true);
        assertFalse(closed.path("provisional").asBoolean(), closed::toString);
        compared += assertAgrees(seed, closed, chain.result(issue[0]).winners());
        int ranked = closed.path("ranking").size();
        assertEquals(issue[1] == Method.YES_NO.ordinal() ? 4 : issue[2], ranked,
            "every option ranked once, seed " + seed);
      }
    }
    assertTrue(compared > 50, "issues with winners compared: " + compared + ", seed " + seed);
  }

  /** First place = winners (when there are any); returns 1 when it compared. */
  private static int assertAgrees(long seed, JsonNode ranking, List<Integer> winners) {
    assertEquals(new TreeSet<>(winners), ints(ranking.path("winners")), "seed " + seed);
    if (winners.isEmpty()) return 0;
    assertEquals(new TreeSet<>(winners), firstPlace(ranking), "seed " + seed + ": " + ranking);
    return 1;
  }

  /** A random ballot in the wire form of {@code method} over {@code options} options. */
  private static long[] values(SplittableRandom random, Method method, int options) {
    return switch (method) {
      case YES_NO -> new long[] {random.nextInt(4)};
      case SINGLE_CHOICE -> new long[] {random.nextInt(options)};
      case APPROVAL -> order(random, options, 1 + random.nextInt(options));
      case SCHULZE -> {
        long[] ranks = new long[options];
        for (int i = 0; i < options; i++) ranks[i] = random.nextInt(options + 1);
        ranks[random.nextInt(options)] = 1 + random.nextInt(options);
        yield ranks;
      }
      case IRV -> {
        long[] order = order(random, options, 1 + random.nextInt(options));
        long[] ranks = new long[options];
        for (int r = 0; r < order.length; r++) ranks[(int) order[r]] = r + 1;
        yield ranks;
      }
      case SCORE -> random.longs(options, 0, 11).toArray();
      case QUADRATIC -> random.longs(options, -3, 4).toArray();
    };
  }

  /** {@code count} distinct options in random order. */
  private static long[] order(SplittableRandom random, int options, int count) {
    List<Long> all = new ArrayList<>();
    for (long o = 0; o < options; o++) all.add(o);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) out[i] = all.remove(random.nextInt(all.size()));
    return out;
  }

  /**
   * Wikipedia's Schulze example (45 voters, 5 candidates) as 8 weighted members, one per group of
   * voters. d and p were computed independently (a short script over the 8 groups) and match the
   * published matrices; E wins, then A, C, B, D.
   */
  @Test
  void schulzeMatricesOfTheWikipediaExample() {
    weightedCommunity(5, 5, 8, 3, 7, 2, 7, 8);
    long issue = poll(DvsRules.of(Method.SCHULZE), List.of("A", "B", "C", "D", "E"));
    String[] groups = {"ACBED", "ADECB", "BEDAC", "CABED", "CAEBD", "CBADE", "DCEBA", "EBADC"};
    List<Transaction> votes = new ArrayList<>();
    for (int g = 0; g < groups.length; g++) votes.add(vote(g + 1, issue, ranks(groups[g])));
    chain.ok(votes.toArray(Transaction[]::new));
    chain.advanceTo(chain.height() + VOTING_BLOCKS);

    JsonNode r = ranking(issue, true);
    assertEquals("[0,1,2,3,4]", r.path("candidates").toString());
    assertEquals("[[0,20,26,30,22],[25,0,16,33,18],[19,29,0,17,24],[15,12,28,0,14],"
        + "[23,27,21,31,0]]", r.path("pairwise").toString());
    assertEquals("[[0,28,28,30,24],[25,0,28,33,24],[25,29,0,29,24],[25,28,28,0,24],"
        + "[25,28,28,31,0]]", r.path("strongestPaths").toString());
    List<String> order = new ArrayList<>();
    r.path("ranking").forEach(e -> order.add(e.path("place").asText() + ":"
        + e.path("option").asText() + ":" + e.path("beats").asText() + "/"
        + e.path("beatenBy").asText()));
    assertEquals(List.of("1:4:4/0", "2:0:3/1", "3:2:2/2", "4:1:1/3", "5:3:0/4"), order);
    assertEquals("[4]", r.path("winners").toString());
    assertFalse(ranking(issue, false).has("pairwise"), "matrices only on request");
  }

  /** "5 ACBED" -> ranks per option: A 1, C 2, B 3, E 4, D 5. */
  private static long[] ranks(String order) {
    long[] ranks = new long[order.length()];
    for (int i = 0; i < order.length(); i++) ranks[order.charAt(i) - 'A'] = i + 1;
    return ranks;
  }

  /**
   * "4 A", "3 B", "2 C>B", "2 D": round 1 C and D tie at 2 and never differed, D (higher index)
   * goes and its ballot exhausts; round 2 C goes, its 2 move to B; round 3 B has 5 of the 9
   * continuing. A was still in the count, so it is second; then C, then D.
   */
  @Test
  void irvRoundsShowEliminationsTransfersAndAnExhaustedBallot() {
    weightedCommunity(4, 3, 2, 2);
    long issue = poll(DvsRules.of(Method.IRV), List.of("A", "B", "C", "D"));
    chain.ok(vote(1, issue, 1, 0, 0, 0), vote(2, issue, 0, 1, 0, 0), vote(3, issue, 0, 2, 1, 0),
        vote(4, issue, 0, 0, 0, 1));
    JsonNode live = ranking(issue, false);
    assertTrue(live.path("provisional").asBoolean());
    assertEquals(3, live.path("rounds").size());
    chain.advanceTo(chain.height() + VOTING_BLOCKS);

    JsonNode rounds = ranking(issue, false).path("rounds");
    assertEquals("{\"round\":1,\"totals\":[{\"option\":0,\"weight\":4},{\"option\":1,"
        + "\"weight\":3},{\"option\":2,\"weight\":2},{\"option\":3,\"weight\":2}],"
        + "\"exhaustedWeight\":0,\"eliminated\":3,\"reason\":\"TIED_HIGHEST_INDEX\","
        + "\"tiedWith\":[2],\"transfers\":[],\"exhaustedByTransfer\":2}",
        rounds.get(0).toString());
    assertEquals("FEWEST", rounds.get(1).path("reason").asText());
    assertEquals("[{\"option\":1,\"weight\":2}]", rounds.get(1).path("transfers").toString());
    assertEquals(3, rounds.get(1).path("totals").size(), "only continuing options");
    assertEquals(1, rounds.get(2).path("elected").asInt());
    assertEquals(2, rounds.get(2).path("exhaustedWeight").asLong());
    List<String> order = new ArrayList<>();
    ranking(issue, false).path("ranking").forEach(e -> order.add(e.path("option").asText()
        + "@" + e.path("eliminatedInRound").asText("-")));
    assertEquals(List.of("1@-", "0@-", "2@2", "3@1"), order);
  }

  @Test
  void equalTotalsShareAPlaceAndYesNoShowsItsDecision() {
    weightedCommunity(2, 2, 1);
    long single = poll(DvsRules.of(Method.SINGLE_CHOICE), List.of("A", "B", "C"));
    long yesNo = poll(new DvsRules(Method.YES_NO, 5_000, 6_667, 3_334, 10, 100),
        List.of("Dividend"));
    chain.ok(vote(1, single, 2), vote(2, single, 0), vote(3, single, 1),
        vote(1, yesNo, 0), vote(2, yesNo, 1), vote(3, yesNo, 2));
    chain.advanceTo(chain.height() + VOTING_BLOCKS);

    JsonNode r = ranking(single, false);
    assertEquals("TIE", r.path("outcome").asText());
    assertEquals("[1,1,3]", places(r));
    assertEquals(ints(r.path("winners")), firstPlace(r));
    JsonNode y = ranking(yesNo, false);
    assertEquals("[1,1,3,4]", places(y));
    assertEquals("yes", y.path("ranking").get(0).path("choice").asText());
    JsonNode d = y.path("decision");
    assertEquals(5_000, d.path("yesShareBps").asLong());
    assertEquals(6_667, d.path("thresholdBps").asLong());
    assertEquals(3_334, d.path("vetoBps").asLong());
    assertEquals("REJECTED", y.path("outcome").asText());
  }

  private static String places(JsonNode ranking) {
    List<Integer> places = new ArrayList<>();
    ranking.path("ranking").forEach(e -> places.add(e.path("place").asInt()));
    return places.toString().replace(" ", "");
  }

  @Test
  void anIssueBeforeVotingHasNoRankingAndAMissingOneIsNotFound() {
    weightedCommunity(1);
    DvsParams slow = new DvsParams(DvsParams.WEIGHTED, 5, 5, 5, 5, 0, 0, 8, 1, 4, false);
    chain.ok(REG, new DvsCreateCommunity("slow", slow));
    chain.ok(REG, new DvsSetMember(2, m(1).address(), 1));
    chain.ok(REG, new DvsCreateIssue(2, 0, true, DvsRules.of(Method.SCHULZE), List.of("A"),
        REG.address(), 0));
    long deliberative = nextIssue++;
    assertEquals("NOT_VOTING", assertThrows(RpcException.class,
        () -> ranking(deliberative, false)).reason());
    assertEquals("NOT_FOUND", assertThrows(RpcException.class,
        () -> ranking(99, false)).reason());
  }

  /**
   * A quadratic option voted down has a negative net total; the close used to fail encoding it
   * (u64) and so failed the block. Now it is stored (signed; same bytes for totals >= 0).
   */
  @Test
  void aQuadraticIssueWithANetNegativeTotalClosesAndRanksIt() {
    weightedCommunity(1, 1);
    long issue = poll(DvsRules.of(Method.QUADRATIC), List.of("A", "B"));
    chain.ok(vote(1, issue, -3, 1), vote(2, issue, -1, 0));
    chain.advanceTo(chain.height() + VOTING_BLOCKS);
    assertEquals(List.of(-4L, 1L), chain.result(issue).totals());
    JsonNode r = ranking(issue, false);
    assertEquals("[{\"place\":1,\"option\":1,\"total\":1},{\"place\":2,\"option\":0,"
        + "\"total\":-4}]", r.path("ranking").toString());
  }

  /**
   * A deliberative Schulze issue: A and B reach the ballot, C (unsupported) does not. Ballots
   * rank A, B, C (off the ballot: 0), the status quo: A:B 2:2, A:SQ 3:1, B:SQ 2:2. Only A beats
   * the status quo; A and B are unbeaten, so they tie for the first place and the status quo
   * (option -1) comes third.
   */
  @Test
  void deliberativeSchulzeRanksTheStatusQuoAndNamesWhatMissedTheBallot() {
    chain.ok(REG, new DvsCreateCommunity("party", new DvsParams(DvsParams.WEIGHTED, 2, 2, 2, 2,
        2_000, 2_000, 8, 1, 4, false)));
    setWeights(1, 1, 1, 1, 1);
    chain.ok(m(1), new DvsCreateIssue(COMMUNITY, 0, true, DvsRules.of(Method.SCHULZE),
        List.of("A"), REG.address(), 0));
    long issue = nextIssue++;
    chain.ok(chain.tx(m(2), new DvsAddInitiative(issue, "B")),
        chain.tx(m(3), new DvsAddInitiative(issue, "C")));
    chain.ok(chain.tx(m(1), new DvsSupport(issue, 0, true)),
        chain.tx(m(2), new DvsSupport(issue, 1, true)));
    while (chain.issue(issue).phase() != Phase.VOTING) chain.ok();
    chain.ok(vote(1, issue, 1, 2, 0, 3), vote(2, issue, 2, 1, 0, 3), vote(3, issue, 3, 2, 0, 1),
        vote(4, issue, 1, 3, 0, 2));
    while (chain.issue(issue).phase() != Phase.CLOSED) chain.ok();

    assertEquals(List.of(0, 1), chain.result(issue).winners());
    JsonNode r = ranking(issue, true);
    assertEquals("TIE", r.path("outcome").asText());
    assertEquals("[0,1,-1]", r.path("candidates").toString());
    assertEquals("[[0,2,3],[2,0,2],[1,2,0]]", r.path("pairwise").toString());
    assertEquals("[2]", r.path("notOnBallot").toString());
    List<String> order = new ArrayList<>();
    r.path("ranking").forEach(e -> order.add(e.path("place").asText() + ":"
        + e.path("option").asText()));
    assertEquals(List.of("1:0", "1:1", "3:-1"), order);
  }

  /**
   * The count is charged by the community (1 + 3 per member: 25 for 8 members; the Schulze
   * steps of 6 candidates stay under one unit): one unit less is refused by name, and the
   * cached answer is not charged again.
   */
  @Test
  void aRankingIsChargedAndRefusedOverTheBudget() {
    weightedCommunity(1, 1, 1, 1, 1, 1, 1, 1);
    long issue = poll(DvsRules.of(Method.SCHULZE), List.of("A", "B", "C", "D", "E"));
    chain.ok(vote(1, issue, 1, 2, 3, 4, 5));
    RpcMethod method = chain.ledger.modules().rpcMethods(chain.ledger)
        .stream().filter(x -> x.name().equals("dvs_ranking")).findFirst().orElseThrow();
    RpcArgs args = RpcArgs.of(
        LongNode.valueOf(issue));
    assertEquals("WORK_LIMIT_EXCEEDED", assertThrows(RpcException.class,
        () -> method.call(args, budget(24))).reason());
    WorkBudget exact = budget(25);
    method.call(args, exact);
    assertEquals(25, exact.spent());
    WorkBudget none = budget(0);
    method.call(args, none);
    assertEquals(0, none.spent(), "a cached ranking costs nothing more");
  }

  private static WorkBudget budget(long units) {
    return new WorkBudget(units, 60_000, () -> 0L, () -> true);
  }
}
