package org.bcos.ledger.dvs;

import static org.bcos.ledger.LedgerFixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.TestSeed;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Protocol version 6 ("dvs-indexes"): the index writers follow every delegation and issue write;
 * an upgrading chain builds the indexes at the activation height; the index-based answers of
 * {@code dvs_listDelegations … received} and {@code dvs_listIssues [community]} equal the
 * scan-based ones before and after it; and replicas reach the same state roots.
 */
class DvsIndexesTest {
  private static final int V6 = DvsSchema.INDEXES_VERSION;
  private static final List<Ed25519KeyPair> KEYS = LedgerFixtures.keys(10);
  private static final DvsParams OPEN = DvsParams.defaults(DvsParams.OPEN);

  private static Genesis atVersion(int version) {
    return LedgerFixtures.genesis(KEYS).atProtocolVersion(version);
  }

  /** A chain at version 5 planned to switch to 6 at {@code height}. */
  private static Genesis upgradingAt(long height) {
    return atVersion(V6 - 1).withUpgrades(List.of(
        new UpgradePlan("dvs-indexes", V6, Hash.ZERO, height, 0)));
  }

  private static Address a(int i) {
    return key(i).address();
  }

  private static DvsCreateIssue poll(long community) {
    return new DvsCreateIssue(community, 0, false, DvsRules.of(Method.SINGLE_CHOICE),
        List.of("Yes", "No"), a(0), 0);
  }

  private static boolean indexed(WorkingState s, long community, Address to, Address from,
      Scope scope, long id) {
    return s.get(DvsSchema.DELEGATIONS_BY_DELEGATE,
        DvsStore.byDelegateKey(community, to, from, scope, id)) != null;
  }

  @Test
  void indexFollowsDelegateRedelegateAndUndelegate() {
    LedgerChain chain = new LedgerChain(atVersion(V6));
    chain.ok(key(0), new DvsCreateCommunity("open", OPEN));
    chain.ok(key(0), poll(1));
    chain.ok(chain.tx(key(1), new DvsDelegate(1, Scope.COMMUNITY, 0, a(2))),
        chain.tx(key(3), new DvsDelegate(1, Scope.ISSUE, 1, a(2))));
    WorkingState s = chain.ledger.headState();
    assertTrue(new DvsStore(s).indexed(), "a chain that starts at 6 keeps the indexes");
    assertTrue(indexed(s, 1, a(2), a(1), Scope.COMMUNITY, 0));
    assertTrue(indexed(s, 1, a(2), a(3), Scope.ISSUE, 1));

    chain.ok(key(1), new DvsDelegate(1, Scope.COMMUNITY, 0, a(4)));   // redelegate
    s = chain.ledger.headState();
    assertFalse(indexed(s, 1, a(2), a(1), Scope.COMMUNITY, 0), "the old delegate's entry goes");
    assertTrue(indexed(s, 1, a(4), a(1), Scope.COMMUNITY, 0));

    chain.ok(key(1), new DvsUndelegate(1, Scope.COMMUNITY, 0));
    s = chain.ledger.headState();
    assertFalse(indexed(s, 1, a(4), a(1), Scope.COMMUNITY, 0));
    assertTrue(indexed(s, 1, a(2), a(3), Scope.ISSUE, 1), "other delegations stay");
  }

  @Test
  void issueCreationAppendsToItsCommunitysIndex() {
    LedgerChain chain = new LedgerChain(atVersion(V6));
    chain.ok(key(0), new DvsCreateCommunity("one", OPEN));
    chain.ok(key(0), new DvsCreateCommunity("two", OPEN));
    chain.ok(chain.tx(key(0), poll(2)), chain.tx(key(1), poll(1)), chain.tx(key(2), poll(2)));
    DvsStore dvs = new DvsStore(chain.ledger.headState());
    assertEquals(1, dvs.issueCount(1));
    assertEquals(2, dvs.issueCount(2));
    assertEquals(List.of(1L, 3L), List.of(dvs.issueOf(2, 1), dvs.issueOf(2, 2)));
    assertEquals(2L, dvs.issueOf(1, 1));
  }

