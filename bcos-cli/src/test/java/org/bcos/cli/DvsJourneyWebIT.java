package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.types.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The DVS journey of issue #12 across separate browser profiles, each with its own storage and
 * its own key (docs/WEB.md): dev4 delegates its vote to dev1 in the browser; three voters (dev1,
 * dev2, dev3) vote with three methods (Schulze by keyboard, approval, yes/no with the stamp)
 * while dev4's browser watches the yes/no issue's live tally change with each ballot — dev1's
 * counting twice, its own weight and dev4's; the issue closes and dev3 checks its ballot's proof
 * in its own browser. A memo with markup reaches dev4 and shows as text in its explorer.
 */
class DvsJourneyWebIT {
  private static final String XSS_IMG = "<img src=x onerror=alert(1)>";
  private static final int STAMP_BITS = 12;
  private static final long VOTING_BLOCKS = 600;
  private static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(90);

  @TempDir static Path root;
  private static InProcessNode node;
  /** One browser profile per account: index 1..4 = dev1..dev4 (0 unused). */
  private static final List<WebBrowser> browsers = new ArrayList<>();
  private static long community;
  private static long schulze;
  private static long approval;
  private static long yesNo;

  @BeforeAll
  static void start() throws Exception {
    node = InProcessNode.start(root);
    DvsParams params = new DvsParams(DvsParams.MEMBERS, 10, 10, 10, VOTING_BLOCKS, 1_000, 1_000,
        8, 1, STAMP_BITS, false);
    community = node.createdByDev(node.sendFromDev(new DvsCreateCommunity("Riverside co-op "
        + XSS_IMG, params)), "communities");
    for (int i = 1; i <= 4; i++) node.sendFromDev(new DvsSetMember(community, dev(i), 1));
    schulze = issue(Method.SCHULZE, "Solar roof", "Heat pumps", "Insulation");
    approval = issue(Method.APPROVAL, "Garden", "Bike shed", "Playground");
    yesNo = issue(Method.YES_NO, "Raise the monthly fee by 2 DDC " + XSS_IMG);
    browsers.add(null);
    for (int i = 1; i <= 4; i++) browsers.add(WebBrowser.open("journey-dev" + i));
  }

  @AfterAll
  static void stop() {
    for (WebBrowser b : browsers) if (b != null) b.close();
    if (node != null) node.close();
  }

