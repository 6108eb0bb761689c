package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.ChainParams;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gov module on a real network: a 4-validator {@code bcos testnet} at protocol version 4 with
 * short governance periods ({@code testnet init --param}). Three proposals, made and voted with
 * {@code bcos gov} by separate CLI processes, the votes cast by the validators' operators: a
 * minimum-fee change that all four vote yes passes and is in force on every node from the block
 * after its vote (a transfer paying the old minimum refused {@code FEE_TOO_LOW} by each node); one
 * that a single validator (a quarter of the stake) votes on misses the quorum and its deposit is
 * returned; one that two validators veto loses its deposit to the community pool. The steps share
 * one network and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 360, unit = TimeUnit.SECONDS)
class GovernanceNetworkIT {
  private static final int NODES = 4;
  /**
   * 60 s of 500 ms blocks: three proposals and seven ballots, each a CLI process (a JVM start of
   * a few seconds on a loaded 2-core machine), fit in it.
   */
  private static final long VOTING_BLOCKS = 120;
  private static final long DEPOSIT_DDC = 100;
  private static final long OLD_MIN_FEE = ChainParams.DEFAULT_MIN_FEE_UNITS;
  private static final long NEW_MIN_FEE = 4 * OLD_MIN_FEE;
  private static final long FUNDS_UNITS = 1_000 * Amount.UNITS_PER_DDC;

  @TempDir static Path root;
  private TestnetDriver net;
  /** Proposal ids by role. */
  private long feeChange;
  private long quorumMissed;
  private long vetoed;
  private final Map<String, Long> balanceAfterSubmit = new TreeMap<>();
  private long communityPoolBefore;

  @BeforeAll
  void init() throws Exception {
    net = new TestnetDriver(root, NODES);
    net.init(500, "--protocol-version", "4", "--param", "govVotingPeriodBlocks=" + VOTING_BLOCKS,
        "--param", "govDepositPeriodBlocks=20", "--param",
        "govMinDepositUnits=" + DEPOSIT_DDC * Amount.UNITS_PER_DDC);
    net.startAll();
  }

  @AfterAll
  void stopAll() throws Exception {
    if (net != null) net.stopAll("governance-it-logs");
  }

  @Test
  @Order(1)
  void threeProposalsOpenTheirVotesWithTheirDeposits() throws Exception {
    net.awaitHeight(List.of(1, 2, 3, 4), 2);
    Keystore keystore = new Keystore(net.home.resolve("keys"));
    for (String name : List.of("alice", "bob")) {
      keystore.createDevKey(name, Ed25519KeyPair.generate(new SecureRandom()));
      net.fund(keystore.find(name).orElseThrow().address(), FUNDS_UNITS, OLD_MIN_FEE);
    }
    for (int i = 1; i <= NODES; i++) {
      net.fund(operatorAddress(i), 10 * Amount.UNITS_PER_DDC, OLD_MIN_FEE);
    }
    communityPoolBefore = pools().path("communityPoolUnits").asLong();
    feeChange = propose("dev", "param", "--title", "Higher minimum fee", "--set",
        "minFeeUnits=" + NEW_MIN_FEE);
    quorumMissed = propose("alice", "text", "--title", "Few care");
    vetoed = propose("bob", "text", "--title", "Everyone hates this");
    for (long id : List.of(feeChange, quorumMissed, vetoed)) {
      assertEquals("VOTING_PERIOD", proposal(id).path("status").asText(), "proposal " + id);
    }
    balanceAfterSubmit.put("alice", balance("alice"));
    balanceAfterSubmit.put("bob", balance("bob"));
  }

