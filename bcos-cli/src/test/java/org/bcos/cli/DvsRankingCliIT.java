package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.types.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10 item 5: {@code dvs result --ranking} (and {@code dvs tally --ranking}, provisional)
 * prints the full ranking, {@code --matrix} Schulze's d and p option by option, {@code --rounds}
 * IRV's rounds, and {@code --json} keeps the result's fields and adds the new ones; against a
 * real dev node, blocks mined on demand. One weighted member (dev, weight 45) splits its weight
 * into parts, one per group of voters: Wikipedia's 45-voter Schulze example, and an IRV count
 * A 16, B 12, C>B 9, D 8 (D goes, its 8 exhaust; C goes, its 9 to B; B wins 21 of 37).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DvsRankingCliIT {
  private static final List<String> NAMES = List.of("Alpha", "Bravo", "Charlie", "Delta", "Echo");
  @TempDir Path root;
  private InProcessNode chain;
  private CliProcess cli;

  @BeforeEach
  void start() throws Exception {
    chain = InProcessNode.startMinedOnDemand(root);
    cli = new CliProcess(root, root);
    chain.commitFromDev(new DvsCreateCommunity("Ranking", new DvsParams(DvsParams.WEIGHTED, 3,
        3, 3, 5, 1000, 1000, 8, 1, 0, false)));
    chain.commitFromDev(new DvsSetMember(1, chain.dev.address(), 45));
    chain.commitFromDev(issue(Method.SCHULZE, NAMES));
    chain.commitFromDev(issue(Method.IRV, NAMES.subList(0, 4)));
    chain.commitFromDev(new DvsCastBallot(1, List.of(part(5, 5, "ACBED"), part(5, 5, "ADECB"),
        part(5, 8, "BEDAC"), part(5, 3, "CABED"), part(5, 7, "CAEBD"), part(5, 2, "CBADE"),
        part(5, 7, "DCEBA"), part(5, 8, "EBADC"))));
    chain.commitFromDev(new DvsCastBallot(2, List.of(part(4, 16, "A"), part(4, 12, "B"),
        part(4, 9, "CB"), part(4, 8, "D"))));
  }

  @AfterEach
  void stop() {
    if (chain != null) chain.close();
  }

  private static DvsCreateIssue issue(Method method, List<String> options) {
    return new DvsCreateIssue(1, 0, false, new DvsRules(method, 0, 5000, 0, 10, 100), options,
        Address.wrap(new byte[32]), 0);
  }

  /**
   * A ballot part of {@code weight} over {@code options} options ranking those in {@code order}
   * ("ACB": A first, then C, then B; the others unranked).
   */
  private static DvsBallotPart part(int options, long weight, String order) {
    long[] ranks = new long[options];
    for (int i = 0; i < order.length(); i++) ranks[order.charAt(i) - 'A'] = i + 1;
    return new DvsBallotPart(weight, ranks);
  }

  private CliProcess.Run bcos(String... args) throws Exception {
    String[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--rpc";
    all[args.length + 1] = chain.url();
    return cli.start(all).finish();
  }

  /** The whitespace-separated cells of the first stdout line starting with {@code first}. */
  private static List<String> row(CliProcess.Run run, String first) {
    for (String line : run.stdout().split("\n")) {
      List<String> cells = Arrays.asList(line.trim().split("\\s+"));
      if (cells.getFirst().equals(first)) return cells;
    }
    throw new AssertionError("no line starting " + first + " in\n" + run.stdout());
  }

  /** The output from the first line containing {@code marker} on. */
  private static CliProcess.Run after(CliProcess.Run run, String marker) {
    int at = run.stdout().indexOf(marker);
    assertTrue(at >= 0, "no " + marker + " in\n" + run.stdout());
    return new CliProcess.Run(run.exitCode(), run.stdout().substring(at), run.stderr());
  }

  @Test
  void rankingMatrixAndRoundsReadAsTablesAndJsonKeepsItsShape() throws Exception {
    CliProcess.Run live = bcos("dvs", "tally", "1", "--ranking");
    assertEquals(0, live.exitCode(), live.toString());
    assertTrue(live.stdout().contains("ranking so far (provisional: voting is open):"),
        live.stdout());

    chain.client().call("dev_mine", 5);
    CliProcess.Run schulze = bcos("dvs", "result", "1", "--matrix");
    assertEquals(0, schulze.exitCode(), schulze.toString());
    assertTrue(schulze.stdout().contains("ranking (final):"), schulze.stdout());
    CliProcess.Run ranking = after(schulze, "ranking (final):");
    assertEquals(List.of("1", "Echo", "8", "4", "0"), row(ranking, "1"));
    assertEquals(List.of("5", "Delta", "7", "0", "4"), row(ranking, "5"));
    CliProcess.Run pairwise = after(schulze, "pairwise preferences");
    assertEquals(List.of("Alpha", "-", "20", "26", "30", "22"), row(pairwise, "Alpha"));
    CliProcess.Run paths = after(schulze, "strongest paths");
    assertEquals(List.of("Alpha", "-", "28", "28", "30", "24"), row(paths, "Alpha"));
    assertEquals(List.of("Echo", "25", "28", "28", "31", "-"), row(paths, "Echo"));

    CliProcess.Run irv = bcos("dvs", "result", "2", "--rounds");
    assertEquals(0, irv.exitCode(), irv.toString());
    assertTrue(irv.stdout().contains("round 1: Delta eliminated: fewest (8); its ballots: "
        + "exhausted +8"), irv.stdout());
    assertTrue(irv.stdout().contains("round 2: Charlie eliminated: fewest (9); its ballots: "
        + "Bravo +9"), irv.stdout());
    assertTrue(irv.stdout().contains("round 3: Bravo elected with 21 of 37 continuing"),
        irv.stdout());
    assertEquals(List.of("(exhausted)", "0", "8", "8"), row(irv, "(exhausted)"));
    CliProcess.Run places = after(irv, "ranking (final):");
    assertEquals(List.of("1", "Bravo", "12", "-"), row(places, "1"));
    assertEquals(List.of("4", "Delta", "8", "round", "1"), row(places, "4"));

    CliProcess.Run wrong = bcos("dvs", "result", "2", "--matrix");
    assertEquals(1, wrong.exitCode(), wrong.toString());
    assertTrue(wrong.stderr().startsWith("error: INVALID_ARGUMENT: --matrix is for Schulze"),
        wrong.stderr());

    JsonNode plain = bcos("dvs", "result", "1", "--json").json();
    JsonNode ranked = bcos("dvs", "result", "1", "--ranking", "--json").json();
    List<String> plainFields = new ArrayList<>();
    plain.fieldNames().forEachRemaining(plainFields::add);
    for (String field : plainFields) {
      assertEquals(plain.path(field), ranked.path(field), field + " kept as it was");
    }
    assertEquals(5, ranked.path("ranking").size());
    assertEquals(4, ranked.path("ranking").get(0).path("option").asInt());
    assertFalse(ranked.has("pairwise"), "matrices only with --matrix");
  }
}
