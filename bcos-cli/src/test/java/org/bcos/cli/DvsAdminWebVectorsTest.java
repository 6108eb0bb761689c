package org.bcos.cli;

import static org.bcos.cli.WebVectorFiles.json;
import static org.bcos.cli.WebVectorFiles.obj;


import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessage;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hex;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.junit.jupiter.api.Test;

/**
 * Cross-language vectors of the poll designer's and delegations page's messages (bcos-web's
 * lib/dvs/admin.js): for each DVS message the page signs, its inputs as the JS builder takes
 * them and the bytes Java's {@code encodeFields} writes, plus signed transactions carrying some
 * of them. With {@code -Dbcos.web.vectors=write} the file is (re)written; otherwise the
 * checked-in file must equal, byte for byte, what Java computes now (pattern of WebVectorsTest).
 */
class DvsAdminWebVectorsTest {
  private static final Path FILE = Path.of("..", "bcos-web", "src", "test", "js", "vectors",
      "poll-messages.json");
  private static final String REGENERATE = WebVectorFiles.regenerate("DvsAdminWebVectorsTest");
  private static final String WORDS = "abandon ".repeat(23) + "art";
  private static final String XSS_SCRIPT = "<script>alert(1)</script>";
  private static final String XSS_IMG = "<img src=x onerror=alert(1)>";

  @Test
  void pollMessagesMatchTheCheckedInVectors() throws IOException {
    Address alice = Mnemonic.toKeyPair(WORDS, 1).address();
    Address bob = Mnemonic.toKeyPair(WORDS, 2).address();
    List<Object> messages = new ArrayList<>();
    DvsParams defaults = DvsParams.defaults(DvsParams.MEMBERS);
    messages.add(vector("createCommunity", obj("name", "Pirate Party", "params",
        obj("electorate", "members")), new DvsCreateCommunity("Pirate Party", defaults)));
    messages.add(vector("createCommunity", obj("name", "ACME AGM \u2615 " + XSS_IMG, "params",
        obj("electorate", "weighted", "admissionBlocks", "10000000", "discussionBlocks", "0",
            "verificationBlocks", "0", "votingBlocks", "200", "issueQuorumBps", "10000",
            "initiativeQuorumBps", "0", "maxChainLength", "64", "minCellSize", "1000000",
            "powDifficultyBits", "40", "delegationInSupport", true)),
        new DvsCreateCommunity("ACME AGM \u2615 " + XSS_IMG, new DvsParams(DvsParams.WEIGHTED,
            10_000_000, 0, 0, 200, 10_000, 0, 64, 1_000_000, 40, true))));
    messages.add(vector("createCommunity", obj("name", "x".repeat(64), "params",
        obj("electorate", "open", "votingBlocks", "1")), new DvsCreateCommunity("x".repeat(64),
            new DvsParams(DvsParams.OPEN, 10, 10, 10, 1, 1_000, 1_000, 8, 5, 16, false))));
    messages.add(vector("addArea", obj("community", "1", "parentArea", "0", "name", "Education"),
        new DvsAddArea(1, 0, "Education")));
    messages.add(vector("addArea", obj("community", "4294967296", "parentArea", "9999", "name",
        "\uc11c\uc6b8 " + XSS_SCRIPT), new DvsAddArea(4_294_967_296L, 9_999, "\uc11c\uc6b8 " + XSS_SCRIPT)));
    messages.add(vector("setMember", obj("community", "1", "member", alice.toString(), "weight",
        "600000"), new DvsSetMember(1, alice, 600_000)));
    messages.add(vector("setMember", obj("community", "9007199254740993", "member",
        bob.toString(), "weight", "1000000000000000"),
        new DvsSetMember(9_007_199_254_740_993L, bob, 1_000_000_000_000_000L)));
    messages.add(vector("setMember", obj("community", "2", "member", bob.toString(), "weight",
        "0"), new DvsSetMember(2, bob, 0)));
    messages.add(vector("attest", obj("community", "1", "member", alice.toString(), "attribute",
        "region", "value", "KR-26"), new DvsAttest(1, alice, "region", "KR-26")));
    messages.add(vector("attest", obj("community", "1", "member", alice.toString(), "attribute",
        "region", "value", ""), new DvsAttest(1, alice, "region", "")));
    messages.add(vector("createIssue", obj("community", "1", "area", "0", "deliberative", false,
        "method", "SCHULZE", "options", List.of("Tram " + XSS_SCRIPT, XSS_IMG, "Buses")),
        new DvsCreateIssue(1, 0, false, DvsRules.of(Method.SCHULZE),
            List.of("Tram " + XSS_SCRIPT, XSS_IMG, "Buses"), Address.wrap(new byte[32]), 0)));
    messages.add(vector("createIssue", obj("community", "3", "area", "2", "deliberative", false,
        "method", "YES_NO", "options", List.of("Approve the 2026 dividend"), "quorumBps", "5000",
        "thresholdBps", "6667", "vetoBps", "3334", "payTo", bob.toString(), "payUnits",
        "125050000000"), new DvsCreateIssue(3, 2, false,
            new DvsRules(Method.YES_NO, 5_000, 6_667, 3_334, 10, 100),
            List.of("Approve the 2026 dividend"), bob, 125_050_000_000L)));
    messages.add(vector("createIssue", obj("community", "7", "area", "1", "deliberative", true,
        "method", "QUADRATIC", "options", List.of("\u00e9cole"), "maxScore", "1000",
        "voiceCredits", "1000000"), new DvsCreateIssue(7, 1, true,
            new DvsRules(Method.QUADRATIC, 0, 5_000, 0, 1_000, 1_000_000), List.of("\u00e9cole"),
            Address.wrap(new byte[32]), 0)));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 64; i++) many.add("option " + i);
    messages.add(vector("createIssue", obj("community", "1", "area", "0", "deliberative", false,
        "method", "SCORE", "options", many, "maxScore", "7"), new DvsCreateIssue(1, 0, false,
            new DvsRules(Method.SCORE, 0, 5_000, 0, 7, 100), many, Address.wrap(new byte[32]), 0)));
    messages.add(vector("delegate", obj("community", "1", "scope", "COMMUNITY", "scopeId", "0",
        "to", bob.toString()), new DvsDelegate(1, Scope.COMMUNITY, 0, bob)));
    messages.add(vector("delegate", obj("community", "1", "scope", "AREA", "scopeId", "3", "to",
        alice.toString()), new DvsDelegate(1, Scope.AREA, 3, alice)));
    messages.add(vector("delegate", obj("community", "2", "scope", "ISSUE", "scopeId",
        "4294967297", "to", bob.toString()), new DvsDelegate(2, Scope.ISSUE, 4_294_967_297L, bob)));
    messages.add(vector("undelegate", obj("community", "1", "scope", "COMMUNITY", "scopeId",
        "0"), new DvsUndelegate(1, Scope.COMMUNITY, 0)));
    messages.add(vector("undelegate", obj("community", "1", "scope", "ISSUE", "scopeId", "12"),
        new DvsUndelegate(1, Scope.ISSUE, 12)));