  @Test
  void beforeVersionSixNothingIsIndexedAndTheActivationBuildsBoth() {
    LedgerChain chain = new LedgerChain(upgradingAt(6));
    chain.ok(key(0), new DvsCreateCommunity("open", OPEN));
    chain.ok(chain.tx(key(0), poll(1)), chain.tx(key(1), new DvsDelegate(1, Scope.COMMUNITY, 0,
        a(2))));
    WorkingState s = chain.ledger.headState();
    assertFalse(new DvsStore(s).indexed());
    assertFalse(indexed(s, 1, a(2), a(1), Scope.COMMUNITY, 0), "version 5 writes no index");
    assertNull(s.get(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(1, 0)));
    chain.until(6);
    s = chain.ledger.headState();
    assertEquals(Optional.of(6L), DvsIndexes.since(s), "built at the activation height");
    assertTrue(indexed(s, 1, a(2), a(1), Scope.COMMUNITY, 0));
    assertEquals(1, new DvsStore(s).issueCount(1));
    assertNotNull(s.get(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(1, 1)));
  }

  @Test
  void receivedDelegationsAndACommunitysIssuesComeInFullPagesWithCursors() {
    LedgerChain chain = new LedgerChain(atVersion(V6));
    DvsRpcCalls rpc = new DvsRpcCalls(chain.ledger);
    chain.ok(key(0), new DvsCreateCommunity("one", OPEN));
    chain.ok(key(0), new DvsCreateCommunity("two", OPEN));
    List<Transaction> txs = new ArrayList<>();
    for (int i = 1; i <= 7; i++) txs.add(chain.tx(key(i), new DvsDelegate(1, Scope.COMMUNITY, 0,
        a(9))));
    txs.add(chain.tx(key(8), new DvsDelegate(1, Scope.COMMUNITY, 0, a(1))));
    for (int i = 0; i < 5; i++) txs.add(chain.tx(key(i), poll(1 + (i % 2))));
    chain.ok(txs.toArray(Transaction[]::new));

    JsonNode first = rpc.call("dvs_listDelegations", 1, a(9), "received", 3);
    assertEquals(3, first.path("delegations").size(), "a full page");
    assertTrue(first.has("nextCursor"));
    JsonNode second = rpc.call("dvs_listDelegations", 1, a(9), "received", 3,
        first.path("nextCursor").asText());
    assertEquals(3, second.path("delegations").size());
    List<String> all = rpc.all("dvs_listDelegations", "delegations", "from", 3, 1, a(9),
        "received");
    assertEquals(scanReceived(chain.ledger, 1, a(9)), all);
    assertEquals(7, all.size());

    assertEquals(List.of("1", "3", "5"), rpc.all("dvs_listIssues", "issues", "id", 2, 1, null));
    assertEquals(List.of("5", "3", "1"), rpc.allThen("dvs_listIssues", "issues", "id", 2,
        List.of("desc"), 1, null));
    assertEquals(List.of("4", "2"), rpc.allThen("dvs_listIssues", "issues", "id", 1,
        List.of("desc"), 2, "VOTING"));
    JsonNode page = rpc.call("dvs_listIssues", 1, null, 2);
    assertEquals(2, page.path("issues").size());
    String cursor = page.path("nextCursor").asText();
    assertEquals("INVALID_PARAMS", rpc.reason("dvs_listIssues", 2, null, 2, cursor),
        "a cursor of another community");
    assertEquals("INVALID_PARAMS", rpc.reason("dvs_listIssues", 1, null, 2, "0000000000000001"));
  }

  /** The pre-v6 answer, computed from the delegations column: delegators giving to {@code to}. */
  private static List<String> scanReceived(Ledger ledger, long community, Address to) {
    return new DvsStore(ledger.headState()).delegations(community).stream()
        .filter(d -> d.to().equals(to)).map(d -> d.from().toString()).toList();
  }

