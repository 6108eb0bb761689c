package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.client.Transactions;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10 items 2 and 3: {@code dvs issue show --wait-phase} returns once the issue is there,
 * fails PHASE_NOT_REACHED when it closed first and TIMEOUT when it does not come; and a ballot,
 * support or initiative the issue's phase cannot take is refused by the CLI at once, before
 * anything is signed. Blocks come only from {@code dev_mine} (a minute apart otherwise), so the
 * phases move exactly when the test says.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DvsWaitAndPrecheckIT {
  @TempDir Path root;
  private InProcessNode chain;
  private CliProcess cli;

  @BeforeEach
  void start() throws Exception {
    chain = InProcessNode.startMinedOnDemand(root);
    cli = new CliProcess(root, root);
    // community 1 (3-block phases, 5-block votes), dev a member; issue 1 a poll, issue 2
    // deliberative (nobody will support it, so it closes NOT_ADMITTED after admission)
    commit(new DvsCreateCommunity("Phases", new DvsParams(DvsParams.MEMBERS, 3, 3, 3, 5, 1000,
        1000, 8, 1, 0, false)));
    commit(new DvsSetMember(1, chain.dev.address(), 1));
    commit(issue(false));
    commit(issue(true));
  }

  @AfterEach
  void stop() {
    if (chain != null) chain.close();
  }

  private static DvsCreateIssue issue(boolean deliberative) {
    return new DvsCreateIssue(1, 0, deliberative, new DvsRules(Method.SINGLE_CHOICE, 0, 5000, 0,
        10, 100), List.of("Tram", "Bus"), Address.wrap(new byte[32]), 0);
  }

  /** Sends {@code m} from dev and mines the block that makes it final. */
  private void commit(Message m) throws Exception {
    Hash hash = chain.client().send(Transactions.build(chain.chainId(), chain.dev,
        chain.pendingNonce(chain.dev.address()), chain.minFee(), chain.height() + 1000, m));
    chain.client().call("dev_mine", 1);
    assertEquals("final", chain.client().transaction(hash).path("status").asText());
  }

  private CliProcess.Run bcos(String... args) throws Exception {
    return cli.start(withRpc(args)).finish();
  }

  private String[] withRpc(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = chain.url();
    return all;
  }

  private static void refused(CliProcess.Run run, String reason) {
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().startsWith("error: " + reason + ": "), run.stderr());
  }

  @Test
  void waitingForAPhaseReturnsFailsByNameOrTimesOut() throws Exception {
    CliProcess.Run voting = bcos("dvs", "issue", "show", "1", "--wait-phase", "VOTING",
        "--json");
    assertEquals(0, voting.exitCode(), voting.toString());
    assertEquals("VOTING", voting.json().path("phase").asText(), "a poll votes at once");

    refused(bcos("dvs", "issue", "show", "1", "--wait-phase", "CLOSED", "--timeout", "1"),
        "TIMEOUT");

    CliProcess.Pending waiting = cli.start(withRpc("dvs", "issue", "show", "2", "--wait-phase",
        "VOTING", "--timeout", "120"));
    chain.client().call("dev_mine", 3); // admission ends unsupported: closed, never voted
    refused(waiting.finish(), "PHASE_NOT_REACHED");
  }

  @Test
  void messagesTheIssuePhaseCannotTakeAreRefusedBeforeSigning() throws Exception {
    chain.client().call("dev_mine", 3); // issue 2 closes NOT_ADMITTED
    long nonce = chain.pendingNonce(chain.dev.address());

    refused(bcos("dvs", "vote", "--from", "dev", "--issue", "2", "--values", "0"),
        "VOTING_CLOSED");
    refused(bcos("dvs", "support", "--from", "dev", "--issue", "1", "--initiative", "0"),
        "WRONG_PHASE");
    refused(bcos("dvs", "vote", "--from", "dev", "--issue", "99", "--values", "0"),
        "UNKNOWN_ISSUE");
    assertEquals(nonce, chain.pendingNonce(chain.dev.address()), "nothing was sent");
    assertEquals(0, chain.node().mempool().size());
  }
}