  @Test
  @Order(2)
  void theValidatorsOperatorsVote() throws Exception {
    // one thread per operator (its ballots in turn: each takes the account's next nonce)
    List<List<String[]>> ballots = List.of(
        List.of(vote(1, feeChange, "yes"), vote(1, quorumMissed, "yes"), vote(1, vetoed, "veto")),
        List.of(vote(2, feeChange, "yes"), vote(2, vetoed, "veto")),
        List.<String[]>of(vote(3, feeChange, "yes")),
        List.<String[]>of(vote(4, feeChange, "yes")));
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      List<Future<List<CliProcess.Run>>> runs = new ArrayList<>();
      for (List<String[]> mine : ballots) {
        runs.add(pool.submit(() -> {
          List<CliProcess.Run> done = new ArrayList<>();
          for (String[] args : mine) done.add(net.cliVia(1, args));
          return done;
        }));
      }
      for (Future<List<CliProcess.Run>> f : runs) {
        for (CliProcess.Run r : f.get(120, TimeUnit.SECONDS)) {
          assertEquals(0, r.exitCode(), r.toString());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    long end = proposal(feeChange).path("votingEndHeight").asLong();
    long head = net.height(1);
    System.out.println("[governance-it] proposals submitted from height "
        + proposal(feeChange).path("submitHeight").asLong() + ", every ballot final at " + head
        + ", the votes end at " + end);
    assertTrue(head < end, "the ballots must land before the vote ends at " + end);
  }

  @Test
  @Order(3)
  void theFeeChangePassesAndIsInForceOnEveryNodeFromTheNextBlock() throws Exception {
    JsonNode p = awaitClosed(feeChange);
    assertEquals("PASSED", p.path("status").asText(), p.toString());
    long closed = p.path("closedHeight").asLong();
    net.awaitHeight(List.of(1, 2, 3, 4), closed + 1);
    for (int i = 1; i <= NODES; i++) {
      BcosClient c = net.get(i);
      assertEquals(OLD_MIN_FEE, minFee(c, closed), "node " + i + " at " + closed);
      assertEquals(NEW_MIN_FEE, minFee(c, closed + 1), "node " + i + " at " + (closed + 1));
      Ed25519KeyPair dev = net.devKey();
      long nonce = c.account(dev.address(), false).path("pendingNonce").asLong();
      var tx = Transactions.transfer(c.chainId(), dev, nonce, OLD_MIN_FEE, c.height() + 100,
          Ed25519KeyPair.generate(new SecureRandom()).address(), 1, "");
      RpcError e = assertThrows(RpcError.class, () -> c.send(tx), "node " + i);
      assertEquals("FEE_TOO_LOW", e.reason(), "node " + i + ": " + e.getMessage());
    }
    // the chain goes on under the new fee: the CLI pays the chain's minimum by default
    CliProcess.Run send = net.cliVia(2, "send", "--from", "dev", "--to",
        Ed25519KeyPair.generate(new SecureRandom()).address().toString(), "--amount", "1");
    assertEquals(0, send.exitCode(), send.toString());
    net.assertSameChain(List.of(1, 2, 3, 4));
  }

  @Test
  @Order(4)
  void aProposalThatMissesTheQuorumIsRejectedAndItsDepositReturned() throws Exception {
    JsonNode p = awaitClosed(quorumMissed);
    assertEquals("REJECTED", p.path("status").asText(), p.toString());
    assertEquals("QUORUM_NOT_MET", p.path("outcome").asText(), p.toString());
    assertEquals(DEPOSIT_DDC * Amount.UNITS_PER_DDC,
        balance("alice") - balanceAfterSubmit.get("alice"));
  }

  @Test
  @Order(5)
  void aVetoedProposalLosesItsDepositToTheCommunityPool() throws Exception {
    JsonNode p = awaitClosed(vetoed);
    assertEquals("VETOED", p.path("status").asText(), p.toString());
    assertEquals(0, balance("bob") - balanceAfterSubmit.get("bob"));
    long grown = pools().path("communityPoolUnits").asLong() - communityPoolBefore;
    // the pool also takes the reward remainders of every block: far less than 1 DDC here
    assertTrue(grown >= DEPOSIT_DDC * Amount.UNITS_PER_DDC
        && grown < (DEPOSIT_DDC + 1) * Amount.UNITS_PER_DDC, "community pool grew " + grown);
    CliProcess.Run supply = net.cliVia(3, "supply", "--json");
    assertEquals(0, supply.exitCode(), supply.toString());
    assertTrue(supply.json().path("whole").asBoolean(), supply.stdout());
  }

  // ---------------------------------------------------------------- helpers

  /** {@code bcos gov propose KIND ... --deposit D --from who}; the new proposal's id. */
  private long propose(String who, String kind, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("gov", "propose", kind));
    args.addAll(List.of(more));
    args.addAll(List.of("--deposit", Long.toString(DEPOSIT_DDC), "--from", who, "--json"));
    CliProcess.Run run = net.cliVia(1, args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.toString());
    String title = more[1];
    for (JsonNode p : net.get(1).call("gov_proposals", 100).path("proposals")) {
      if (p.path("title").asText().equals(title)) return p.path("id").asLong();
    }
    throw new AssertionError("no proposal titled " + title + " after " + run.stdout());
  }

  private String[] vote(int node, long proposal, String choice) throws Exception {
    return new String[] {"gov", "vote", "--proposal", Long.toString(proposal), "--choice", choice,
        "--from", net.operatorKey(node)};
  }

  private Address operatorAddress(int node) throws Exception {
    return new Keystore(net.home.resolve("keys")).find(net.operatorKey(node)).orElseThrow()
        .address();
  }

  private JsonNode proposal(long id) {
    return net.get(1).call("gov_proposal", id);
  }

  /** The proposal once closed; waits at most the vote's length past its end. */
  private JsonNode awaitClosed(long id) throws InterruptedException {
    long end = proposal(id).path("votingEndHeight").asLong();
    net.awaitHeight(List.of(1), end + 1);
    Await.until("proposal " + id + " closed", TestnetDriver.WAIT,
        () -> proposal(id).has("closedHeight"));
    return proposal(id);
  }

  private long minFee(BcosClient c, long height) {
    for (JsonNode p : c.call("bcos_params", height).path("params")) {
      if (p.path("name").asText().equals("minFeeUnits")) return p.path("value").asLong();
    }
    throw new AssertionError("no minFeeUnits at " + height);
  }

  private JsonNode pools() {
    return net.get(1).call("stake_pools");
  }

  /** {@code key}'s balance at the head (alice and bob send nothing after their proposals). */
  private long balance(String key) throws Exception {
    Address a = new Keystore(net.home.resolve("keys")).find(key).orElseThrow().address();
    return Long.parseLong(net.get(1).account(a, false).path("balanceUnits").asText());
  }
}