  private static List<String> scanIssues(Ledger ledger, long community) {
    List<String> out = new ArrayList<>();
    ledger.headState().forEach(DvsSchema.ISSUES, new byte[0], (k, v) -> {
      Issue i = Issue.decode(v);
      if (i.communityId() == community) out.add(Long.toString(i.id()));
    });
    return out;
  }

  /**
   * Random DVS traffic (delegate, redelegate, undelegate at community and issue scope, issue
   * creation) over three open communities, on a chain at version 5 that switches to 6 at a
   * random height: after every block the listed answers (by index from 6, by scan before) equal
   * the scan of the delegation and issue columns, the full list equals the pages joined, and a
   * replica fed the same blocks has the same state root. Replay with -Dbcos.test.seed=S.
   */
  @Test
  void indexAnswersEqualScanAnswersAcrossTheUpgrade() {
    long seed = TestSeed.of("DvsIndexesTest");
    qt().withFixedSeed(seed).withExamples(6).forAll(longs().all()).checkAssert(this::runChain);
  }

  private void runChain(long example) {
    SplittableRandom random = new SplittableRandom(example);
    long upgrade = 3 + random.nextInt(8);
    LedgerChain chain = new LedgerChain(upgradingAt(upgrade));
    DvsRpcCalls rpc = new DvsRpcCalls(chain.ledger);
    String where = "example " + example + ", upgrade at " + upgrade;
    chain.ok(chain.tx(key(0), new DvsCreateCommunity("a", OPEN)),
        chain.tx(key(0), new DvsCreateCommunity("b", OPEN)),
        chain.tx(key(0), new DvsCreateCommunity("c", OPEN)));
    for (int b = 0; b < 14; b++) {
      List<Transaction> txs = new ArrayList<>();
      long issues = new DvsStore(chain.ledger.headState()).last("issue");
      for (int k = 0; k < KEYS.size(); k++) {
        if (random.nextInt(3) == 0) continue;
        txs.add(chain.tx(key(k), randomMessage(random, k, issues)));
      }
      chain.block(txs.toArray(Transaction[]::new));
      boolean indexedNow = chain.height() >= upgrade;
      assertEquals(indexedNow, new DvsStore(chain.ledger.headState()).indexed(), where);
      for (long c = 1; c <= 3; c++) {
        for (int t = 0; t < KEYS.size(); t++) {
          assertEquals(scanReceived(chain.ledger, c, a(t)), rpc.all("dvs_listDelegations",
              "delegations", "from", 2, c, a(t), "received"), where + " height " + chain.height());
        }
        List<String> issueIds = scanIssues(chain.ledger, c);
        assertEquals(issueIds, rpc.all("dvs_listIssues", "issues", "id", 2, c, null), where);
        assertEquals(issueIds.reversed(), rpc.allThen("dvs_listIssues", "issues", "id", 3,
            List.of("desc"), c, null), where);
      }
    }
    Ledger replica = Ledger.open(new org.bcos.storage.InMemoryStore(), chain.genesis,
        org.bcos.ledger.tx.SignatureCheck.withBestVerifier(),
        org.bcos.ledger.stake.api.EvidenceCheck.NONE, new org.bcos.ledger.TestCommits());
    for (Block b : chain.blocks) {
      replica.importBlock(b);
      assertEquals(b.header().stateRoot(), replica.head().header().stateRoot(), where);
    }
    assertEquals(chain.root(), replica.head().header().stateRoot(), where);
  }

  private static org.bcos.types.tx.Message randomMessage(SplittableRandom random, int k,
      long issues) {
    long community = 1 + random.nextInt(3);
    boolean issueScope = issues > 0 && random.nextBoolean();
    Scope scope = issueScope ? Scope.ISSUE : Scope.COMMUNITY;
    // issue ids are drawn from all issues: one of another community is refused, as it should be
    long scopeId = issueScope ? 1 + random.nextLong(issues) : 0;
    return switch (random.nextInt(5)) {
      case 0 -> poll(community);
      case 1 -> new DvsUndelegate(community, scope, scopeId);
      default -> new DvsDelegate(community, scope, scopeId, a((k + 1 + random.nextInt(
          KEYS.size() - 1)) % KEYS.size()));
    };
  }
}
