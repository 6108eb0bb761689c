package org.bcos.cli;

import static org.bcos.cli.WebVectorFiles.json;
import static org.bcos.cli.WebVectorFiles.obj;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.junit.jupiter.api.Test;

/**
 * The cross-language vectors of the web app's DVS ballots (bcos-web's lib/dvs/ballot.js and
 * lib/dvs/stamp.js): a ballot of every method (split votes of a weighted roll too) and a support,
 * each encoded as the ledger's message records write it and signed as a transaction, with the
 * fee or fee-free with the proof-of-work stamp Java finds; and stamps for several digests and
 * difficulties. With {@code -Dbcos.web.vectors=write} the file is (re)written; otherwise it must
 * equal, byte for byte, what Java computes now.
 */
class DvsWebVectorsTest {
  private static final Path FILE = Path.of("..", "bcos-web", "src", "test", "js", "vectors",
      "dvs-ballots.json");
  private static final String REGENERATE = WebVectorFiles.regenerate("DvsWebVectorsTest");
  private static final String WORDS = "abandon ".repeat(23) + "art";
  private static final int STAMP_BITS = 10;

  /** An issue as the web page sees it (dvs_getIssue): method, mode, options on the ballot. */
  private record IssueCase(String method, String mode, int options, List<Integer> offBallot,
      int maxScore, long voiceCredits) {}

  private record BallotCase(String name, IssueCase issue, String electorate, long voterWeight,
      List<DvsBallotPart> parts) {}

  private static DvsBallotPart part(long weight, long... values) {
    return new DvsBallotPart(weight, values);
  }

  private static IssueCase poll(String method, int options) {
    return new IssueCase(method, "poll", options, List.of(), 10, 100);
  }

  private static List<BallotCase> ballots() {
    IssueCase deliberative = new IssueCase("SCHULZE", "deliberative", 4, List.of(2), 10, 100);
    return List.of(
        new BallotCase("yes-no yes", poll("YES_NO", 1), "members", 1, List.of(part(0, 0))),
        new BallotCase("yes-no veto", poll("YES_NO", 1), "members", 1, List.of(part(0, 3))),
        new BallotCase("single", poll("SINGLE_CHOICE", 3), "members", 1, List.of(part(0, 2))),
        new BallotCase("approval", poll("APPROVAL", 4), "members", 1, List.of(part(0, 0, 3, 1))),
        new BallotCase("schulze poll", poll("SCHULZE", 3), "members", 1,
            List.of(part(0, 2, 3, 1))),
        new BallotCase("schulze deliberative with status quo", deliberative, "members", 1,
            List.of(part(0, 1, 3, 0, 2, 4))),
        new BallotCase("irv truncated", poll("IRV", 4), "members", 1,
            List.of(part(0, 0, 1, 2, 0))),
        new BallotCase("score", new IssueCase("SCORE", "poll", 3, List.of(), 1000, 100),
            "members", 1, List.of(part(0, 7, 1000, 0))),
        new BallotCase("quadratic with votes against",
            new IssueCase("QUADRATIC", "poll", 3, List.of(), 10, 100), "members", 1,
            List.of(part(0, 6, -8, 0))),
        new BallotCase("yes-no split, weighted", poll("YES_NO", 1), "weighted", 600_000,
            List.of(part(450_000, 0), part(100_000, 1), part(50_000, 2))),
        new BallotCase("approval split, weighted", poll("APPROVAL", 3), "weighted", 1_500,
            List.of(part(1_000, 0, 2), part(500, 1))),
        new BallotCase("schulze large weights", poll("SCHULZE", 3), "weighted",
            1_000_000_000_000_000_000L,
            List.of(part(999_999_999_999_999_999L, 1, 2, 3), part(1, 3, 2, 1))));
  }

  @Test
  void ballotVectors() throws IOException {
    Map<String, Object> root = obj("generatedBy",
        "bcos-cli DvsWebVectorsTest; regenerate: " + REGENERATE, "words", WORDS,
        "stampBits", STAMP_BITS);
    List<Object> cases = new ArrayList<>();
    long issueId = 1;
    for (BallotCase c : ballots()) {
      DvsCastBallot m = new DvsCastBallot(issueId, c.parts());
      List<Object> parts = new ArrayList<>();
      for (DvsBallotPart p : c.parts()) {
        List<String> values = new ArrayList<>();
        for (long v : p.values()) values.add(Long.toString(v));
        parts.add(obj("weight", Long.toString(p.weight()), "values", values));
      }
      IssueCase i = c.issue();
      Map<String, Object> entry = obj("name", c.name(), "issue", obj("id", issueId,
          "method", i.method(), "mode", i.mode(), "options", i.options(),
          "offBallot", i.offBallot(), "maxScore", i.maxScore(),
          "voiceCredits", i.voiceCredits()), "electorate", c.electorate(),
          "voterWeight", Long.toString(c.voterWeight()), "parts", parts);
      entry.putAll(signed(m, (int) (issueId % 3), issueId));
      cases.add(entry);
      issueId = issueId * 7 + 3; // ids of several varint/u64 shapes
    }
    root.put("ballots", cases);
    Map<String, Object> support = obj("issue", 42, "initiative", 3, "support", true);
    support.putAll(signed(new DvsSupport(42, 3, true), 1, 5));
    root.put("support", support);
    root.put("stamps", stamps());
    WebVectorFiles.check(FILE, json(root), REGENERATE);
  }

  /** The message's fields, and the transaction signed with the fee and fee-free (stamped). */
  private static Map<String, Object> signed(Message m, int account, long nonce) {
    Ed25519KeyPair key = Mnemonic.toKeyPair(WORDS, account);
    Encoder e = new Encoder(64).u8(m.tag());
    m.encodeFields(e);
    byte[] fields = e.toByteArray();
    Transaction paid = Transactions.build("bcos-dev", key, nonce, 10_000, 500 + nonce, m);
    Transaction free = Transactions.feeFree("bcos-dev", key, nonce, 500 + nonce, m, STAMP_BITS);
    return obj("message", Hex.encode(fields), "account", account, "chainId", "bcos-dev",
        "nonce", Long.toString(nonce), "expiryHeight", Long.toString(500 + nonce),
        "paid", tx(paid), "free", tx(free));
  }

  private static Map<String, Object> tx(Transaction t) {
    byte[] body = TransactionCodec.bodyBytes(t);
    return obj("feeUnits", Long.toString(t.fee()), "body", Hex.encode(body),
        "digest", TransactionCodec.signingDigest(body).toHex(),
        "signature", Hex.encode(t.signature()), "stamp", Long.toString(t.powStamp()),
        "encoded", Hex.encode(t.encoded()), "hash", Digests.sha256(t.encoded()).toHex());
  }

  /** The smallest stamp for several digests and difficulties, and the bits it shows. */
  private static List<Object> stamps() {
    List<Object> out = new ArrayList<>();
    int[] bits = {0, 1, 4, 8, 12, 14};
    for (int k = 0; k < bits.length; k++) {
      Hash digest = Digests.sha256(("digest " + k).getBytes(StandardCharsets.UTF_8));
      long stamp = TransactionCodec.findStamp(digest, bits[k]);
      out.add(obj("digest", digest.toHex(), "bits", bits[k], "stamp", Long.toString(stamp),
          "shows", TransactionCodec.powBits(digest, stamp)));
    }
    return out;
  }
}
