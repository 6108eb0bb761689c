package org.bcos.cli;

import static org.bcos.cli.WebVectorFiles.json;
import static org.bcos.cli.WebVectorFiles.obj;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.block.TxRoot;
import org.bcos.ledger.dvs.DvsCounting;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.Column;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.Encoder;
import org.junit.jupiter.api.Test;

/**
 * The cross-language vectors of the web app's results view (bcos-web's lib/dvs/merkle.js and
 * lib/dvs/recount.js): ballot inclusion proofs of several tree sizes as dvs_proof answers them
 * (the ledger's ballot leaf and RFC 6962 audit path), tampered proofs that must fail, and raw
 * issue data (dvs_rawIssueData's columns) of a closed issue of every method with the result the
 * ledger's own count stores. With {@code -Dbcos.web.vectors=write} the file is (re)written;
 * otherwise it must equal, byte for byte, what Java computes now.
 */
class BallotProofWebVectorsTest {
  private static final Path FILE = Path.of("..", "bcos-web", "src", "test", "js", "vectors",
      "results-proofs.json");
  private static final String REGENERATE = WebVectorFiles.regenerate("BallotProofWebVectorsTest");
  private static final String WORDS = "abandon ".repeat(23) + "art";
  private static final List<Address> VOTERS = new ArrayList<>();

  static {
    for (int i = 0; i < 12; i++) VOTERS.add(Mnemonic.toKeyPair(WORDS, i).address());
  }

  private static DvsBallotPart part(long weight, long... values) {
    return new DvsBallotPart(weight, values);
  }

  @Test
  void resultsVectors() throws IOException {
    Map<String, Object> root = obj("generatedBy",
        "bcos-cli BallotProofWebVectorsTest; regenerate: " + REGENERATE);
    root.put("proofs", proofs());
    root.put("tampered", tampered());
    root.put("recounts", recounts());
    WebVectorFiles.check(FILE, json(root), REGENERATE);
  }

