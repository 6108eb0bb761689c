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
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.gov.api.GovDeposit;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeEditValidator;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeUnjail;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The cross-language vectors of the governance pages (bcos-web's lib/gov/messages.js): every gov
 * and stake message, and a proposal's vote ballot, as the ledger's records encode them
 * ({@code u8 tag | encodeFields}), plus a signed submitProposal transaction. With {@code
 * -Dbcos.web.vectors=write} the file is (re)written; otherwise it must equal, byte for byte, what
 * Java computes now (the pattern of {@link WebVectorsTest}).
 */
class GovWebVectorsTest {
  private static final Path FILE = Path.of("..", "bcos-web", "src", "test", "js", "vectors",
      "gov-messages.json");
  private static final String REGENERATE = WebVectorFiles.regenerate("GovWebVectorsTest");
  private static final String WORDS = "abandon ".repeat(23) + "art";

  @Test
  void govAndStakeMessageVectors() throws IOException {
    Address a = Mnemonic.toKeyPair(WORDS, 1).address();
    Address b = Mnemonic.toKeyPair(WORDS, 2).address();
    String release = "b5".repeat(32);
    List<Object> messages = new ArrayList<>();
    messages.add(vector("submitProposal", args("title", "Double the minimum fee", "description",
        "", "kind", "param", "changes", List.of(obj("name", "minFeeUnits", "value", "20000"),
            obj("name", "maxValidators", "value", "50")), "deposit", "100000000000"),
        new GovSubmitProposal("Double the minimum fee", "", new ProposalContent.ParamChange(
            List.of(new ProposalContent.ParamValue("minFeeUnits", 20_000),
                new ProposalContent.ParamValue("maxValidators", 50))), 100_000_000_000L)));
    messages.add(vector("submitProposal", args("title", "v6 \u2615 \uD55C\uAD6D\uC5B4",
        "description", "See https://example.org/v6\nsecond line", "kind", "upgrade", "name",
        "v6-next", "version", "6", "release", release, "height", "9007199254740993",
        "deposit", "25000000000"),
        new GovSubmitProposal("v6 \u2615 \uD55C\uAD6D\uC5B4",
            "See https://example.org/v6\nsecond line", new ProposalContent.SoftwareUpgrade(
                "v6-next", 6, Hash.fromHex(release), 9_007_199_254_740_993L), 25_000_000_000L)));
    messages.add(vector("submitProposal", args("title", "Not yet", "description", "d",
        "kind", "cancel-upgrade", "name", "v6-next", "deposit", "1"),
        new GovSubmitProposal("Not yet", "d", new ProposalContent.CancelUpgrade("v6-next"), 1)));
    messages.add(vector("submitProposal", args("title", "Grant", "description", "",
        "kind", "spend", "recipient", a.toString(), "amount", "250000000000", "deposit",
        String.valueOf(Long.MAX_VALUE)),
        new GovSubmitProposal("Grant", "", new ProposalContent.CommunitySpend(a,
            250_000_000_000L), Long.MAX_VALUE)));
    String longTitle = "t".repeat(GovSubmitProposal.MAX_TITLE_BYTES);
    String longDescription = "d".repeat(GovSubmitProposal.MAX_DESCRIPTION_BYTES);
    messages.add(vector("submitProposal", args("title", longTitle, "description",
        longDescription, "kind", "text", "deposit", "25000000000"),
        new GovSubmitProposal(longTitle, longDescription, new ProposalContent.Text(),
            25_000_000_000L)));
    messages.add(vector("deposit", args("proposal", "3", "amount", "75000000000"),
        new GovDeposit(3, 75_000_000_000L)));
    String[] choices = {"yes", "no", "abstain", "veto"};
    for (int i = 0; i < choices.length; i++) {
      messages.add(vector("vote", args("issue", String.valueOf(1000L + i), "choice",
          choices[i]), new DvsCastBallot(1000L + i,
              List.of(new DvsBallotPart(0, new long[] {i})))));
    }
    messages.add(vector("createValidator", args("consensusKey", b.toString(), "rate", "500",
        "maxRate", "2000", "maxChange", "100", "selfBond", "100000000", "moniker", "\uBC14\uB2E4 node"),
        new StakeCreateValidator(b, 500, 2000, 100, 100_000_000L, "\uBC14\uB2E4 node")));
    messages.add(vector("editValidator", args("moniker", "renamed", "rate", "65535"),
        new StakeEditValidator("renamed", StakeEditValidator.KEEP_RATE)));
    messages.add(vector("bond", args("validator", a.toString(), "amount", "100000000000"),
        new StakeBond(a, 100_000_000_000L)));
    messages.add(vector("unbond", args("validator", a.toString(), "amount", "1"),
        new StakeUnbond(a, 1)));
    messages.add(vector("redelegate", args("source", a.toString(), "destination", b.toString(),
        "amount", "4294967296"), new StakeRedelegate(a, b, 4_294_967_296L)));
    messages.add(vector("withdrawRewards", args("validator", b.toString()),
        new StakeWithdrawRewards(b)));
    messages.add(vector("unjail", args(), new StakeUnjail()));

    Ed25519KeyPair key = Mnemonic.toKeyPair(WORDS, 0);
    Transaction tx = Transactions.build("bcos-dev", key, 5, 10_000, 1_200,
        new GovSubmitProposal("Hello chain", "", new ProposalContent.Text(), 25_000_000_000L));
    Map<String, Object> signed = obj("mnemonic", WORDS, "account", 0, "chainId", "bcos-dev",
        "nonce", "5", "feeUnits", "10000", "expiryHeight", "1200", "title", "Hello chain",
        "deposit", "25000000000", "encoded", Hex.encode(tx.encoded()),
        "hash", Digests.sha256(tx.encoded()).toHex());

    Map<String, Object> root = obj("generatedBy", "bcos-cli GovWebVectorsTest; regenerate: "
        + REGENERATE, "messages", messages, "signedProposal", signed);
    WebVectorFiles.check(FILE, json(root), REGENERATE);
  }

  private static Map<String, Object> vector(String builder, Map<String, Object> args,
      Message message) {
    Encoder e = new Encoder().u8(message.tag());
    message.encodeFields(e);
    return obj("builder", builder, "args", args, "tag", message.tag(),
        "encoded", Hex.encode(e.toByteArray()));
  }

  private static Map<String, Object> args(Object... keyValues) {
    return obj(keyValues);
  }
}