    Ed25519KeyPair dev = Mnemonic.toKeyPair(WORDS, 0);
    List<Object> transactions = new ArrayList<>();
    transactions.add(signed(dev, 0, 10_000, 1_000, vector("createCommunity", obj("name",
        "Busan poll", "params", obj("electorate", "weighted", "votingBlocks", "200",
            "minCellSize", "2", "powDifficultyBits", "12")), new DvsCreateCommunity("Busan poll",
        new DvsParams(DvsParams.WEIGHTED, 10, 10, 10, 200, 1_000, 1_000, 8, 2, 12, false)))));
    transactions.add(signed(dev, 5, 10_000, 1_050, messages.get(5)));
    transactions.add(signed(Mnemonic.toKeyPair(WORDS, 1), 0, 10_000, 77, messages.get(14)));

    Map<String, Object> root = obj("generatedBy",
        "bcos-cli DvsAdminWebVectorsTest; regenerate: " + REGENERATE, "mnemonic", WORDS);
    for (Object m : messages) ((Map<?, ?>) m).remove("message");
    root.put("messages", messages);
    root.put("transactions", transactions);
    WebVectorFiles.check(FILE, json(root), REGENERATE);
  }

  private static Map<String, Object> vector(String kind, Map<String, Object> input,
      DvsMessage message) {
    Encoder e = new Encoder();
    message.encodeFields(e);
    return obj("kind", kind, "input", input, "tag", message.tag(),
        "fields", Hex.encode(e.toByteArray()), "message", message);
  }

  /** A signed transaction of a message vector (kind, input), signed by account `account`. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> signed(Ed25519KeyPair key, long nonce, long fee, long expiry,
      Object messageVector) {
    Map<String, Object> v = (Map<String, Object>) messageVector;
    DvsMessage message = (DvsMessage) v.remove("message");
    Transaction tx = Transactions.build("bcos-dev", key, nonce, fee, expiry, message);
    int account = -1;
    for (int i = 0; i < 3; i++) {
      if (Mnemonic.toKeyPair(WORDS, i).address().equals(key.address())) account = i;
    }
    byte[] body = TransactionCodec.bodyBytes(tx);
    return obj("account", account, "chainId", "bcos-dev", "nonce", Long.toString(nonce),
        "feeUnits", Long.toString(fee), "expiryHeight", Long.toString(expiry),
        "kind", v.get("kind"), "input", v.get("input"), "body", Hex.encode(body),
        "encoded", Hex.encode(tx.encoded()), "hash", Digests.sha256(tx.encoded()).toHex());
  }
}
