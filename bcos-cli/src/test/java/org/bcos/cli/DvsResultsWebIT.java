package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;

/**
 * An issue's results in the web app (docs/web/results.md) in headless Chromium against a dev
 * chain whose blocks come from dev_mine: a community of dev1..dev8 in five regions (two never
 * vote), a single-choice poll and a Schulze poll (made with the Java client). The chart follows the
 * ballots block by block; after the close the page shows the result, the ranking (Schulze
 * matrices), verifies dev1's ballot proof in the browser, names a voter with no ballot, and
 * recounts both polls in the browser to the chain's results. Screenshots:
 * target/web-screenshots/results-*.png.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DvsResultsWebIT {
  private static final int STAMP_BITS = 4;
  private static final long VOTING_BLOCKS = 8;
  /** dev1..dev8; dev7 (North) and dev8 (West) never vote: turnout below 100 %, a silent region. */
  private static final String[] REGIONS = {"North", "North", "South", "South", "East", "Isle",
      "North", "West"};
  @TempDir static Path root;
  private static InProcessNode node;
  private static BcosClient client;
  private static WebBrowser browser;
  private static final List<Ed25519KeyPair> voters = new ArrayList<>();
  private static long devNonce;
  private static long single;
  private static long schulze;

  @BeforeAll
  static void start() throws Exception {
    browser = WebBrowser.open("results");
    node = InProcessNode.startMinedOnDemand(root);
    client = node.client();
    devNonce = node.pendingNonce(node.dev.address());
    for (int i = 1; i <= REGIONS.length; i++) voters.add(Mnemonic.toKeyPair(node.devWords(), i));
    DvsParams params = new DvsParams(DvsParams.MEMBERS, 1, 1, 1, VOTING_BLOCKS, 1_000, 1_000,
        8, 2, STAMP_BITS, false);
    long community = created(mine(List.of(new DvsCreateCommunity("Harbour <i>town</i>",
        params))), "communities");
    List<Message> roll = new ArrayList<>();
    List<Message> regions = new ArrayList<>();
    for (int i = 0; i < voters.size(); i++) {
      roll.add(new DvsSetMember(community, voters.get(i).address(), 1));
      regions.add(new DvsAttest(community, voters.get(i).address(), "region", REGIONS[i]));
    }
    mine(roll);
    mine(regions); // an attestation is checked against the roll when it is admitted
    single = created(mine(List.of(new DvsCreateIssue(community, 0, false,
        DvsRules.of(Method.SINGLE_CHOICE), List.of("Tram", "Bus <b>lanes</b>", "Bikes"),
        node.dev.address(), 0))), "issues");
    schulze = created(mine(List.of(new DvsCreateIssue(community, 0, false,
        DvsRules.of(Method.SCHULZE), List.of("Alpha", "Bravo", "Charlie"),
        node.dev.address(), 0))), "issues");
    vote(0, schulze, 2, 1, 3);
    vote(1, schulze, 1, 2, 3);
    vote(2, schulze, 2, 1, 3);
    mineBlock();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (node != null) node.close();
  }

  @Test
  @Order(1)
  void liveChartThenVerifiedAndRecountedResult() throws Exception {
    browser.get(node.url() + "/#/dvs/issue/" + single);
    browser.await("the live tally", () -> status().startsWith("Provisional count at height"));
    assertEquals("0", bar(0), "no ballot yet");

    // ballots land block by block; the chart follows each block
    vote(0, single, 0);
    vote(1, single, 0);
    long h1 = mineBlock();
    browser.await("the chart after block " + h1, () -> status().contains("height " + h1)
        && bar(0).equals("2"));
    vote(2, single, 1);
    // dev4 delegates to dev3 (counted with dev3's ballot), dev5 votes for Bikes, dev6 for the Tram
    mineBallotsAndDelegation();
    long h2 = node.height();
    browser.await("the chart after block " + h2, () -> status().contains("height " + h2)
        && bar(0).equals("3") && bar(1).equals("2") && bar(2).equals("1"));
    assertTrue(browser.text(By.id("results-totals")).contains("Bus <b>lanes</b>"),
        browser.text(By.id("results-totals")));
    shot("results", "results-live-1280.png");

    // close: mine past the end of voting
    client.call("dev_mine", (int) VOTING_BLOCKS);
    browser.await("the final result", () -> status().startsWith("Final result"));
    browser.await("the ranking", () -> !browser.driver.findElements(By.id("results-ranking"))
        .isEmpty());
    String summary = browser.text(By.id("results-summary"));
    assertTrue(summary.contains("Decided") && summary.contains("Winners\nTram"), summary);
    // regions: North 2 (Tram), South 2 (Bus, one by delegation), East and Isle (one member
    // each, under minCellSize 2) merged by the ledger
    String regions = browser.text(By.id("results-regions-table"));
    assertTrue(regions.contains("East+Isle") && regions.contains("North")
        && regions.contains("South"), regions);
    // turnout by region: North counted 2 of its 3 (dev7 did not vote); nobody in West voted
    assertTrue(regions.contains("North 2 of 3 2 of 3 66.7% Tram"), regions);
    assertTrue(regions.contains("South 2 of 2 2 of 2 100.0%"), regions);
    assertTrue(regions.contains("West 0 of 1 0 of 1 0.0% no votes counted"), regions);
    shot("results-regions", "results-regions-1280.png");

    // verify dev1's ballot, in the browser, against the result's ballots root
    browser.type(By.id("results-voter"), voters.get(0).address().toString());
    browser.click(By.id("results-verify-button"));
    browser.await("the proof checked", () -> verifyStatus().startsWith("Included in the"
        + " ballots root ✓"));
    assertTrue(browser.text(By.id("results-verify-out")).contains("Tram"));
    shot("results-verify", "results-verify-1280.png");
    // dev4 delegated and cast no ballot: named
    browser.type(By.id("results-voter"), voters.get(3).address().toString());
    browser.click(By.id("results-verify-button"));
    browser.await("no ballot", () -> verifyStatus().startsWith("No ballot:")
        && verifyStatus().contains("NO_BALLOT"));
    browser.type(By.id("results-voter"), "dd1qqqq");
    browser.click(By.id("results-verify-button"));
    browser.await("a bad address", () -> verifyStatus().startsWith("That is not a dd1"));

    // recount in the browser
    browser.click(By.id("results-recount-button"));
    browser.await("the recount", () -> browser.text(By.id("results-recount-status"))
        .startsWith("Recount matches the chain ✓ (5 ballots)"));

    browser.size(375, 812);
    shot("results", "results-375.png");
    shot("results-regions", "results-375-regions.png");
    Object wide = browser.driver.executeScript(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    assertEquals(Boolean.FALSE, wide, "the page scrolls sideways at 375 px");
    browser.size(1280, 900);
    browser.assertNoConsoleProblems();
  }

  @Test
  @Order(2)
  void schulzeShowsItsMatricesAndRecountsInTheBrowser() throws Exception {
    JsonNode issue = client.call("dvs_getIssue", schulze);
    if (!"CLOSED".equals(issue.path("phase").asText())) {
      client.call("dev_mine", (int) VOTING_BLOCKS + 2);
    }
    browser.get(node.url() + "/#/dvs/issue/" + schulze);
    browser.await("the final result", () -> status().startsWith("Final result"));
    browser.await("the matrices", () -> !browser.driver.findElements(By.id("results-paths"))
        .isEmpty());
    assertTrue(browser.text(By.id("results-pairwise")).contains("Alpha"));
    browser.click(By.id("results-recount-button"));
    browser.await("the Schulze recount", () -> browser.text(By.id("results-recount-status"))
        .startsWith("Recount matches the chain ✓ (3 ballots)"));
    browser.click(By.cssSelector("[data-lang=ko]"));
    browser.await("Korean", () -> status().startsWith("최종 결과"));
    browser.await("Korean matrices", () -> !browser.driver.findElements(By.id("results-paths"))
        .isEmpty());
    shot("results-final", "results-ko-1280.png");
    browser.click(By.cssSelector("[data-lang=en]"));
    browser.await("English again", () -> status().startsWith("Final result"));
    browser.assertNoConsoleProblems();
  }

  /**
   * Weights beyond 2^53, on a weighted roll of ten holders of about 10^15 shares each, are shown
   * to the last digit. The page parses the node's JSON exactly (net/json.js). Plain JSON.parse
   * would round 9,999,999,999,999,999 to 10,000,000,000,000,000.
   */
  @Test
  @Order(3)
  void weightsBeyondTwoToThe53AreShownToTheLastDigit() throws Exception {
    DvsParams params = new DvsParams(DvsParams.WEIGHTED, 1, 1, 1, VOTING_BLOCKS, 1_000, 1_000,
        8, 1, STAMP_BITS, false);
    long community = created(mine(List.of(new DvsCreateCommunity("Big shares", params))),
        "communities");
    List<Ed25519KeyPair> holders = new ArrayList<>();
    List<Message> roll = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      holders.add(Mnemonic.toKeyPair(node.devWords(), 20 + i));
      roll.add(new DvsSetMember(community, holders.get(i).address(),
          i == 0 ? 999_999_999_999_999L : 1_000_000_000_000_000L));
    }
    mine(roll);
    long issue = created(mine(List.of(new DvsCreateIssue(community, 0, false,
        DvsRules.of(Method.SINGLE_CHOICE), List.of("Merge", "Stay"), node.dev.address(), 0))),
        "issues");
    for (Ed25519KeyPair holder : holders) vote(holder, issue, 0);
    mineBlock();
    String exact = "9999999999999999";
    assertEquals(exact, client.call("dvs_tally", issue).path("totals").get(0).asText());

    browser.get(node.url() + "/#/dvs/issue/" + issue);
    browser.await("the tally", () -> bar(0).equals(exact));
    String totals = browser.text(By.id("results-totals"));
    assertTrue(totals.contains("9,999,999,999,999,999"), totals);
    String regions = browser.text(By.id("results-regions-table"));
    assertTrue(regions.contains(exact + " of " + exact), regions);
    browser.assertNoConsoleProblems();
  }

  /** Scrolls the element with {@code id} to the top of the window and saves a screenshot. */
  private static void shot(String id, String file) throws Exception {
    browser.driver.executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    Thread.sleep(100); // one frame after the scroll
    browser.screenshot(file);
  }

  private static String status() {
    return textOf("results-status");
  }

  private static String verifyStatus() {
    return textOf("results-verify-status");
  }

  /** The text of element {@code id}; "" while the page is being redrawn (language switch). */
  private static String textOf(String id) {
    try {
      return browser.text(By.id(id));
    } catch (StaleElementReferenceException e) {
      return "";
    }
  }

  /** The value drawn for option {@code index} in the SVG chart ("" before it is drawn). */
  private static String bar(int index) {
    var found = browser.driver.findElements(By.cssSelector(
        "#results-chart rect[data-option='" + index + "']"));
    return found.isEmpty() ? "" : found.get(0).getDomAttribute("data-value");
  }

  private static void mineBallotsAndDelegation() throws InterruptedException {
    Ed25519KeyPair dev4 = voters.get(3);
    long community = client.call("dvs_getIssue", single).path("community").asLong();
    Hash d = client.send(Transactions.feeFree(node.chainId(), dev4,
        node.pendingNonce(dev4.address()), node.height() + 100,
        new DvsDelegate(community, Scope.COMMUNITY, 0, voters.get(2).address()), STAMP_BITS));
    vote(4, single, 2);
    vote(5, single, 0);
    mineBlock();
    assertEquals("final", client.transaction(d).path("status").asText());
  }

  /** Voter {@code i} (dev{i+1}) casts a fee-free ballot; the next mined block holds it. */
  private static void vote(int i, long issue, long... values) {
    vote(voters.get(i), issue, values);
  }

  private static void vote(Ed25519KeyPair v, long issue, long... values) {
    client.send(Transactions.feeFree(node.chainId(), v, node.pendingNonce(v.address()),
        node.height() + 100, new DvsCastBallot(issue, List.of(new DvsBallotPart(0, values))),
        STAMP_BITS));
  }

  private static long mineBlock() {
    return client.call("dev_mine", 1).path("height").asLong();
  }

  /** Sends {@code messages} from dev and mines one block; the last one's final transaction. */
  private static JsonNode mine(List<? extends Message> messages) throws InterruptedException {
    Hash last = null;
    for (Message m : messages) {
      last = client.send(Transactions.build(node.chainId(), node.dev, devNonce++,
          node.minFee(), node.height() + 1_000, m));
    }
    mineBlock();
    JsonNode tx = client.transaction(last);
    assertEquals("final", tx.path("status").asText(), tx.toString());
    return tx;
  }

  private static long created(JsonNode finalTx, String what) {
    JsonNode ids = client.call("dvs_createdBy", node.dev.address().toString(),
        finalTx.path("height").asLong()).path(what);
    assertEquals(1, ids.size(), ids.toString());
    return ids.get(0).asLong();
  }
}
