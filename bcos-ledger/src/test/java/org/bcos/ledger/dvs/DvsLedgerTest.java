package org.bcos.ledger.dvs;

import static org.bcos.ledger.LedgerFixtures.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsAddInitiative;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRefuseDelegations;
import org.bcos.ledger.dvs.api.DvsRejection;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSetRegistrar;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.ledger.dvs.api.IssueTally.RegionCell;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.dvs.api.RegionRoll;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.Address;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The DVS module through the ledger: every named rejection leaves the state root unchanged; the
 * lifecycle closes issues at the documented heights; delegation, weighted split votes, thresholds,
 * veto, treasury payments, snapshots and the regional breakdown give the results computed by hand
 * in each test; blocks imported elsewhere give the same state and results.
 */
class DvsLedgerTest {
  private static final Ed25519KeyPair REG = key(0);
  private static final Ed25519KeyPair OUTSIDER = key(15);
  /** A member with no account: may only send fee-free messages. */
  private static final Ed25519KeyPair PENNILESS = key(60);
  private static final Address NOBODY = key(70).address();
  private static final int HOLDERS = 16;
  private static final long COMMUNITY = 1;

  private final LedgerChain chain = new LedgerChain(LedgerFixtures.keys(HOLDERS));

  private static Ed25519KeyPair m(int i) {
    return key(i);
  }

  // --- fixtures -------------------------------------------------------------------------------

  private static DvsParams params(int electorate, long admission, long discussion,
      long verification, long voting, int maxChain, int minCell, int bits) {
    return new DvsParams(electorate, admission, discussion, verification, voting, 2_000, 2_000,
        maxChain, minCell, bits, false);
  }

  private static DvsParams poll(int electorate, long voting) {
    return params(electorate, 10, 10, 10, voting, 8, 1, 4);
  }

  /** Creates a community (the next id) with {@code members} of weight 1 and returns its id. */
  private long community(DvsParams params, Ed25519KeyPair... members) {
    long[] weights = new long[members.length];
    Arrays.fill(weights, 1);
    return community(params, members, weights);
  }

