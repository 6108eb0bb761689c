package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bcos dvs} write and read commands as a user runs them: each a separate CLI process
 * with {@code BCOS_HOME} holding the keys, against a running node.
 */
class DvsCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;
  private InProcessNode chain;
  private Path passphrase;

  @BeforeEach
  void start() throws Exception {
    chain = InProcessNode.start(root);
    passphrase = root.resolve("passphrase.txt");
    Files.writeString(passphrase, "correct horse battery staple\n", StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    chain.close();
  }

  private record Run(int exitCode, String stdout, String stderr) {
    JsonNode json() throws Exception {
      return JSON.readTree(stdout);
    }
  }

  private Run bcos(String... args) throws Exception {
    List<String> command = new ArrayList<>(CrashIT.NodeProcess.javaCommand());
    command.addAll(List.of(args));
    if (!args[0].equals("key")) command.addAll(List.of("--rpc", chain.url()));
    Path out = Files.createTempFile(root, "cli", ".out");
    Path err = Files.createTempFile(root, "cli", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    CrashIT.NodeProcess.environment(pb, root);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("bcos " + String.join(" ", args) + " did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private JsonNode ok(String... args) throws Exception {
    Run run = bcos(args);
    assertEquals(0, run.exitCode(), run.toString());
    return run.json();
  }

  @Test
  void aCommunityVotesThroughTheCliAndTheResultRecountsAndProves() throws Exception {
    String pass = passphrase.toString();
    String alice = ok("key", "new", "--name", "alice", "--passphrase-file", pass, "--json")
        .path("address").asText();
    ok("key", "new", "--name", "bob", "--passphrase-file", pass, "--json");
    long community = ok("dvs", "community", "create", "--from", "dev", "--name", "Town hall",
        "--voting-blocks", "120", "--pow-bits", "4", "--min-cell", "1", "--json")
        .path("community").asLong();
    assertTrue(community > 0);
    for (String member : List.of("dev", "alice", "bob")) {
      ok("dvs", "member", "add", "--from", "dev", "--community", "" + community, "--member",
          member, "--json");
    }
    ok("dvs", "member", "attest", "--from", "dev", "--community", "" + community, "--member",
        "alice", "--region", "KR-11", "--json");
    JsonNode delegation = ok("dvs", "delegate", "--from", "bob", "--community", "" + community,
        "--to", alice, "--free", "4", "--passphrase-file", pass, "--json");
    assertEquals("0", delegation.path("feeUnits").asText(), "bob has no DDC: fee-free");
    long issue = ok("dvs", "issue", "create", "--from", "dev", "--community", "" + community,
        "--method", "approval", "--option", "tram", "--option", "bus", "--option", "bike",
        "--json").path("issue").asLong();

    ok("dvs", "vote", "--from", "alice", "--issue", "" + issue, "--values", "0,2", "--free", "4",
        "--passphrase-file", pass, "--json");
    ok("dvs", "vote", "--from", "dev", "--issue", "" + issue, "--values", "0", "--json");
    Run bad = bcos("dvs", "vote", "--from", "alice", "--issue", "" + issue, "--values", "7",
        "--free", "4", "--passphrase-file", pass);
    assertEquals(1, bad.exitCode(), bad.toString());
    assertTrue(bad.stderr().contains("error: INVALID_BALLOT"), bad.stderr());

    JsonNode live = ok("dvs", "tally", "" + issue, "--json");
    assertEquals(2, live.path("ballots").asLong());
    assertEquals(3, live.path("countedWeight").asLong(), "alice carries bob's weight");

    for (int i = 0; i < 200 && !ok("dvs", "issue", "show", "" + issue, "--json")
        .path("phase").asText().equals("CLOSED"); i++) {
      Thread.sleep(200);
    }
    JsonNode result = ok("dvs", "result", "" + issue, "--json");
    assertEquals("DECIDED", result.path("outcome").asText(), result.toString());
    assertEquals(List.of(3L, 0L, 2L), List.of(result.path("totals").get(0).asLong(),
        result.path("totals").get(1).asLong(), result.path("totals").get(2).asLong()));
    assertEquals(0, result.path("winners").get(0).asInt());
    assertTrue(ok("dvs", "recount", "" + issue, "--json").path("match").asBoolean());
    // for people, the result also gives each region's turnout: alice in KR-11 voted; dev and
    // bob (unassigned) both count, bob through alice
    Run text = bcos("dvs", "result", "" + issue);
    assertTrue(text.stdout().contains("outcome: DECIDED") && text.stdout().contains("TURNOUT")
        && text.stdout().contains("2 of 2") && text.stdout().contains("100.00 %"), text.toString());
    JsonNode proof = ok("dvs", "proof", "" + issue, "--voter", "alice", "--json");
    assertTrue(proof.path("verified").asBoolean() && proof.path("matchesFinalResult")
        .asBoolean(), proof.toString());
  }

  /** Issue #10: discovery and history, as tables for people and JSON for scripts. */
  @Test
  void listsShowWhatExistsAndHistoryShowsBothSidesOfATransfer() throws Exception {
    String pass = passphrase.toString();
    String alice = ok("key", "new", "--name", "alice", "--passphrase-file", pass, "--json")
        .path("address").asText();
    ok("send", "--from", "dev", "--to", "alice", "--amount", "5", "--json");
    JsonNode received = ok("history", "alice", "--json");
    assertEquals(1, received.path("transactions").size(), received.toString());
    assertEquals(alice, received.path("transactions").get(0).path("to").asText());
    Run table = bcos("history", "alice");
    assertTrue(table.stdout().contains("in") && table.stdout().contains("5 DDC"), table.stdout());

    String c = "" + ok("dvs", "community", "create", "--from", "dev", "--name", "Town hall",
        "--voting-blocks", "500", "--pow-bits", "4", "--min-cell", "1", "--json")
        .path("community").asLong();
    for (String member : List.of("dev", "alice")) {
      ok("dvs", "member", "add", "--from", "dev", "--community", c, "--member", member, "--json");
    }
    ok("dvs", "area", "add", "--from", "dev", "--community", c, "--name", "schools", "--json");
    ok("dvs", "delegate", "--from", "alice", "--community", c, "--to", "dev", "--free", "4",
        "--passphrase-file", pass, "--json");
    String issue = "" + ok("dvs", "issue", "create", "--from", "dev", "--community", c,
        "--method", "single", "--option", "Smaller classes", "--option", "Longer days",
        "--json").path("issue").asLong();
    ok("dvs", "vote", "--from", "dev", "--issue", issue, "--values", "1", "--json");

    assertTrue(bcos("dvs", "community", "list").stdout().contains("Town hall"));
    JsonNode voting = ok("dvs", "issue", "list", "--community", c, "--phase", "voting",
        "--json");
    assertEquals(issue, voting.path("issues").get(0).path("id").asText(), voting.toString());
    assertEquals(2, ok("dvs", "member", "list", c, "--json").path("members").size());
    assertTrue(bcos("dvs", "area", "list", c).stdout().contains("schools"));
    assertTrue(bcos("dvs", "initiative", "list", issue).stdout().contains("Longer days"));
    JsonNode supported = ok("dvs", "initiative", "list", issue, "--supporter", "alice", "--json");
    assertFalse(supported.path("initiatives").get(1).path("supported").asBoolean(true),
        supported.toString());
    Run supportTable = bcos("dvs", "initiative", "list", issue, "--supporter", "alice");
    assertTrue(supportTable.stdout().contains("SUPPORTED BY alice"), supportTable.stdout());
    JsonNode parts = ok("dvs", "ballot", issue, "--voter", "dev", "--json").path("parts");
    assertEquals(1, parts.get(0).path("values").get(0).asLong(), parts.toString());
    Run ballot = bcos("dvs", "ballot", issue, "--voter", "dev");
    assertTrue(ballot.stdout().contains("  Longer days"), ballot.toString());
    Run live = bcos("dvs", "tally", issue);
    assertTrue(live.stdout().contains("provisional") && live.stdout().contains("winners: Longer"
        + " days") && !live.stdout().contains("\noutcome: "), live.toString());
    // alice's weight counts through dev: both unassigned members of 2, turnout 100 %
    assertTrue(live.stdout().contains("TURNOUT") && live.stdout().contains("2 of 2")
        && live.stdout().contains("100.00 %"), live.toString());
    Run follow = bcos("dvs", "tally", issue, "--follow", "--timeout", "4", "--json");
    List<String> lines = follow.stdout().lines().toList();
    assertTrue(follow.exitCode() == 0 && lines.size() >= 2
        && follow.stderr().contains("stopped following after 4 s"), follow.toString());
    long first = JSON.readTree(lines.get(0)).path("height").asLong();
    assertTrue(JSON.readTree(lines.getLast()).path("height").asLong() > first, "new blocks");
    JsonNode toDev = ok("dvs", "delegation", "list", c, "--member", "dev", "--received",
        "--json");
    assertEquals(alice, toDev.path("delegations").get(0).path("from").asText());
    Run badPhase = bcos("dvs", "issue", "list", "--phase", "someday");
    assertEquals(1, badPhase.exitCode(), badPhase.toString());
    assertTrue(badPhase.stderr().startsWith("error: INVALID_DVS_INPUT"), badPhase.stderr());
  }
}