  @Test
  void threeProfilesVoteWhileAFourthWatchesTheTallyThenOneVerifiesItsBallot() throws Exception {
    // dev4 (no DDC) delegates to dev1 in its own browser with the stamp, and dev1 sees the weight
    // in its own
    WebBrowser watcher = browsers.get(4);
    assertEquals(dev(4).toString(), watcher.unlock(node.url(), node.devWords(), 4));
    go(watcher, "#/dvs/delegations?community=" + community);
    watcher.type(By.id("delegation-to"), dev(1).toString());
    watcher.click(By.id("delegation-go"));
    watcher.click(By.id("delegation-send-confirm")); // the stamp: dev4 holds no DDC
    watcher.await("the delegation final", () -> watcher.text(By.id("delegation-send-status"))
        .matches("Final at height \\d+\\."));
    assertEquals(0, node.balance(dev(4)), "fee-free");
    WebBrowser dev1 = browsers.get(1);
    dev1.unlock(node.url(), node.devWords(), 1);
    go(dev1, "#/dvs/delegations?community=" + community);
    dev1.await("dev4's weight delegated to dev1", () -> "1".equals(
        dev1.find(By.id("delegation-received-total")).getDomAttribute("data-weight")));
    assertTrue(dev1.text(By.id("delegation-received")).contains(dev(4).toString()));

    // dev4 watches the yes/no issue's live tally
    openIssue(watcher, yesNo);
    ResultsView tally = new ResultsView(watcher);

    // dev1 (weight 1 + dev4's 1): yes, with the stamp
    openIssue(dev1, yesNo);
    dev1.click(By.id("dvs-b-opt-yes"));
    castWithStamp(dev1);
    tally.awaitCounted(2);
    tally.screenshot("journey-tally-after-1.png");
    WebBrowser dev2 = voteYesNo(2, "no");
    tally.awaitCounted(3);
    WebBrowser dev3 = voteYesNo(3, "yes");
    tally.awaitCounted(4);
    tally.screenshot("journey-tally-live.png");
    JsonNode live = node.client().call("dvs_tally", yesNo);
    assertEquals(4, live.path("countedWeight").asLong(), live.toString());

    // the two other methods, from two of the profiles: Schulze by keyboard, approval
    openIssue(dev1, schulze);
    dev1.await("the ranking", () -> dev1.driver.findElements(By.cssSelector("#dvs-b-ranking > li")).size() == 3);
    dev1.driver.findElements(By.cssSelector("#dvs-b-ranking > li")).get(2)
        .sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP), Keys.chord(Keys.ALT, Keys.ARROW_UP));
    dev1.await("Insulation first", () -> firstRanked(dev1).equals("Insulation"));
    castWithStamp(dev1);
    assertEquals(List.of(2L, 3L, 1L), ballot(schulze, 1));
    openIssue(dev2, approval);
    dev2.click(By.id("dvs-b-opt-0"));
    dev2.click(By.id("dvs-b-opt-2"));
    castWithStamp(dev2);
    assertEquals(List.of(0L, 2L), ballot(approval, 2));
    assertEquals(List.of(0L), ballot(yesNo, 1));
    assertEquals(List.of(1L), ballot(yesNo, 2));
    assertEquals(List.of(0L), ballot(yesNo, 3));

    // the issue closes; the watcher sees the final result; dev3 checks its ballot's proof
    closeVoting(yesNo);
    tally.awaitFinal();
    tally.screenshot("journey-final.png");
    JsonNode result = node.client().call("dvs_result", yesNo);
    assertEquals(4, result.path("countedWeight").asLong(), result.toString());
    go(dev3, "#/dvs/issue/" + yesNo);
    ResultsView mine = new ResultsView(dev3);
    mine.verifyMyBallot(result.path("ballotsRoot").asText());
    dev3.driver.executeScript("document.getElementById('results-verify-out').scrollIntoView({block: 'center'})");
    dev3.screenshot("journey-verified.png");

    // a memo with markup reaches dev4 and is text in its explorer
    JsonNode memoTx = node.client().awaitFinal(node.client().send(
        org.bcos.client.Transactions.transfer(node.chainId(), node.dev,
            node.pendingNonce(node.dev.address()), node.minFee(), node.height() + 1_000, dev(4),
            1L, XSS_IMG)), InProcessNode.FINAL_TIMEOUT);
    go(watcher, "#/explorer/tx/" + memoTx.path("hash").asText());
    watcher.await("the memo as text", () -> watcher.text(By.id("page")).contains(XSS_IMG));
    for (int i = 1; i <= 4; i++) {
      WebBrowser b = browsers.get(i);
      assertTrue(b.driver.findElements(By.cssSelector("#page img, #page script")).isEmpty(),
          "markup from people is text, never elements");
      b.assertNoConsoleProblems();
    }
  }

  /**
   * dev{@code account} unlocks in its own browser and votes {@code choice} on the yes/no issue
   * with the stamp; returns that browser.
   */
  private static WebBrowser voteYesNo(int account, String choice) {
    WebBrowser b = browsers.get(account);
    b.unlock(node.url(), node.devWords(), account);
    openIssue(b, yesNo);
    b.click(By.id("dvs-b-opt-" + choice));
    castWithStamp(b);
    return b;
  }

  private static Address dev(int account) {
    return Mnemonic.toKeyPair(node.devWords(), account).address();
  }

  private static long issue(Method method, String... options) throws InterruptedException {
    return node.createdByDev(node.sendFromDev(new DvsCreateIssue(community, 0, false,
        DvsRules.of(method), List.of(options), node.dev.address(), 0)), "issues");
  }

  private static void go(WebBrowser b, String hash) {
    b.driver.executeScript("location.hash = arguments[0]", hash);
  }

  private static void openIssue(WebBrowser b, long issue) {
    go(b, "#/dvs/issue/" + issue);
    b.await("issue " + issue + " open for voting",
        () -> !b.driver.findElements(By.id("dvs-cast")).isEmpty());
  }

  /** Casts the ballot on the page fee-free (the stamp is the default) and waits until final. */
  private static void castWithStamp(WebBrowser b) {
    b.click(By.id("dvs-cast"));
    b.await("the stamp offered", () -> b.find(By.id("dvs-send-stamp")).isSelected());
    b.click(By.id("dvs-send-confirm"));
    b.await("final at height H", () -> b.text(By.id("dvs-send-status"))
        .matches("Final at height \\d+\\."));
  }

  private static String firstRanked(WebBrowser b) {
    List<WebElement> items = b.driver.findElements(By.cssSelector("#dvs-b-ranking > li"));
    return items.isEmpty() ? "" : items.get(0).findElement(By.className("dvs-text")).getText();
  }

  /** The values of dev{@code account}'s stored ballot (one part). */
  private static List<Long> ballot(long issue, int account) {
    JsonNode b = node.client().call("dvs_getBallot", issue, dev(account).toString());
    List<Long> out = new ArrayList<>();
    b.path("parts").get(0).path("values").forEach(v -> out.add(v.asLong()));
    return out;
  }

  /** Mines blocks until {@code issue} is closed (dev_mine makes up to 2 s of blocks a call). */
  private static void closeVoting(long issue) throws InterruptedException {
    Await.until("issue " + issue + " closed", CLOSE_TIMEOUT, () -> {
      if (node.client().call("dvs_getIssue", issue).path("phase").asText().equals("CLOSED")) {
        return true;
      }
      node.client().call("dev_mine", 1_000);
      return false;
    });
  }

  /** The results part of an issue page (pages/dvs/results.js), as a person reads it. */
  private record ResultsView(WebBrowser b) {
    /** Waits until the live summary says {@code weight} of the electorate is counted. */
    void awaitCounted(long weight) {
      b.await("counted weight " + weight + " on the live tally", () -> java.util.regex.Pattern
          .compile("Counted weight\\s+" + weight + " of ").matcher(b.text(By.id("results-summary")))
          .find());
    }

    /** A screenshot with the results part at the top of the window. */
    void screenshot(String file) throws Exception {
      b.driver.executeScript("document.getElementById('results').scrollIntoView()");
      b.screenshot(file);
    }

    /** Waits until the page shows the final result. */
    void awaitFinal() {
      b.await("the final result", () -> b.text(By.id("results-status")).startsWith("Final result"));
    }

    /** Checks the unlocked key's ballot in the browser against {@code ballotsRoot}. */
    void verifyMyBallot(String ballotsRoot) {
      b.await("the ballots root shown", () -> b.text(By.id("results-ballots-root"))
          .contains(ballotsRoot));
      b.click(By.id("results-verify-button"));
      b.await("the ballot included", () -> b.text(By.id("results-verify-status"))
          .startsWith("Included in the ballots root ✓"));
    }
  }
}