  /** Ballots of voters 0..size-1 (one part each), in address order as the ledger keeps them. */
  private static TreeMap<Address, List<DvsBallotPart>> ballots(int size) {
    TreeMap<Address, List<DvsBallotPart>> out = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      out.put(VOTERS.get(i), i % 3 == 2 ? List.of(part(7 + i, i, -i), part(3, 1L << 40))
          : List.of(part(0, i % 4)));
    }
    return out;
  }

  private static Map<String, Object> proof(TreeMap<Address, List<DvsBallotPart>> ballots,
      int index) {
    List<Address> voters = new ArrayList<>(ballots.keySet());
    List<Hash> leaves = new ArrayList<>();
    ballots.forEach((v, p) -> leaves.add(DvsBallotPart.ballotLeaf(v, p)));
    Hash root = TxRoot.of(leaves);
    List<Hash> path = TxRoot.auditPath(leaves, index);
    assertTrue(TxRoot.verify(root, leaves.get(index), index, leaves.size(), path));
    List<String> hex = new ArrayList<>();
    path.forEach(h -> hex.add(h.toHex()));
    return obj("voter", voters.get(index).toString(), "index", index, "size", leaves.size(),
        "leaf", leaves.get(index).toHex(), "ballotsRoot", root.toHex(),
        "parts", parts(ballots.get(voters.get(index))), "path", hex);
  }

  private static List<Object> proofs() {
    List<Object> out = new ArrayList<>();
    int[][] cases = {{1, 0}, {2, 1}, {3, 2}, {5, 0}, {5, 4}, {8, 3}, {11, 6}, {11, 10}};
    for (int[] c : cases) out.add(proof(ballots(c[0]), c[1]));
    return out;
  }

  /** Proofs changed in one way each: every one must fail, and Java's check agrees. */
  @SuppressWarnings("unchecked")
  private static List<Object> tampered() {
    List<Object> out = new ArrayList<>();
    TreeMap<Address, List<DvsBallotPart>> b = ballots(11);
    String[] kinds = {"flippedPathByte", "wrongIndex", "pathTooShort", "pathTooLong",
        "changedWeight", "wrongSize", "otherRoot", "indexOutOfRange"};
    for (String kind : kinds) {
      Map<String, Object> p = proof(b, 6);
      List<String> path = new ArrayList<>((List<String>) p.get("path"));
      switch (kind) {
        case "flippedPathByte" -> path.set(1, flip(path.get(1)));
        case "wrongIndex" -> p.put("index", 7);
        case "pathTooShort" -> path.removeLast();
        case "pathTooLong" -> path.add(path.getFirst());
        case "changedWeight" -> p.put("parts", parts(List.of(part(0, 7))));
        case "wrongSize" -> p.put("size", 7);
        case "otherRoot" -> p.put("ballotsRoot", proof(ballots(10), 6).get("ballotsRoot"));
        default -> p.put("index", 11);
      }
      p.put("path", path);
      p.put("kind", kind);
      assertFalse(javaAccepts(p), kind);
      out.add(p);
    }
    return out;
  }

  private static boolean javaAccepts(Map<String, Object> p) {
    @SuppressWarnings("unchecked")
    List<String> hex = (List<String>) p.get("path");
    Address voter = Address.parse((String) p.get("voter"));
    List<DvsBallotPart> parts = new ArrayList<>();
    for (Object o : (List<?>) p.get("parts")) {
      Map<?, ?> m = (Map<?, ?>) o;
      long[] values = ((List<?>) m.get("values")).stream()
          .mapToLong(v -> Long.parseLong((String) v)).toArray();
      parts.add(part(Long.parseLong((String) m.get("weight")), values));
    }
    return TxRoot.verify(Hash.fromHex((String) p.get("ballotsRoot")),
        DvsBallotPart.ballotLeaf(voter, parts), (int) p.get("index"), (int) p.get("size"),
        hex.stream().map(Hash::fromHex).toList());
  }

  private static String flip(String hex) {
    char c = hex.charAt(0);
    return (c == '0' ? '1' : '0') + hex.substring(1);
  }

  // ---- recounts -------------------------------------------------------------------------

  /** One closed issue: its community's rules, roll, delegations and ballots. */
  private record Scenario(String name, Method method, boolean deliberative, int electorate,
      int minCellSize, int maxChainLength, int quorumBps, int vetoBps, List<String> options,
      boolean[] onBallot, int area, List<Member> roll, List<long[]> delegations,
      Map<Integer, List<DvsBallotPart>> ballots) {}

  private static boolean[] all(int n) {
    boolean[] b = new boolean[n];
    java.util.Arrays.fill(b, true);
    return b;
  }

  private static List<Member> roll(long... weights) {
    String[] regions = {"North", "South", "East", "", "North", "West", "South", "North", "Isle",
        "South", "North", "East"};
    List<Member> out = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      out.add(new Member(weights[i], regions[i], i == 5));
    }
    return out;
  }

  /** Delegations: {from, scope ordinal, scope id, to}; voter 5 refuses incoming ones. */
  private static final List<long[]> DELEGATIONS = List.of(new long[] {3, 0, 0, 1},
      new long[] {4, 0, 0, 3}, new long[] {6, 1, 2, 0}, new long[] {6, 0, 0, 2},
      new long[] {7, 2, 1, 8}, new long[] {8, 0, 0, 7}, new long[] {9, 0, 0, 5},
      new long[] {10, 1, 9, 0});

  private static List<Scenario> scenarios() {
    List<String> three = List.of("Alpha", "Bravo", "Charlie");
    List<String> four = List.of("Alpha", "Bravo", "Charlie", "Delta");
    return List.of(
        new Scenario("yes-no with delegation, veto share", Method.YES_NO, false,
            DvsParams.MEMBERS, 2, 8, 2_000, 3_340, List.of("Adopt"), all(1), 2,
            roll(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), DELEGATIONS,
            Map.of(0, List.of(part(0, 0)), 1, List.of(part(0, 1)), 2, List.of(part(0, 3)),
                5, List.of(part(0, 0)), 8, List.of(part(0, 2)))),
        new Scenario("single choice, weighted split votes", Method.SINGLE_CHOICE, false,
            DvsParams.WEIGHTED, 1, 8, 0, 0, three, all(3), 0,
            roll(600, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100), DELEGATIONS,
            Map.of(0, List.of(part(450, 0), part(100, 1), part(50, 2)), 1,
                List.of(part(0, 2)), 2, List.of(part(0, 2)), 8, List.of(part(0, 1)))),
        new Scenario("approval, delegated weight decides", Method.APPROVAL, false, DvsParams.MEMBERS, 3, 1,
            0, 0, four, all(4), 2, roll(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), DELEGATIONS,
            Map.of(0, List.of(part(0, 0, 2)), 1, List.of(part(0, 2)), 2, List.of(part(0, 0)),
                8, List.of(part(0, 3, 1)))),
        new Scenario("score, an invalid ballot, a tie", Method.SCORE, false, DvsParams.MEMBERS, 20,
            8, 0, 0, three, all(3), 0, roll(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), DELEGATIONS,
            Map.of(0, List.of(part(0, 3, 10, 0)), 1, List.of(part(0, 11, 0, 0)), 2,
                List.of(part(0, 0, 4, 9)))),
        new Scenario("quadratic, votes against, a tie", Method.QUADRATIC, false, DvsParams.MEMBERS,
            1, 8, 0, 0, three, all(3), 0, roll(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), DELEGATIONS,
            Map.of(0, List.of(part(0, 6, -8, 0)), 1, List.of(part(0, 0, 9, 3)), 7,
                List.of(part(0, -5, 0, 5)))),
        new Scenario("quorum not met", Method.SINGLE_CHOICE, false, DvsParams.MEMBERS, 1, 8,
            9_000, 0, three, all(3), 0, roll(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), List.of(),
            Map.of(0, List.of(part(0, 1)))),
        new Scenario("schulze deliberative, status quo", Method.SCHULZE, true,
            DvsParams.MEMBERS, 1, 8, 0, 0, four, new boolean[] {true, true, false, true}, 0,
            roll(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), DELEGATIONS,
            Map.of(0, List.of(part(0, 1, 2, 0, 3, 4)), 1, List.of(part(0, 3, 1, 0, 2, 4)),
                2, List.of(part(0, 0, 0, 0, 0, 1)))),
        new Scenario("irv, truncated ballots", Method.IRV, false, DvsParams.MEMBERS, 1, 8, 0,
            0, four, all(4), 0, roll(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), DELEGATIONS,
            Map.of(0, List.of(part(0, 1, 2, 0, 0)), 1, List.of(part(0, 0, 1, 2, 3)), 2,
                List.of(part(0, 0, 0, 1, 2)), 8, List.of(part(0, 2, 0, 0, 1)))),
        new Scenario("schulze, Wikipedia's 45 voters as a weighted roll", Method.SCHULZE,
            false, DvsParams.WEIGHTED, 1, 8, 0, 0, List.of("A", "B", "C", "D", "E"), all(5), 0,
            roll(5, 5, 8, 3, 7, 2, 7, 8), List.of(),
            Map.of(0, List.of(part(0, 1, 3, 2, 5, 4)), 1, List.of(part(0, 1, 5, 4, 2, 3)),
                2, List.of(part(0, 4, 1, 5, 3, 2)), 3, List.of(part(0, 2, 3, 1, 5, 4)),
                4, List.of(part(0, 2, 4, 1, 5, 3)), 5, List.of(part(0, 3, 2, 1, 4, 5)),
                6, List.of(part(0, 5, 4, 2, 1, 3)), 7, List.of(part(0, 3, 2, 5, 4, 1)))),
        new Scenario("irv, ties broken by index then by an earlier round", Method.IRV, false,
            DvsParams.MEMBERS, 1, 8, 0, 0, four, all(4), 0,
            roll(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), List.of(), irvTies()));
  }

  /** A 3, B 3, C then A 2, D then B 2: D goes on the index, then C, then A on round 2. */
  private static Map<Integer, List<DvsBallotPart>> irvTies() {
    Map<Integer, List<DvsBallotPart>> out = new java.util.HashMap<>();
    for (int i = 0; i < 3; i++) out.put(i, List.of(part(0, 1, 0, 0, 0)));
    for (int i = 3; i < 6; i++) out.put(i, List.of(part(0, 0, 1, 0, 0)));
    for (int i = 6; i < 8; i++) out.put(i, List.of(part(0, 2, 0, 1, 0)));
    for (int i = 8; i < 10; i++) out.put(i, List.of(part(0, 0, 2, 0, 1)));
    return out;
  }

  private static List<Object> recounts() {
    List<Object> out = new ArrayList<>();
    long id = 1;
    for (Scenario s : scenarios()) out.add(recount(s, id++));
    return out;
  }

  private static Map<String, Object> recount(Scenario s, long issueId) {
    long communityId = 40 + issueId;
    WorkingState state = new WorkingState(new InMemoryStore());
    DvsParams params = new DvsParams(s.electorate(), 10, 10, 10, 100, 1_000, 1_000,
        s.maxChainLength(), s.minCellSize(), 8, false);
    Address registrar = VOTERS.get(11);
    state.put(DvsSchema.COMMUNITIES, DvsSchema.id(communityId), new Community(communityId,
        "Vectors", registrar, params, 3, s.roll().size(), 0, registrar, 1).encode());
    state.put(DvsSchema.AREAS, idInt(communityId, 1), new Encoder(16).u32(0).string("Coast")
        .toByteArray());
    state.put(DvsSchema.AREAS, idInt(communityId, 2), new Encoder(16).u32(1).string("Harbour")
        .toByteArray());
    DvsRules rules = new DvsRules(s.method(), s.quorumBps(), 5_000, s.vetoBps(), 10, 100);
    Issue issue = new Issue(issueId, communityId, s.area(), s.deliberative(), rules,
        s.options(), s.onBallot(), Phase.CLOSED, 200, 100, 110, registrar, registrar, 0);
    state.put(DvsSchema.ISSUES, DvsSchema.id(issueId), issue.encode());
    for (int i = 0; i < s.roll().size(); i++) {
      state.put(DvsSchema.SNAPSHOTS, DvsSchema.idAddress(issueId, VOTERS.get(i)),
          s.roll().get(i).encode());
    }
    for (long[] d : s.delegations()) {
      state.put(DvsSchema.FROZEN_DELEGATIONS, new Encoder(56).u64(issueId)
          .address(VOTERS.get((int) d[0])).u8((int) d[1]).u64(d[2]).toByteArray(),
          VOTERS.get((int) d[3]).toBytes());
    }
    new TreeMap<>(s.ballots()).forEach((voter, parts) -> state.put(DvsSchema.BALLOTS,
        DvsSchema.idAddress(issueId, VOTERS.get(voter)),
        DvsBallotPart.encodeParts(new Encoder(64), parts).toByteArray()));
    IssueTally t = DvsCounting.count(new DvsStore(state), issue, 200, true);
    Map<String, Object> raw = obj("issue", issueId, "height", 200);
    byte[] community = DvsSchema.id(communityId);
    byte[] issueKey = DvsSchema.id(issueId);
    for (Column c : List.of(DvsSchema.COMMUNITIES, DvsSchema.AREAS, DvsSchema.MEMBERS,
        DvsSchema.DELEGATIONS)) {
      raw.put(c.name(), entries(state, c, community));
    }
    for (Column c : List.of(DvsSchema.ISSUES, DvsSchema.BALLOTS, DvsSchema.SNAPSHOTS,
        DvsSchema.FROZEN_DELEGATIONS, DvsSchema.DEFAULT_DELEGATIONS)) {
      raw.put(c.name(), entries(state, c, issueKey));
    }
    raw.put("result", Hex.encode(t.encode()));
    List<Object> options = new ArrayList<>();
    for (int k = 0; k < s.options().size(); k++) {
      options.add(obj("index", k, "text", s.options().get(k), "onBallot", s.onBallot()[k]));
    }
    Map<String, Object> issueJson = obj("id", issueId, "community", communityId, "area",
        s.area(), "mode", s.deliberative() ? "deliberative" : "poll", "rules", obj("method",
            rules.method().name(), "quorumBps", rules.quorumBps(), "thresholdBps",
            rules.thresholdBps(), "vetoBps", rules.vetoBps(), "maxScore", rules.maxScore(),
            "voiceCredits", rules.voiceCredits()), "options", options);
    Map<String, Object> communityJson = obj("id", communityId, "params", obj("maxChainLength",
        s.maxChainLength(), "minCellSize", s.minCellSize()));
    return obj("name", s.name(), "issue", issueJson, "community", communityJson, "raw", raw,
        "expected", expected(t));
  }

  private static Map<String, Object> expected(IssueTally t) {
    List<Object> regions = new ArrayList<>();
    for (IssueTally.RegionCell r : t.regions()) {
      regions.add(obj("region", r.region(), "members", Long.toString(r.members()), "weight",
          Long.toString(r.weight()), "firstChoices", strings(r.firstChoices())));
    }
    return obj("outcome", t.outcome().name(), "totals", strings(t.totals()), "winners",
        t.winners(), "electorateWeight", Long.toString(t.electorateWeight()), "countedWeight",
        Long.toString(t.countedWeight()), "ballots", Long.toString(t.ballots()), "quorumMet",
        t.quorumMet(), "ballotsRoot", t.ballotsRoot().toHex(), "regions", regions);
  }

  private static List<String> strings(List<Long> values) {
    return values.stream().map(String::valueOf).toList();
  }

  private static byte[] idInt(long id, int n) {
    return new Encoder(12).u64(id).u32(n).toByteArray();
  }

  private static List<String> entries(WorkingState state, Column column, byte[] prefix) {
    List<String> out = new ArrayList<>();
    state.forEach(column, prefix, (k, v) -> out.add(Hex.encode(k) + ":" + Hex.encode(v)));
    return out;
  }

  private static List<Object> parts(List<DvsBallotPart> parts) {
    List<Object> out = new ArrayList<>();
    for (DvsBallotPart p : parts) {
      List<String> values = new ArrayList<>();
      for (long v : p.values()) values.add(Long.toString(v));
      out.add(obj("weight", Long.toString(p.weight()), "values", values));
    }
    return out;
  }
}
