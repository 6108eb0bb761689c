package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.block.TxRoot;
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
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DVS end to end on a running dev node, through the client (JSON-RPC) and the CLI's read
 * commands: a party decision, a regional poll, a shareholder meeting, and bad input, each bad
 * transaction refused at admission with its named reason and nothing changed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DvsScenariosIT {
  private static final long BLOCK_MILLIS = 100;
  /** Phase length in blocks: long enough for a few round trips on a busy machine. */
  private static final long PHASE = 40;
  private static final int BITS = 4;
  private static final long FUNDS = 1_000_000_000L;
  @TempDir static Path root;
  private static InProcessNode chain;
  private static BcosClient client;

  @BeforeAll
  static void startNode() throws Exception {
    chain = InProcessNode.start(root, c -> c.withBlockInterval(BLOCK_MILLIS));
    client = chain.client();
  }

  @AfterAll
  static void stopNode() {
    if (chain != null) chain.close();
  }

  // --- helpers -------------------------------------------------------------------------------

  private static DvsParams params(int electorate, long admission, long verification,
      int maxChain, int minCell, int bits) {
    return new DvsParams(electorate, admission, 1, verification, PHASE, 2_000, 2_000, maxChain,
        minCell, bits, false);
  }

  private static long expiry() {
    return chain.height() + 1_000;
  }

  private static Transaction paid(Ed25519KeyPair from, Message m) {
    return Transactions.build(chain.chainId(), from, chain.pendingNonce(from.address()),
        chain.minFee(), expiry(), m);
  }

  private static Transaction free(Ed25519KeyPair from, Message m, int bits) {
    return Transactions.feeFree(chain.chainId(), from, chain.pendingNonce(from.address()),
        expiry(), m, bits);
  }

  /** A fee-free transaction whose stamp shows fewer than {@code bits} (searched, bounded). */
  private static Transaction weakStamp(Ed25519KeyPair from, Message m, int bits) {
    TxBody body = new TxBody(chain.chainId(), from.address(),
        chain.pendingNonce(from.address()), 0, expiry(), m);
    Hash digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body));
    byte[] signature = from.sign(digest.toBytes());
    for (long stamp = 0; stamp < 1_000; stamp++) {
      if (TransactionCodec.powBits(digest, stamp) < bits) {
        return TransactionCodec.assemble(body, signature, stamp);
      }
    }
    throw new IllegalStateException("no weak stamp");
  }

  /** Sends all, then waits until each is final; returns the final views in order. */
  private static List<JsonNode> final_(Transaction... txs) throws InterruptedException {
    List<Hash> hashes = new ArrayList<>();
    for (Transaction tx : txs) hashes.add(client.send(tx));
    List<JsonNode> out = new ArrayList<>();
    for (Hash h : hashes) out.add(chain.awaitFinal(h));
    return out;
  }

  private static JsonNode final_(Transaction tx) throws InterruptedException {
    return final_(new Transaction[] {tx}).getFirst();
  }

  /**
   * The transaction is refused at admission with {@code reason} (the node executes it against the
   * head state first), is not pending, and its sender's nonce does not move.
   */
  private static void refused(Rejection reason, Transaction tx) {
    long nonce = chain.nonce(tx.sender());
    RpcError e = assertThrows(RpcError.class, () -> client.send(tx));
    assertEquals(reason.name(), e.reason(), e.getMessage());
    assertEquals(reason.code(), e.code());
    RpcError lookup = assertThrows(RpcError.class, () -> client.transaction(tx.hash()));
    assertEquals("NOT_FOUND", lookup.reason());
    assertEquals(nonce, chain.nonce(tx.sender()));
  }

  private static long createdCommunity(JsonNode finalTx, Address creator) {
    return created(finalTx, creator, "communities");
  }

  private static long createdIssue(JsonNode finalTx, Address creator) {
    return created(finalTx, creator, "issues");
  }

  private static long created(JsonNode finalTx, Address creator, String what) {
    JsonNode ids = client.call("dvs_createdBy", creator.toString(),
        finalTx.path("height").asLong()).path(what);
    assertEquals(1, ids.size(), ids.toString());
    return ids.get(0).asLong();
  }

  /** The dev key creates a community and adds {@code members} with {@code weights}. */
  private static long community(DvsParams params, List<Ed25519KeyPair> members, long[] weights)
      throws InterruptedException {
    long id = createdCommunity(final_(paid(chain.dev, new DvsCreateCommunity("c", params))),
        chain.dev.address());
    List<Transaction> adds = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      adds.add(paid(chain.dev, new DvsSetMember(id, members.get(i).address(), weights[i])));
      client.send(adds.getLast());
    }
    for (Transaction tx : adds) chain.awaitFinal(tx.hash());
    return id;
  }

  private static long[] ones(int n) {
    long[] w = new long[n];
    java.util.Arrays.fill(w, 1);
    return w;
  }

  private static List<Ed25519KeyPair> keys(int n) {
    List<Ed25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(InProcessNode.freshKey());
    return out;
  }

  private static void fund(Ed25519KeyPair... keys) throws InterruptedException {
    List<Hash> hashes = new ArrayList<>();
    for (Ed25519KeyPair k : keys) {
      hashes.add(client.send(chain.transfer(chain.dev, chain.pendingNonce(chain.dev.address()),
          k.address(), FUNDS)));
    }
    for (Hash h : hashes) chain.awaitFinal(h);
  }

  private static long issue(Ed25519KeyPair creator, DvsCreateIssue m) throws InterruptedException {
    return createdIssue(final_(paid(creator, m)), creator.address());
  }

  private static DvsCreateIssue poll(long community, DvsRules rules, String... options) {
    return new DvsCreateIssue(community, 0, false, rules, List.of(options),
        chain.dev.address(), 0);
  }

  private static DvsCastBallot vote(long issue, long... values) {
    return new DvsCastBallot(issue, List.of(new DvsBallotPart(0, values)));
  }

  private static JsonNode issueView(long id) {
    return client.call("dvs_getIssue", id);
  }

  /** Polls the issue until it reaches {@code phase} (bounded). */
  private static JsonNode awaitPhase(long id, String phase) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonNode view = issueView(id);
      if (view.path("phase").asText().equals(phase)) return view;
      Thread.sleep(BLOCK_MILLIS / 2);
    }
    throw new AssertionError("issue " + id + " not " + phase + " after 60 s: " + issueView(id));
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asLong()));
    return out;
  }

  private static String url() {
    return chain.url();
  }

  // --- (a) party decision --------------------------------------------------------------------

  @Test
  void partyDecisionWithDelegationAndDeliberativeSchulze() throws Exception {
    List<Ed25519KeyPair> p = keys(6);
    fund(p.get(0), p.get(1));
    long c = community(params(DvsParams.MEMBERS, PHASE, PHASE, 8, 1, BITS), p, ones(6));
    final_(paid(chain.dev, new DvsAddArea(c, 0, "policy")));
    // p4 → p1 (community); p5 → p2 (area "policy"); p6 → p5 (community): p6 reaches p2
    final_(free(p.get(3), new DvsDelegate(c, Scope.COMMUNITY, 0, p.get(0).address()), BITS),
        free(p.get(4), new DvsDelegate(c, Scope.AREA, 1, p.get(1).address()), BITS),
        free(p.get(5), new DvsDelegate(c, Scope.COMMUNITY, 0, p.get(4).address()), BITS));
    JsonNode member = client.call("dvs_getMember", c, p.get(4).address().toString());
    assertEquals("AREA", member.path("delegations").get(0).path("scope").asText());

    long issue = issue(p.get(0), new DvsCreateIssue(c, 1, true, DvsRules.of(Method.SCHULZE),
        List.of("A: lower fees"), chain.dev.address(), 0));
    assertEquals("ADMISSION", issueView(issue).path("phase").asText());
    final_(paid(p.get(1), new DvsAddInitiative(issue, "B: no fees")));
    final_(free(p.get(0), new DvsSupport(issue, 0, true), BITS),
        free(p.get(1), new DvsSupport(issue, 1, true), BITS),
        free(p.get(2), new DvsSupport(issue, 1, true), BITS),
        free(p.get(3), new DvsSupport(issue, 0, true), BITS));
    JsonNode voting = awaitPhase(issue, "VOTING");
    assertTrue(voting.path("options").get(0).path("onBallot").asBoolean());
    assertTrue(voting.path("options").get(1).path("onBallot").asBoolean());

    // ranks A, B, status quo. p1 carries 2 (p4), p2 carries 3 (p5, p6), p3 carries 1:
    // B beats A 4:2 and the status quo 5:1
    final_(free(p.get(0), vote(issue, 1, 2, 3), BITS),
        free(p.get(1), vote(issue, 3, 1, 2), BITS),
        free(p.get(2), vote(issue, 3, 2, 1), BITS));
    JsonNode live = client.call("dvs_tally", issue);
    assertFalse(live.path("final").asBoolean());
    assertEquals(6, live.path("countedWeight").asLong());

    awaitPhase(issue, "CLOSED");
    JsonNode result = client.call("dvs_result", issue);
    assertTrue(result.path("final").asBoolean());
    assertEquals("DECIDED", result.path("outcome").asText());
    assertEquals(List.of(1L), longs(result.path("winners")));
    assertEquals(6, result.path("countedWeight").asLong());
    assertEquals(6, result.path("electorateWeight").asLong());
    assertEquals(3, result.path("ballots").asLong());

    // recount client side from the raw state: the same result
    JsonNode raw = client.call("dvs_rawIssueData", issue);
    IssueTally stored = IssueTally.decode(Hex.decode(raw.path("result").asText()));
    IssueTally recounted = DvsQueryCommands.Recount.recount(raw, issue, stored.height());
    assertEquals(stored, recounted.asFinal(recounted.outcome(), stored.action()));
    assertEquals(0, BcosCli.run("dvs", "recount", Long.toString(issue), "--rpc", url(),
        "--json"));

    // p3's ballot is under the stored ballots root
    Address voter = p.get(2).address();
    JsonNode proof = client.call("dvs_proof", issue, voter.toString());
    List<Hash> path = new ArrayList<>();
    proof.path("path").forEach(h -> path.add(Hash.fromHex(h.asText())));
    Hash leaf = DvsBallotPart.ballotLeaf(voter, List.of(new DvsBallotPart(0, new long[] {3, 2, 1})));
    Hash rootHash = Hash.fromHex(proof.path("ballotsRoot").asText());
    assertEquals(result.path("ballotsRoot").asText(), rootHash.toHex());
    assertTrue(TxRoot.verify(rootHash, leaf, proof.path("index").asInt(),
        proof.path("size").asInt(), path));
    assertFalse(TxRoot.verify(rootHash, DvsBallotPart.ballotLeaf(voter,
        List.of(new DvsBallotPart(0, new long[] {1, 2, 3}))), proof.path("index").asInt(),
        proof.path("size").asInt(), path));
    assertEquals(0, BcosCli.run("dvs", "proof", Long.toString(issue), "--voter",
        voter.toString(), "--rpc", url(), "--json"));
  }

  // --- (b) regional poll ---------------------------------------------------------------------

  @Test
  void regionalPollShowsALiveBreakdownWithSmallCellsMerged() throws Exception {
    List<Ed25519KeyPair> r = keys(7);
    fund(r.get(0));
    long c = community(params(DvsParams.MEMBERS, PHASE, PHASE, 8, 2, BITS), r, ones(7));
    String[] regions = {"north", "north", "north", "south", "south", "east", "west"};
    List<Transaction> attest = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      attest.add(paid(chain.dev, new DvsAttest(c, r.get(i).address(), "region", regions[i])));
      client.send(attest.getLast());
    }
    for (Transaction tx : attest) chain.awaitFinal(tx.hash());
    assertEquals("east", client.call("dvs_getMember", c, r.get(5).address().toString())
        .path("region").asText());

    long issue = issue(r.get(0), poll(c, DvsRules.of(Method.SINGLE_CHOICE), "tram", "bus"));
    long[] choices = {0, 0, 1, 1, 1, 0, 1};
    Transaction[] ballots = new Transaction[7];
    for (int i = 0; i < 7; i++) ballots[i] = free(r.get(i), vote(issue, choices[i]), BITS);
    final_(ballots);

    JsonNode live = client.call("dvs_tally", issue);
    assertEquals("VOTING", issueView(issue).path("phase").asText(), "voting ended too early");
    assertFalse(live.path("final").asBoolean());
    assertEquals(List.of(3L, 4L), longs(live.path("totals")));
    String expected = "[{\"region\":\"east+west\",\"members\":2,\"weight\":2,"
        + "\"firstChoices\":[1,1]},{\"region\":\"north\",\"members\":3,\"weight\":3,"
        + "\"firstChoices\":[2,1]},{\"region\":\"south\",\"members\":2,\"weight\":2,"
        + "\"firstChoices\":[0,2]}]";
    // dvs_tally adds each cell's electorate and turnout (everyone voted: 100 %)
    JsonNode cells = live.path("regions");
    for (JsonNode cell : cells) {
      assertEquals(cell.path("members").asLong(), cell.path("electorateMembers").asLong());
      assertEquals(10_000, cell.path("turnoutBps").asLong(), cell.toString());
      ((com.fasterxml.jackson.databind.node.ObjectNode) cell).remove(List.of("electorateMembers",
          "electorateWeight", "turnoutBps"));
    }
    assertEquals(expected, cells.toString());
    assertEquals(0, live.path("regionsWithoutVotes").size());
    assertEquals(0, BcosCli.run("dvs", "tally", Long.toString(issue), "--rpc", url(), "--json"));

    awaitPhase(issue, "CLOSED");
    JsonNode result = client.call("dvs_result", issue);
    assertEquals(expected, result.path("regions").toString());
    assertEquals("DECIDED", result.path("outcome").asText());
    assertEquals(List.of(1L), longs(result.path("winners")));
    assertFalse(result.path("unverifiedIdentity").asBoolean());
    assertEquals(0, BcosCli.run("dvs", "result", Long.toString(issue), "--rpc", url()));
  }

  // --- (c) shareholder meeting ---------------------------------------------------------------

  @Test
  void shareholderMeetingWithSplitVotesAndATwoThirdsThreshold() throws Exception {
    List<Ed25519KeyPair> s = keys(4);
    fund(s.get(0));
    long c = community(params(DvsParams.WEIGHTED, PHASE, PHASE, 8, 1, BITS), s,
        new long[] {500, 300, 150, 50});
    assertEquals(1_000, client.call("dvs_getCommunity", c).path("totalWeight").asLong());
    DvsRules twoThirds = new DvsRules(Method.YES_NO, 5_000, 6_667, 0, 10, 100);
    long merger = issue(s.get(0), poll(c, twoThirds, "approve the merger"));
    long dividend = issue(s.get(0), poll(c, twoThirds, "pay a dividend"));
    awaitPhase(dividend, "VOTING");

    // merger: yes 400 + 300, no 100 + 150, abstain 50 → 700 / 950 = 73.7 % > 66.67 %: PASSED
    // dividend: yes 250 + 300, no 250 + 150, s4 silent → 550 / 950 = 57.9 %: REJECTED
    final_(free(s.get(0), new DvsCastBallot(merger, List.of(new DvsBallotPart(400,
            new long[] {0}), new DvsBallotPart(100, new long[] {1}))), BITS),
        free(s.get(1), vote(merger, 0), BITS),
        free(s.get(2), vote(merger, 1), BITS),
        free(s.get(3), vote(merger, 0), BITS));
    final_(free(s.get(0), new DvsCastBallot(dividend, List.of(new DvsBallotPart(250,
            new long[] {0}), new DvsBallotPart(250, new long[] {1}))), BITS),
        free(s.get(1), vote(dividend, 0), BITS),
        free(s.get(2), vote(dividend, 1), BITS),
        // s4 changes its mind on the merger: the last ballot counts
        free(s.get(3), vote(merger, 2), BITS));
    refused(DvsRejection.INVALID_BALLOT, free(s.get(0), new DvsCastBallot(dividend,
        List.of(new DvsBallotPart(300, new long[] {0}), new DvsBallotPart(300,
            new long[] {1}))), BITS));

    awaitPhase(dividend, "CLOSED");
    JsonNode m = client.call("dvs_result", merger);
    assertEquals(List.of(700L, 250L, 50L, 0L), longs(m.path("totals")));
    assertEquals("PASSED", m.path("outcome").asText());
    assertTrue(m.path("quorumMet").asBoolean());
    assertEquals(10_000, m.path("turnoutBps").asLong());
    JsonNode d = client.call("dvs_result", dividend);
    assertEquals(List.of(550L, 400L, 0L, 0L), longs(d.path("totals")));
    assertEquals("REJECTED", d.path("outcome").asText());
    assertEquals(9_500, d.path("turnoutBps").asLong());
  }

  // --- (e) fee-free spam --------------------------------------------------------------------

  /**
   * Issue #8's spam: free ballots from throwaway keys and weak stamps are refused at the door,
   * one member's flood stops at the per-sender quota, and an honest free vote still gets in.
   */
  @Test
  void freeSpamIsRefusedAtTheDoorAndAnHonestFreeVoteStillGetsIn() throws Exception {
    List<Ed25519KeyPair> m = keys(2);
    fund(m.get(0));
    int bits = 8;
    long c = community(params(DvsParams.MEMBERS, 4 * PHASE, PHASE, 2, 1, bits), m, ones(2));
    long poll = issue(m.get(0), poll(c, DvsRules.of(Method.SINGLE_CHOICE), "yes", "no"));
    int pendingBefore = chain.node().mempool().size();

    List<Transaction> throwaway = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      throwaway.add(free(InProcessNode.freshKey(), vote(poll, i % 2), bits));
    }
    com.fasterxml.jackson.databind.node.ArrayNode outsiders = client.sendAll(throwaway);
    for (JsonNode r : outsiders) {
      assertEquals("NOT_A_MEMBER", r.path("reason").asText(), r.toString());
    }
    refused(TxRejection.STAMP_INSUFFICIENT, weakStamp(m.get(1), vote(poll, 0), bits));
    assertEquals(pendingBefore, chain.node().mempool().size(), "nothing of it is pending");

    // a member re-votes 200 times in one batch: the quota (32 pending) stops the flood
    long next = chain.pendingNonce(m.get(0).address());
    List<Transaction> flood = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      flood.add(Transactions.feeFree(chain.chainId(), m.get(0), next + i, expiry(),
          vote(poll, i % 2), bits));
    }
    com.fasterxml.jackson.databind.node.ArrayNode results = client.sendAll(flood);
    int accepted = 0;
    int quota = 0;
    for (JsonNode r : results) {
      if (r.path("accepted").asBoolean()) accepted++;
      else if ("FEE_FREE_QUOTA_FULL".equals(r.path("reason").asText())) quota++;
    }
    assertTrue(accepted >= 32 && quota > 0, accepted + " accepted, " + quota + " over quota");
    assertEquals(200, accepted + quota, results.toString());

    JsonNode honest = final_(free(m.get(1), vote(poll, 1), bits));
    assertEquals("final", honest.path("status").asText());
  }

  // --- (d) bad input -------------------------------------------------------------------------

  @Test
  void badInputIsRefusedAtAdmissionWithItsNamedReasonAndChangesNothing() throws Exception {
    List<Ed25519KeyPair> b = keys(5);
    Ed25519KeyPair outsider = InProcessNode.freshKey();
    fund(b.get(0), b.get(4));
    int bits = 8;
    long c = community(params(DvsParams.MEMBERS, 4 * PHASE, PHASE, 2, 1, bits), b, ones(5));
    long ranked = issue(b.get(0), poll(c, DvsRules.of(Method.IRV), "a", "b", "c"));
    long deliberative = issue(b.get(0), new DvsCreateIssue(c, 0, true,
        DvsRules.of(Method.SCHULZE), List.of("x"), chain.dev.address(), 0));

    // outside the voting phase, not a member, an invalid ranking, no valid stamp and no fee
    refused(DvsRejection.VOTING_CLOSED, free(b.get(1), vote(deliberative, 1, 0), bits));
    refused(DvsRejection.NOT_A_MEMBER, free(outsider, vote(ranked, 1, 2, 3), bits));
    refused(DvsRejection.INVALID_BALLOT, free(b.get(1), vote(ranked, 1, 1, 2), bits));
    refused(DvsRejection.INVALID_BALLOT, free(b.get(1), vote(ranked, 1, 2), bits));
    refused(TxRejection.STAMP_INSUFFICIENT, weakStamp(b.get(1), vote(ranked, 1, 2, 3), bits));
    assertEquals(0, client.call("dvs_tally", ranked).path("ballots").asLong());

    // double counting: the same voter twice, the last ballot counts, with weight 1
    final_(free(b.get(1), vote(ranked, 1, 2, 3), bits));
    final_(free(b.get(1), vote(ranked, 3, 2, 1), bits));
    JsonNode tally = client.call("dvs_tally", ranked);
    assertEquals(1, tally.path("ballots").asLong());
    assertEquals(1, tally.path("countedWeight").asLong());
    assertEquals(List.of(2), List.of(tally.path("winners").get(0).asInt()));

    // delegation: to self, to a refusing member, beyond the chain limit of two
    final_(paid(b.get(4), new DvsRefuseDelegations(c, true)));
    refused(DvsRejection.SELF_DELEGATION, free(b.get(2), new DvsDelegate(c, Scope.COMMUNITY, 0,
        b.get(2).address()), bits));
    refused(DvsRejection.DELEGATE_REFUSES, free(b.get(2), new DvsDelegate(c, Scope.COMMUNITY, 0,
        b.get(4).address()), bits));
    refused(DvsRejection.DELEGATE_NOT_MEMBER, free(b.get(2), new DvsDelegate(c, Scope.COMMUNITY,
        0, outsider.address()), bits));
    final_(free(b.get(0), new DvsDelegate(c, Scope.COMMUNITY, 0, b.get(1).address()), bits),
        free(b.get(1), new DvsDelegate(c, Scope.COMMUNITY, 0, b.get(2).address()), bits));
    refused(DvsRejection.CHAIN_TOO_LONG, free(b.get(3), new DvsDelegate(c, Scope.COMMUNITY, 0,
        b.get(0).address()), bits));
    assertEquals(0, client.call("dvs_getMember", c, b.get(3).address().toString())
        .path("delegations").size());
    assertEquals(0, client.call("dvs_getMember", c, b.get(2).address().toString())
        .path("delegations").size());

    // b1 voted directly (its own delegation to b2 does not apply) and b0 reaches it in one hop:
    // weight 2 on one ballot
    JsonNode after = client.call("dvs_tally", ranked);
    assertEquals(1, after.path("ballots").asLong());
    assertEquals(2, after.path("countedWeight").asLong());

    awaitPhase(ranked, "CLOSED");
    refused(DvsRejection.VOTING_CLOSED, free(b.get(3), vote(ranked, 1, 2, 3), bits));
    JsonNode result = client.call("dvs_result", ranked);
    assertEquals(1, result.path("ballots").asLong());
    assertEquals(2, result.path("countedWeight").asLong());
    assertEquals(List.of(2L), longs(result.path("winners")));
  }
}