  private long community(DvsParams params, Ed25519KeyPair[] members, long[] weights) {
    chain.ok(REG, new DvsCreateCommunity("community", params));
    long id = lastId(true);
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < members.length; i++) {
      txs.add(chain.tx(REG, new DvsSetMember(id, members[i].address(), weights[i])));
    }
    if (!txs.isEmpty()) chain.ok(txs.toArray(Transaction[]::new));
    return id;
  }

  /** Highest community (or issue) id in use. */
  private long lastId(boolean communities) {
    long id = 0;
    while (id < 1_000 && (communities ? chain.dvs().community(id + 1).isPresent()
        : chain.dvs().issue(id + 1).isPresent())) {
      id++;
    }
    return id;
  }

  private static DvsCreateIssue issueOf(long community, int area, boolean deliberative,
      DvsRules rules, String... options) {
    return new DvsCreateIssue(community, area, deliberative, rules, List.of(options),
        REG.address(), 0);
  }

  /** {@code creator} raises a poll in one block; returns its id (voting opens at this height). */
  private long poll(Ed25519KeyPair creator, long community, int area, DvsRules rules,
      String... options) {
    chain.ok(creator, issueOf(community, area, false, rules, options));
    return lastId(false);
  }

  private static DvsRules yesNo(int thresholdBps, int vetoBps) {
    return new DvsRules(Method.YES_NO, 0, thresholdBps, vetoBps, 10, 100);
  }

  private static DvsCastBallot vote(long issue, long... values) {
    return new DvsCastBallot(issue, List.of(new DvsBallotPart(0, values)));
  }

  private static DvsCastBallot split(long issue, DvsBallotPart... parts) {
    return new DvsCastBallot(issue, List.of(parts));
  }

  private static DvsBallotPart part(long weight, long... values) {
    return new DvsBallotPart(weight, values);
  }

  private Transaction[] txs(Object... senderMessagePairs) {
    Transaction[] out = new Transaction[senderMessagePairs.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = chain.tx((Ed25519KeyPair) senderMessagePairs[2 * i],
          (Message) senderMessagePairs[2 * i + 1]);
    }
    return out;
  }

  private static List<Long> longs(long... values) {
    return Arrays.stream(values).boxed().toList();
  }

  // --- rejections ----------------------------------------------------------------------------

  @Test
  void communityAdministrationRejectionsChangeNothing() {
    long c = community(poll(DvsParams.MEMBERS, 50), m(1), m(2), m(3));
    assertEquals(COMMUNITY, c);
    Address m4 = m(4).address();

    chain.rejected(DvsRejection.UNKNOWN_COMMUNITY, REG, new DvsSetMember(42, m4, 1));
    chain.rejected(DvsRejection.UNKNOWN_COMMUNITY, m(1), issueOf(42, 0, false,
        DvsRules.of(Method.YES_NO), "proposal"));
    chain.rejected(DvsRejection.UNKNOWN_COMMUNITY, m(1), new DvsRefuseDelegations(42, true));

    chain.rejected(DvsRejection.NOT_REGISTRAR, m(1), new DvsSetMember(c, m4, 1));
    chain.rejected(DvsRejection.NOT_REGISTRAR, m(1), new DvsAddArea(c, 0, "area"));
    chain.rejected(DvsRejection.NOT_REGISTRAR, m(1), new DvsAttest(c, m(1).address(), "region",
        "KR"));

    chain.rejected(DvsRejection.UNKNOWN_AREA, REG, new DvsAddArea(c, 7, "orphan"));
    chain.rejected(DvsRejection.UNKNOWN_AREA, m(1), issueOf(c, 5, false,
        DvsRules.of(Method.YES_NO), "proposal"));
    chain.rejected(DvsRejection.UNKNOWN_AREA, m(1), new DvsDelegate(c, Scope.AREA, 9,
        m(2).address()));

    chain.rejected(DvsRejection.INVALID_WEIGHT, REG, new DvsSetMember(c, m4, 2));

    chain.rejected(DvsRejection.NOT_A_MEMBER, REG, new DvsSetMember(c, OUTSIDER.address(), 0));
    chain.rejected(DvsRejection.NOT_A_MEMBER, REG, new DvsAttest(c, OUTSIDER.address(), "region",
        "KR"));
    chain.rejected(DvsRejection.NOT_A_MEMBER, OUTSIDER, issueOf(c, 0, false,
        DvsRules.of(Method.YES_NO), "proposal"));
    chain.rejected(DvsRejection.NOT_A_MEMBER, OUTSIDER, new DvsRefuseDelegations(c, true));

    chain.rejected(DvsRejection.INVALID_DVS_INPUT, REG, new DvsCreateCommunity("",
        poll(DvsParams.MEMBERS, 5)));
    chain.rejected(DvsRejection.INVALID_DVS_INPUT, REG, new DvsAddArea(c, 0, ""));
    chain.rejected(DvsRejection.INVALID_DVS_INPUT, REG, new DvsAttest(c, m(1).address(), "age",
        "40"));
    chain.rejected(DvsRejection.INVALID_DVS_INPUT, m(1), issueOf(c, 0, false,
        DvsRules.of(Method.YES_NO), "yes", "no"));
    chain.rejected(DvsRejection.INVALID_DVS_INPUT, m(1), issueOf(c, 0, false,
        DvsRules.of(Method.SINGLE_CHOICE), "only one"));
    chain.rejected(DvsRejection.INVALID_DVS_INPUT, m(1), new DvsCreateIssue(c, 0, false,
        DvsRules.of(Method.SINGLE_CHOICE), List.of("x", "y"), NOBODY, 5));
    chain.rejected(DvsRejection.INVALID_DVS_INPUT, m(1), new DvsUndelegate(c, Scope.COMMUNITY, 0));
    chain.rejected(DvsRejection.INVALID_DVS_INPUT, m(1), new DvsDelegate(c, Scope.COMMUNITY, 3,
        m(2).address()));

    assertEquals(3, chain.community(c).memberCount());
    assertTrue(chain.dvs().issue(1).isEmpty());
  }

  @Test
  void ballotRejectionsChangeNothing() {
    long c = community(params(DvsParams.MEMBERS, 50, 10, 10, 50, 8, 1, 8), m(1), m(2), m(3));
    long single = poll(m(1), c, 0, DvsRules.of(Method.SINGLE_CHOICE), "x", "y", "z");
    long approval = poll(m(1), c, 0, DvsRules.of(Method.APPROVAL), "x", "y", "z");
    chain.ok(m(1), issueOf(c, 0, true, DvsRules.of(Method.SCHULZE), "initiative"));
    long deliberative = lastId(false);

    chain.rejected(DvsRejection.UNKNOWN_ISSUE, m(1), vote(99, 0));
    chain.rejected(DvsRejection.UNKNOWN_ISSUE, m(1), new DvsSupport(99, 0, true));
    chain.rejected(DvsRejection.NOT_A_MEMBER, OUTSIDER, vote(single, 0));
    chain.rejected(DvsRejection.VOTING_CLOSED, m(1), vote(deliberative, 1, 0));
    chain.rejected(DvsRejection.WRONG_PHASE, m(1), new DvsSupport(single, 0, true));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), vote(single, 3));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), vote(single, 0, 1));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), vote(approval, 0, 0));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), vote(approval, 5));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), split(single, part(0, 0), part(0, 1)));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), new DvsCastBallot(single, List.of()));
    chain.rejected(TxRejection.STAMP_INSUFFICIENT, chain.free(m(1), vote(single, 0), 8, false));
    chain.rejected(TxRejection.STAMP_INSUFFICIENT, chain.free(m(1),
        new DvsSupport(deliberative, 0, true), 8, false));
    chain.rejected(TxRejection.FEE_TOO_LOW, LedgerFixtures.sign(m(1), 0, 0, chain.height() + 10,
        new DvsSetMember(c, m(2).address(), 1)));

    chain.ok(chain.free(m(1), vote(single, 0), 8, true));
    assertEquals(longs(1, 0, 0), chain.live(single).totals());
  }

  @Test
  void aBallotInTheBlockThatCreatesThePollIsRefused() {
    long c = community(poll(DvsParams.MEMBERS, 10), m(1), m(2));
    Transaction create = chain.tx(m(1), issueOf(c, 0, false, DvsRules.of(Method.YES_NO), "p"));
    Transaction early = chain.tx(m(2), vote(1, 0));
    BlockResult r = chain.block(create, early);
    assertEquals(List.of(create), r.block().transactions());
    assertEquals(DvsRejection.VOTING_CLOSED, r.skipped().getFirst().verdict().rejection());
    chain.ok(m(2), vote(1, 0));
  }

  @Test
  void delegationRejectionsChangeNothing() {
    long c = community(params(DvsParams.MEMBERS, 10, 10, 10, 10, 2, 1, 8),
        m(1), m(2), m(3), m(4), m(5));
    chain.ok(txs(m(1), new DvsDelegate(c, Scope.COMMUNITY, 0, m(2).address()),
        m(2), new DvsDelegate(c, Scope.COMMUNITY, 0, m(3).address()),
        m(5), new DvsRefuseDelegations(c, true)));

    chain.rejected(DvsRejection.SELF_DELEGATION, m(4), new DvsDelegate(c, Scope.COMMUNITY, 0,
        m(4).address()));
    chain.rejected(DvsRejection.DELEGATE_NOT_MEMBER, m(4), new DvsDelegate(c, Scope.COMMUNITY, 0,
        OUTSIDER.address()));
    chain.rejected(DvsRejection.DELEGATE_REFUSES, m(4), new DvsDelegate(c, Scope.COMMUNITY, 0,
        m(5).address()));
    chain.rejected(DvsRejection.NOT_A_MEMBER, OUTSIDER, new DvsDelegate(c, Scope.COMMUNITY, 0,
        m(1).address()));
    // m4 → m1 → m2 → m3 is three hops; the limit is two
    chain.rejected(DvsRejection.CHAIN_TOO_LONG, m(4), new DvsDelegate(c, Scope.COMMUNITY, 0,
        m(1).address()));
    chain.rejected(DvsRejection.UNKNOWN_ISSUE, m(4), new DvsDelegate(c, Scope.ISSUE, 77,
        m(1).address()));
    chain.rejected(DvsRejection.UNKNOWN_COMMUNITY, m(4), new DvsDelegate(9, Scope.COMMUNITY, 0,
        m(1).address()));
    chain.rejected(TxRejection.STAMP_INSUFFICIENT, chain.free(m(4),
        new DvsDelegate(c, Scope.COMMUNITY, 0, m(2).address()), 8, false));
    chain.rejected(TxRejection.STAMP_INSUFFICIENT, chain.free(m(1),
        new DvsUndelegate(c, Scope.COMMUNITY, 0), 8, false));

    // two hops is within the limit, fee-free with a stamp
    chain.ok(chain.free(m(4), new DvsDelegate(c, Scope.COMMUNITY, 0, m(2).address()), 8, true));
    assertEquals(m(2).address(),
        chain.dvs().delegate(c, m(4).address(), Scope.COMMUNITY, 0).orElseThrow());
  }

  @Test
  void feeFreeBallotNeedsNoAccount() {
    long c = community(params(DvsParams.MEMBERS, 10, 10, 10, 10, 8, 1, 6), m(1), PENNILESS);
    long issue = poll(m(1), c, 0, DvsRules.of(Method.YES_NO), "proposal");
    assertTrue(chain.ledger.account(PENNILESS.address()).isEmpty());
    chain.rejected(TxRejection.UNKNOWN_SENDER, PENNILESS, vote(issue, 0));
    chain.ok(chain.free(PENNILESS, vote(issue, 0), 6, true));
    assertEquals(new Account(0, 1), chain.ledger.account(PENNILESS.address()).orElseThrow());
    assertEquals(longs(1, 0, 0, 0), chain.live(issue).totals());
    chain.assertSupplyConserved();
  }

  // --- lifecycle -----------------------------------------------------------------------------

  @Test
  void pollClosesAtTheEndOfItsLastVotingBlockAndTheLastBallotCounts() {
    long c = community(poll(DvsParams.MEMBERS, 3), m(1), m(2), m(3), m(4));
    long issue = poll(m(1), c, 0, DvsRules.of(Method.SINGLE_CHOICE), "x", "y");
    long h = chain.height();
    assertEquals(Phase.VOTING, chain.issue(issue).phase());
    assertEquals(h, chain.issue(issue).votingStart());
    assertEquals(h + 3, chain.issue(issue).phaseEnd());

    chain.ok(chain.tx(m(1), vote(issue, 0)), chain.tx(m(3), vote(issue, 0)),
        chain.tx(m(4), vote(issue, 0)), chain.tx(m(4), vote(issue, 1)));
    chain.ok(txs(m(1), vote(issue, 1), m(2), vote(issue, 1)));
    assertTrue(chain.dvs().result(issue).isEmpty());
    assertEquals(longs(1, 3), chain.live(issue).totals());
    // the last voting block still takes ballots, and closes at its end
    chain.ok(m(3), vote(issue, 1));
    assertEquals(h + 3, chain.height());
    assertEquals(Phase.CLOSED, chain.issue(issue).phase());

    IssueTally result = chain.result(issue);
    assertTrue(result.isFinal());
    assertEquals(h + 3, result.height());
    assertEquals(IssueTally.Outcome.DECIDED, result.outcome());
    assertEquals(longs(0, 4), result.totals());
    assertEquals(List.of(1), result.winners());
    assertEquals(4, result.ballots());
    assertEquals(4, result.countedWeight());
    assertEquals(4, result.electorateWeight());

    chain.rejected(DvsRejection.VOTING_CLOSED, m(2), vote(issue, 0));
    assertEquals(result, chain.result(issue));
  }

  @Test
  void deliberativeIssueWithoutSupportIsNotAdmitted() {
    long c = community(params(DvsParams.MEMBERS, 2, 2, 2, 2, 8, 1, 4), m(1), m(2), m(3));
    chain.ok(m(1), issueOf(c, 0, true, DvsRules.of(Method.SCHULZE), "initiative"));
    long issue = lastId(false);
    long h = chain.height();
    chain.advanceTo(h + 1);
    assertEquals(Phase.ADMISSION, chain.issue(issue).phase());
    chain.advanceTo(h + 2);
    assertEquals(Phase.CLOSED, chain.issue(issue).phase());
    assertEquals(IssueTally.Outcome.NOT_ADMITTED, chain.result(issue).outcome());
    chain.rejected(DvsRejection.WRONG_PHASE, m(1), new DvsSupport(issue, 0, true));
  }

  @Test
  void deliberativeIssueRunsToASchulzeResultAgainstTheStatusQuo() {
    long c = community(params(DvsParams.MEMBERS, 3, 2, 2, 3, 8, 1, 4),
        m(1), m(2), m(3), m(4), m(5));
    chain.ok(m(1), issueOf(c, 0, true, DvsRules.of(Method.SCHULZE), "A"));
    long issue = lastId(false);
    long h = chain.height();
    chain.rejected(DvsRejection.VOTING_CLOSED, m(1), vote(issue, 1, 2));
    chain.ok(txs(m(2), new DvsAddInitiative(issue, "B"), m(3), new DvsAddInitiative(issue, "C")));
    chain.ok(txs(m(1), new DvsSupport(issue, 0, true), m(2), new DvsSupport(issue, 1, true)));
    assertEquals(h + 3, chain.height());
    assertEquals(Phase.DISCUSSION, chain.issue(issue).phase());
    chain.ok(m(4), new DvsSupport(issue, 0, true));
    chain.advanceTo(h + 5);
    assertEquals(Phase.VERIFICATION, chain.issue(issue).phase());
    chain.rejected(DvsRejection.WRONG_PHASE, m(3), new DvsAddInitiative(issue, "D"));
    chain.ok(m(5), new DvsSupport(issue, 1, true));
    assertEquals(h + 7, chain.height());
    assertEquals(Phase.VOTING, chain.issue(issue).phase());
    assertArrayEquals(new boolean[] {true, true, false}, chain.issue(issue).onBallot());
    assertEquals(List.of("A", "B", "C"), chain.issue(issue).options());

    chain.rejected(DvsRejection.WRONG_PHASE, m(5), new DvsSupport(issue, 2, true));
    // C did not reach the ballot: ranking it is invalid
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), vote(issue, 1, 2, 3, 4));
    // ranks: A, B, C (off the ballot: 0), status quo
    chain.ok(txs(m(1), vote(issue, 1, 2, 0, 3), m(2), vote(issue, 2, 1, 0, 3),
        m(3), vote(issue, 2, 3, 0, 1), m(4), vote(issue, 1, 3, 0, 2),
        m(5), vote(issue, 3, 1, 0, 2)));
    assertEquals(h + 10, chain.height());
    IssueTally result = chain.result(issue);
    // A beats B 3:2 and the status quo 3:2: the Condorcet winner
    assertEquals(IssueTally.Outcome.DECIDED, result.outcome());
    assertEquals(List.of(0), result.winners());
    assertEquals(5, result.ballots());
    assertEquals(5, result.countedWeight());
    // first choices: A twice, B twice, the status quo (not an option) once
    assertEquals(longs(2, 2, 0), result.totals());
  }

  @Test
  void theStatusQuoWinsWhenPreferredAndZeroLengthPhasesPassAtOnce() {
    long c = community(params(DvsParams.MEMBERS, 1, 0, 0, 2, 8, 1, 4), m(1), m(2), m(3));
    chain.ok(m(1), issueOf(c, 0, true, DvsRules.of(Method.SCHULZE), "A", "B"));
    long issue = lastId(false);
    long h = chain.height();
    chain.ok(txs(m(1), new DvsSupport(issue, 0, true), m(2), new DvsSupport(issue, 1, true)));
    assertEquals(Phase.VOTING, chain.issue(issue).phase());
    assertEquals(h + 1, chain.issue(issue).votingStart());
    chain.ok(txs(m(1), vote(issue, 2, 3, 1), m(2), vote(issue, 3, 2, 1), m(3),
        vote(issue, 1, 0, 2)));
    chain.ok();
    assertEquals(Phase.CLOSED, chain.issue(issue).phase());
    IssueTally result = chain.result(issue);
    assertEquals(IssueTally.Outcome.STATUS_QUO, result.outcome());
    assertEquals(List.of(-1), result.winners());
  }

  // --- delegation ----------------------------------------------------------------------------

  /**
   * Members m1..m9, area 1 "economy". Community scope: m2→m3→m4 (transitive), m6→m1 (m1 then
   * refuses), m7→m1 (then revoked), m8→m4 and m9→m4; m9→m5 at area 1, m8→m5 at issue scope.
   * Poll in area 1: m1, m4 vote x; later m3 (overriding its delegation) and m5 vote y.
   */
  private long delegationScenario() {
    Ed25519KeyPair[] members = new Ed25519KeyPair[9];
    for (int i = 0; i < 9; i++) members[i] = m(i + 1);
    long c = community(poll(DvsParams.MEMBERS, 6), members);
    chain.ok(REG, new DvsAddArea(c, 0, "economy"));
    chain.ok(txs(m(2), new DvsDelegate(c, Scope.COMMUNITY, 0, m(3).address()),
        m(3), new DvsDelegate(c, Scope.COMMUNITY, 0, m(4).address()),
        m(6), new DvsDelegate(c, Scope.COMMUNITY, 0, m(1).address()),
        m(7), new DvsDelegate(c, Scope.COMMUNITY, 0, m(1).address()),
        m(8), new DvsDelegate(c, Scope.COMMUNITY, 0, m(4).address()),
        m(9), new DvsDelegate(c, Scope.COMMUNITY, 0, m(4).address()),
        m(9), new DvsDelegate(c, Scope.AREA, 1, m(5).address())));
    chain.ok(txs(m(1), new DvsRefuseDelegations(c, true),
        m(7), new DvsUndelegate(c, Scope.COMMUNITY, 0)));
    long issue = poll(m(1), c, 1, DvsRules.of(Method.SINGLE_CHOICE), "x", "y");
    chain.ok(txs(m(8), new DvsDelegate(c, Scope.ISSUE, issue, m(5).address()),
        m(1), vote(issue, 0), m(4), vote(issue, 0)));
    return issue;
  }

  @Test
  void delegatedWeightFollowsChainsOverridesRefusalsAndTheMostSpecificScope() {
    long issue = delegationScenario();
    // x: m1, m4 and through m4 the chain m2→m3; m6 (refused), m7 (revoked) and m8, m9 (whose
    // more specific delegate m5 has not voted) count nowhere
    IssueTally live = chain.live(issue);
    assertEquals(longs(4, 0), live.totals());
    assertEquals(4, live.countedWeight());
    assertFalse(live.isFinal());

    chain.ok(txs(m(3), vote(issue, 1), m(5), vote(issue, 1)));
    // m3's own ballot overrides its delegation and carries m2; m5 carries m8 and m9
    assertEquals(longs(2, 5), chain.live(issue).totals());

    chain.advanceTo(chain.issue(issue).phaseEnd());
    IssueTally result = chain.result(issue);
    assertEquals(longs(2, 5), result.totals());
    assertEquals(7, result.countedWeight());
    assertEquals(9, result.electorateWeight());
    assertEquals(4, result.ballots());
    assertEquals(List.of(1), result.winners());
  }

  @Test
  void aClosedIssueKeepsTheDelegationsItWasCountedWith() {
    long issue = delegationScenario();
    chain.advanceTo(chain.issue(issue).phaseEnd());
    IssueTally result = chain.result(issue);
    // m2 leaves m3's chain after the close: a recount of the closed issue is unchanged
    chain.ok(m(2), new DvsUndelegate(COMMUNITY, Scope.COMMUNITY, 0));
    assertEquals(result.totals(), DvsCounting.count(chain.dvs(), chain.issue(issue),
        result.height(), true).totals());
    assertEquals(result, DvsCounting.count(chain.dvs(), chain.issue(issue), result.height(),
        true).asFinal(result.outcome(), result.action()));
  }

  // --- weighted electorate, thresholds, veto ---------------------------------------------------

  private long weighted(long voting, long... weights) {
    Ed25519KeyPair[] members = new Ed25519KeyPair[weights.length];
    for (int i = 0; i < weights.length; i++) members[i] = m(i + 1);
    return community(poll(DvsParams.WEIGHTED, voting), members, weights);
  }

  @Test
  void weightedElectorateSplitsVotesAndAppliesThresholdAndVeto() {
    long c = weighted(5, 60, 30, 10);
    chain.ok(txs(m(1), issueOf(c, 0, false, yesNo(6_667, 0), "two thirds"),
        m(1), issueOf(c, 0, false, yesNo(6_667, 0), "two thirds again"),
        m(1), issueOf(c, 0, false, yesNo(5_000, 1_000), "vetoable")));
    long a = 1;
    long b = 2;
    long v = 3;
    chain.ok(txs(
        m(1), split(a, part(40, 0), part(20, 1)), m(2), vote(a, 0), m(3), vote(a, 1),
        m(1), split(b, part(30, 0), part(30, 1)), m(2), vote(b, 0), m(3), vote(b, 1),
        m(1), split(v, part(45, 0), part(15, 3)), m(2), vote(v, 1), m(3), vote(v, 3)));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), split(a, part(30, 0), part(20, 1)));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(1), split(a, part(70, 0)));
    chain.rejected(DvsRejection.INVALID_WEIGHT, REG, new DvsSetMember(c, m(4).address(),
        DvsCommunityHandlers.MAX_MEMBER_WEIGHT + 1));
    chain.advanceTo(chain.issue(a).phaseEnd());

    IssueTally ra = chain.result(a);
    assertEquals(longs(70, 30, 0, 0), ra.totals());
    assertEquals(IssueTally.Outcome.PASSED, ra.outcome()); // 70 % > 66.67 %
    IssueTally rb = chain.result(b);
    assertEquals(longs(60, 40, 0, 0), rb.totals());
    assertEquals(IssueTally.Outcome.REJECTED, rb.outcome()); // 60 % < 66.67 %
    IssueTally rv = chain.result(v);
    assertEquals(longs(45, 30, 0, 25), rv.totals());
    assertEquals(IssueTally.Outcome.VETOED, rv.outcome()); // 25 % no-with-veto ≥ 10 %
    assertEquals(100, ra.electorateWeight());
    assertEquals(100, ra.countedWeight());
  }

  @Test
  void registrarsAddAndRemoveRegistrarsButNotTheFounder() {
    long c = community(poll(DvsParams.MEMBERS, 50), m(1), m(2));
    Address m4 = m(4).address();
    chain.rejected(DvsRejection.NOT_REGISTRAR, m(1),
        new org.bcos.ledger.dvs.api.DvsSetRegistrar(c, m(1).address(), true));
    chain.ok(REG, new org.bcos.ledger.dvs.api.DvsSetRegistrar(c, m(1).address(), true));
    chain.ok(m(1), new DvsSetMember(c, m4, 1));
    assertEquals(3, chain.community(c).memberCount());
    chain.rejected(DvsRejection.INVALID_DVS_INPUT, m(1),
        new org.bcos.ledger.dvs.api.DvsSetRegistrar(c, REG.address(), false));
    chain.ok(REG, new org.bcos.ledger.dvs.api.DvsSetRegistrar(c, m(1).address(), false));
    chain.rejected(DvsRejection.NOT_REGISTRAR, m(1), new DvsSetMember(c, m4, 0));
  }

  @Test
  void aVetoShareExactlyAtTheVetoBpsDoesNotVetoOneMoreUnitDoes() {
    // as Cosmos gov: the no-with-veto share must be strictly above the veto share
    long c = weighted(3, 60, 30, 10);
    long issue = poll(m(1), c, 0, yesNo(5_000, 1_000), "proposal");
    chain.ok(txs(m(1), vote(issue, 0), m(2), vote(issue, 0), m(3), vote(issue, 3)));
    chain.advanceTo(chain.issue(issue).phaseEnd());
    assertEquals(IssueTally.Outcome.PASSED, chain.result(issue).outcome());
    long c2 = weighted(3, 60, 29, 11);
    long issue2 = poll(m(1), c2, 0, yesNo(5_000, 1_000), "proposal");
    chain.ok(txs(m(1), vote(issue2, 0), m(2), vote(issue2, 0), m(3), vote(issue2, 3)));
    chain.advanceTo(chain.issue(issue2).phaseEnd());
    assertEquals(IssueTally.Outcome.VETOED, chain.result(issue2).outcome());
  }

  @Test
  void weightsAreFixedWhenVotingOpens() {
    long c = weighted(5, 10, 10);
    long issue = poll(m(1), c, 0, yesNo(5_000, 0), "proposal");
    chain.ok(txs(REG, new DvsSetMember(c, m(2).address(), 1_000),
        REG, new DvsSetMember(c, m(3).address(), 500),
        REG, new DvsSetMember(c, m(1).address(), 0)));
    assertEquals(1_500, chain.community(c).totalWeight());
    chain.ok(txs(m(1), vote(issue, 0), m(2), vote(issue, 1)));
    chain.rejected(DvsRejection.NOT_A_MEMBER, m(3), vote(issue, 0));
    chain.rejected(DvsRejection.INVALID_BALLOT, m(2), split(issue, part(600, 1), part(400, 0)));
    chain.advanceTo(chain.issue(issue).phaseEnd());
    IssueTally result = chain.result(issue);
    assertEquals(longs(10, 10, 0, 0), result.totals());
    assertEquals(20, result.electorateWeight());
    assertEquals(IssueTally.Outcome.REJECTED, result.outcome()); // a tie is not a majority
  }

  // --- treasury ------------------------------------------------------------------------------

  @Test
  void passedIssuesPayFromTheTreasuryOnlyWhatItHolds() {
    long c = community(poll(DvsParams.MEMBERS, 3), m(1), m(2), m(3));
    Address treasury = chain.community(c).treasury();
    chain.ok(txs(m(1), new DvsCreateIssue(c, 0, false, yesNo(5_000, 0), List.of("pay 1000"),
            NOBODY, 1_000),
        m(1), new DvsCreateIssue(c, 0, false, yesNo(5_000, 0), List.of("pay 10000"),
            NOBODY, 10_000),
        m(1), new DvsCreateIssue(c, 0, false, yesNo(5_000, 0), List.of("rejected"),
            NOBODY, 100),
        REG, new CoinTransfer(treasury, 5_000, "fund")));
    chain.ok(txs(m(1), vote(1, 0), m(2), vote(1, 0), m(1), vote(2, 0), m(2), vote(2, 0),
        m(1), vote(3, 1), m(2), vote(3, 1)));
    chain.assertSupplyConserved();
    chain.advanceTo(chain.issue(1).phaseEnd());

    assertEquals(IssueTally.Outcome.PASSED, chain.result(1).outcome());
    assertEquals("PAID", chain.result(1).action());
    assertEquals(IssueTally.Outcome.PASSED, chain.result(2).outcome());
    assertEquals("TREASURY_INSUFFICIENT", chain.result(2).action());
    assertEquals(IssueTally.Outcome.REJECTED, chain.result(3).outcome());
    assertEquals("", chain.result(3).action());
    assertEquals(1_000, chain.balance(NOBODY));
    assertEquals(4_000, chain.balance(treasury));
    chain.assertSupplyConserved();
  }

  // --- regions -------------------------------------------------------------------------------

  @Test
  void regionalBreakdownMergesCellsBelowTheMinimumSize() {
    Ed25519KeyPair[] members = new Ed25519KeyPair[9];
    for (int i = 0; i < 9; i++) members[i] = m(i + 1);
    long c = community(params(DvsParams.MEMBERS, 10, 10, 10, 4, 8, 3, 4), members);
    String[] regions = {"A", "A", "A", "D", "D", "D", "B", "C", "D"};
    List<Transaction> attest = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      attest.add(chain.tx(REG, new DvsAttest(c, m(i + 1).address(), "region", regions[i])));
    }
    chain.ok(attest.toArray(Transaction[]::new));
    assertEquals("B", chain.member(c, m(7).address()).region());
    long issue = poll(m(1), c, 0, DvsRules.of(Method.SINGLE_CHOICE), "x", "y");
    // m9 (D) does not vote
    chain.ok(txs(m(1), vote(issue, 0), m(2), vote(issue, 0), m(3), vote(issue, 0),
        m(4), vote(issue, 1), m(5), vote(issue, 1), m(6), vote(issue, 1),
        m(7), vote(issue, 0), m(8), vote(issue, 1)));
    // B (1) and C (1) merge, still below 3, then join the smallest other cell, A
    List<RegionCell> expected = List.of(new RegionCell("A+B+C", 5, 5, longs(4, 1)),
        new RegionCell("D", 3, 3, longs(0, 3)));
    assertEquals(expected, chain.live(issue).regions());
    chain.advanceTo(chain.issue(issue).phaseEnd());
    assertEquals(expected, chain.result(issue).regions());
    assertEquals(longs(4, 4), chain.result(issue).totals());
    assertEquals(IssueTally.Outcome.TIE, chain.result(issue).outcome());
  }

  /**
   * Turnout by region: each cell (merged ones too) carries the roll behind it, voters or not,
   * and a region where nobody's weight was counted is listed apart, with counts only. Live and
   * after the close (from a recount of the frozen electorate), through dvs_tally.
   */
  @Test
  void eachRegionCellCarriesItsElectorateAndTurnout() {
    Ed25519KeyPair[] members = new Ed25519KeyPair[10];
    for (int i = 0; i < 10; i++) members[i] = m(i + 1);
    long[] weights = {1, 1, 1, 2, 2, 2, 1, 1, 2, 5};
    long c = community(params(DvsParams.WEIGHTED, 10, 10, 10, 4, 8, 3, 4), members, weights);
    String[] regions = {"A", "A", "A", "D", "D", "D", "B", "C", "D", "E"};
    List<Transaction> attest = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      attest.add(chain.tx(REG, new DvsAttest(c, m(i + 1).address(), "region", regions[i])));
    }
    chain.ok(attest.toArray(Transaction[]::new));
    long issue = poll(m(1), c, 0, DvsRules.of(Method.SINGLE_CHOICE), "x", "y");
    // m3 (A), m9 (D) and m10 (E, alone) do not vote
    chain.ok(txs(m(1), vote(issue, 0), m(2), vote(issue, 0), m(4), vote(issue, 1),
        m(5), vote(issue, 1), m(6), vote(issue, 1), m(7), vote(issue, 0), m(8), vote(issue, 1)));
    IssueCount live = DvsCounting.countWithMethod(chain.dvs(), chain.dvs().issue(issue)
        .orElseThrow(), chain.ledger.head().height(), false);
    // the stored cells are as before: B (1) and C (1) merge, then join A (2 counted)
    assertEquals(List.of(new RegionCell("A+B+C", 4, 4, longs(3, 1)),
        new RegionCell("D", 3, 6, longs(0, 6))), live.tally().regions());
    assertEquals(List.of(new RegionRoll("A+B+C", 5, 5), new RegionRoll("D", 4, 8)),
        live.rolls());
    assertEquals(List.of(new RegionRoll("E", 1, 5)), live.silentRegions());

    DvsRpcCalls rpc = new DvsRpcCalls(chain.ledger);
    JsonNode tally = rpc.call("dvs_tally", issue);
    assertEquals(8_000, tally.at("/regions/0/turnoutBps").asLong(), tally.toString());
    assertEquals(7_500, tally.at("/regions/1/turnoutBps").asLong());
    assertEquals(8, tally.at("/regions/1/electorateWeight").asLong());
    assertEquals("E", tally.at("/regionsWithoutVotes/0/region").asText());
    assertEquals(5, tally.at("/regionsWithoutVotes/0/electorateWeight").asLong());

    chain.advanceTo(chain.issue(issue).phaseEnd());
    JsonNode closed = rpc.call("dvs_tally", issue);
    assertTrue(closed.path("final").asBoolean());
    assertEquals(tally.get("regions"), closed.get("regions"));
    assertEquals(tally.get("regionsWithoutVotes"), closed.get("regionsWithoutVotes"));
    // a budget that cannot afford the recount gets the stored result without rolls, unless the
    // same method (the node has one) counted it already
    RpcMethod method = chain.ledger.modules().rpcMethods(chain.ledger).stream()
        .filter(m -> m.name().equals("dvs_tally")).findFirst().orElseThrow();
    RpcArgs args = RpcArgs.of(JsonNodeFactory.instance.numberNode(issue));
    JsonNode poor = method.call(args, new WorkBudget(1, 60_000, System::nanoTime, () -> true));
    assertEquals(closed.get("ballotsRoot"), poor.get("ballotsRoot"));
    assertTrue(poor.at("/regions/0/turnoutBps").isMissingNode());
    assertTrue(poor.path("regionsWithoutVotes").isMissingNode());
    assertEquals(closed, method.call(args, WorkBudget.unbounded()));
    assertEquals(closed, method.call(args, new WorkBudget(1, 60_000, System::nanoTime,
        () -> true)), "the cached recount costs nothing more");
  }

  @Test
  void aBreakdownSmallerThanTheMinimumShowsNoChoices() {
    long c = community(params(DvsParams.MEMBERS, 10, 10, 10, 2, 8, 5, 4), m(1), m(2));
    long issue = poll(m(1), c, 0, DvsRules.of(Method.YES_NO), "proposal");
    chain.ok(txs(m(1), vote(issue, 0), m(2), vote(issue, 1)));
    List<RegionCell> cells = chain.live(issue).regions();
    assertEquals(1, cells.size());
    assertEquals(2, cells.getFirst().members());
    assertEquals(List.of(), cells.getFirst().firstChoices());
  }

  // --- determinism ---------------------------------------------------------------------------

  @Test
  void ledgersImportingTheSameBlocksReachTheSameStateAndResults() {
    long issue = delegationScenario();
    chain.ok(txs(m(3), vote(issue, 1), m(5), vote(issue, 1)));
    chain.ok(chain.free(m(9), vote(issue, 0), 4, true));
    chain.advanceTo(chain.issue(issue).phaseEnd() + 1);
    byte[] result = chain.dvs().result(issue).orElseThrow();

    for (int copy = 0; copy < 2; copy++) {
      Ledger other = LedgerFixtures.openInMemory(chain.genesis);
      for (Block b : chain.blocks) {
        other.importBlock(b);
        assertEquals(b.header().stateRoot(), other.head().header().stateRoot(),
            "state root at " + b.height());
      }
      assertEquals(chain.ledger.head().hash(), other.head().hash());
      assertArrayEquals(result, new DvsStore(other.headState()).result(issue).orElseThrow());
    }
  }

  // --- property: random ballot streams --------------------------------------------------------

  private static long seed() {
    return TestSeed.of("DvsLedgerTest");
  }

  @Test
  void randomBallotStreamsCountEachVotersLastValidBallotAndReplayToTheSameRoots() {
    qt().withFixedSeed(seed())
        .withExamples(15)
        .forAll(SourceDSL.longs().all())
        .checkAssert(DvsLedgerTest::randomBallotStream);
  }

  /**
   * Eight members vote on a three-option poll over four blocks: random voters, options (some out
   * of range, refused with INVALID_BALLOT and changing nothing), replacements within a block and
   * across blocks, fee-free or paid. The final totals are each voter's last valid choice; a
   * replica importing the blocks reaches the same roots and the same stored result.
   */
  private static void randomBallotStream(long exampleSeed) {
    String where = "seed=" + exampleSeed;
    SplittableRandom random = new SplittableRandom(exampleSeed);
    DvsLedgerTest t = new DvsLedgerTest();
    LedgerChain chain = t.chain;
    Ed25519KeyPair[] members = new Ed25519KeyPair[8];
    for (int i = 0; i < 8; i++) members[i] = m(i + 1);
    long c = t.community(poll(DvsParams.MEMBERS, 4), members);
    long issue = t.poll(m(1), c, 0, DvsRules.of(Method.SINGLE_CHOICE), "x", "y", "z");
    TreeMap<Integer, Integer> last = new TreeMap<>();
    for (int block = 0; block < 4; block++) {
      List<Transaction> txs = new ArrayList<>();
      TreeMap<Integer, Integer> pending = new TreeMap<>();
      // a voter whose ballot is refused must not send more in the same block (nonce gap)
      java.util.Set<Integer> refused = new java.util.TreeSet<>();
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        int voter = random.nextInt(8);
        if (refused.contains(voter)) continue;
        int option = random.nextInt(4); // 3 is out of range
        Message ballot = vote(issue, option);
        txs.add(random.nextBoolean() ? chain.tx(members[voter], ballot)
            : chain.free(members[voter], ballot, 4, true));
        if (option == 3) {
          refused.add(voter);
        } else {
          pending.put(voter, option);
        }
      }
      BlockResult r = chain.block(txs.toArray(Transaction[]::new));
      for (BlockResult.Skipped skipped : r.skipped()) {
        assertEquals(DvsRejection.INVALID_BALLOT, skipped.verdict().rejection(), where);
      }
      assertEquals(txs.size(), r.block().transactions().size() + r.skipped().size(), where);
      last.putAll(pending);
    }
    assertEquals(Phase.CLOSED, chain.issue(issue).phase(), where);
    long[] expected = new long[3];
    last.values().forEach(o -> expected[o]++);
    IssueTally result = chain.result(issue);
    assertEquals(longs(expected), result.totals(), where);
    assertEquals(last.size(), result.ballots(), where);
    assertEquals(last.size(), result.countedWeight(), where);
    chain.assertSupplyConserved();

    Ledger replica = LedgerFixtures.openInMemory(chain.genesis);
    for (Block b : chain.blocks) replica.importBlock(b);
    assertEquals(chain.root(), replica.head().header().stateRoot(), where);
    assertArrayEquals(chain.dvs().result(issue).orElseThrow(),
        new DvsStore(replica.headState()).result(issue).orElseThrow(), where);
  }
}
