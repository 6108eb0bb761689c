package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Voting in the web app (docs/web/dvs.md) in headless Chromium against a dev node in this JVM: a
 * community of dev1..dev3 with a Schulze, an approval and a yes/no poll (made with the Java
 * client, as the DVS ITs do); in the browser dev1 ranks the Schulze options with the keyboard
 * alone and pays the fee, dev2 approves two options and dev3 votes on the yes/no issue, both
 * fee-free with the proof-of-work stamp computed in a Web Worker (dev2 and dev3 hold no DDC).
 * Each ballot is read back from the node (dvs_getBallot) and must be what was chosen.
 * Screenshots: target/web-screenshots/dvs-*.png.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DvsVoteWebIT {
  private static final int STAMP_BITS = 12;
  private static final long VOTING_BLOCKS = 2_000;
  @TempDir static Path root;
  private static InProcessNode node;
  private static BcosClient client;
  private static WebBrowser browser;
  private static final List<Ed25519KeyPair> voters = new ArrayList<>();
  private static long community;
  private static long schulze;
  private static long approval;
  private static long yesNo;
  private static long quadratic;
  private static long irv;
  private static long score;
  /** An issue of a community whose stamp is too hard to find here: for Cancel. */
  private static long hardStamp;
  /** Deliberative Schulze issues: one still in admission (supports), one soon voting. */
  private static long slowDeliberative;
  private static long fastDeliberative;
  /** A yes/no issue of a weighted roll where dev1 holds 600. */
  private static long weightedYesNo;

  @BeforeAll
  static void start() throws Exception {
    browser = WebBrowser.open("dvs-vote");
    node = InProcessNode.start(root);
    client = node.client();
    for (int i = 1; i <= 3; i++) voters.add(Mnemonic.toKeyPair(node.devWords(), i));
    node.fund(voters.get(0).address(), 1_000_000_000L); // dev1 pays a fee; dev2, dev3 hold nothing
    DvsParams params = new DvsParams(DvsParams.MEMBERS, 10, 10, 10, VOTING_BLOCKS, 1_000, 1_000,
        8, 1, STAMP_BITS, false);
    community = created(paid(new DvsCreateCommunity("Harbour Town <b>council</b>", params)),
        "communities");
    List<Hash> adds = new ArrayList<>();
    for (Ed25519KeyPair v : voters) {
      adds.add(client.send(sign(new DvsSetMember(community, v.address(), 1))));
    }
    for (Hash h : adds) node.awaitFinal(h);
    schulze = created(paid(poll(Method.SCHULZE, "Tram line", "Bus lanes", "Cycle paths")),
        "issues");
    approval = created(paid(poll(Method.APPROVAL, "Library", "Pool", "Park")), "issues");
    yesNo = created(paid(poll(Method.YES_NO, "Adopt the 2027 budget")), "issues");
    irv = created(paid(poll(Method.IRV, "Monday", "Tuesday", "Wednesday")), "issues");
    score = created(paid(poll(Method.SCORE, "Red", "Green", "Blue")), "issues");
    quadratic = created(paid(poll(Method.QUADRATIC, "Trees", "Benches", "Lights")), "issues");
    slowDeliberative = deliberative(2_000, "Free school meals", "Smaller classes");
    fastDeliberative = deliberative(20, "Night buses", "Car-free centre", "New ferry");
    List<Hash> supports = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Ed25519KeyPair v = voters.get(i);
      supports.add(client.send(Transactions.feeFree(node.chainId(), v,
          node.pendingNonce(v.address()), node.height() + 1_000,
          new DvsSupport(fastDeliberative, i, true), STAMP_BITS)));
    }
    for (Hash h : supports) node.awaitFinal(h);
    DvsParams weighted = new DvsParams(DvsParams.WEIGHTED, 10, 10, 10, VOTING_BLOCKS, 1_000,
        1_000, 8, 1, STAMP_BITS, false);
    long agm = created(paid(new DvsCreateCommunity("AGM", weighted)), "communities");
    paid(new DvsSetMember(agm, voters.get(0).address(), 600));
    weightedYesNo = created(paid(new DvsCreateIssue(agm, 0, false, DvsRules.of(Method.YES_NO),
        List.of("Approve the dividend"), node.dev.address(), 0)), "issues");
    DvsParams hard = new DvsParams(DvsParams.MEMBERS, 10, 10, 10, VOTING_BLOCKS, 1_000, 1_000,
        8, 1, 30, false);
    long other = created(paid(new DvsCreateCommunity("Hard stamps", hard)), "communities");
    paid(new DvsSetMember(other, voters.get(2).address(), 1));
    hardStamp = created(paid(new DvsCreateIssue(other, 0, false, DvsRules.of(Method.YES_NO),
        List.of("Anything"), node.dev.address(), 0)), "issues");
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (node != null) node.close();
  }

  @Test
  void threeVotersVoteWithThreeMethodsFromTheBrowser() throws Exception {
    browser.get(node.url() + "/#/dvs");
    browser.await("the community in the list",
        () -> browser.text(By.id("dvs-communities")).contains("Harbour Town <b>council</b>"));
    browser.await("the issues, newest first",
        () -> textOf("dvs-issues").startsWith("Issue " + hardStamp + ": Anything")
            && textOf("dvs-issues").contains("Issue " + yesNo + ": Adopt the 2027 budget"));
    browser.screenshot("dvs-home-1280.png");
    browser.type(By.id("dvs-search"), "Harb");
    browser.click(By.cssSelector(".dvs-filter button"));
    browser.await("only the community named Harb…", () -> textOf("dvs-communities")
        .equals("Harbour Town <b>council</b> · members, one vote each · 3 members"));

    // dev1: Schulze, keyboard only, with the fee
    browser.unlock(node.url(), node.devWords(), 1);
    open(schulze);
    browser.await("the ranking", () -> rankItems().size() == 3);
    browser.screenshot("dvs-issue-1280.png");
    assertTrue(textOf("dvs-timeline").contains("Voting"));
    assertTrue(textOf("dvs-countdown").contains("blocks left"),
        textOf("dvs-countdown"));
    // Cycle paths (3rd) to the top, then Tram line (now 2nd) below Bus lanes
    rankItems().get(2).sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));
    browser.await("moved once", () -> rankText(1).equals("Cycle paths"));
    rankItems().get(1).sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));
    browser.await("announced", () -> browser.driver.findElement(By.id("dvs-b-ranking-live"))
        .getDomProperty("textContent").equals("Cycle paths is now at position 1 of 3"));
    rankItems().get(1).sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_DOWN));
    browser.await("the order", () -> rankText(0).equals("Cycle paths")
        && rankText(1).equals("Bus lanes") && rankText(2).equals("Tram line"));
    ballotShot("dvs-ballot-schulze.png");
    browser.find(By.id("dvs-cast")).sendKeys(Keys.ENTER);
    browser.await("the fee offered", () -> browser.text(By.cssSelector("label[for=dvs-send-fee]"))
        .contains("DDC"));
    browser.find(By.id("dvs-send-fee")).sendKeys(Keys.SPACE);
    browser.await("the fee shown before confirming",
        () -> browser.text(By.id("dvs-send-fee")).isEmpty()
            && browser.text(By.cssSelector(".dvs-fee")).startsWith("Fee: 0.0001 DDC"));
    browser.find(By.id("dvs-send-confirm")).sendKeys(Keys.ENTER);
    awaitFinal();
    assertEquals(List.of(3L, 2L, 1L), ballot(schulze, 0));
    browser.await("my ballot shown", () -> browser.text(By.id("dvs-my-ballot-text"))
        .equals("1. Cycle paths, 2. Bus lanes, 3. Tram line"));

    // dev1 supports an initiative of a deliberative issue in admission (stamp)
    browser.driver.executeScript("location.hash = arguments[0]", "#/dvs/issue/" + slowDeliberative);
    browser.await("the admission phase marked", () -> textOf("dvs-timeline").contains("Admission")
        && browser.driver.findElements(By.cssSelector("#dvs-timeline li.current")).size() == 1
        && browser.find(By.cssSelector("#dvs-timeline li.current")).getText()
            .startsWith("Admission"));
    browser.screenshot("dvs-issue-deliberative-1280.png");
    browser.click(By.id("dvs-support-1"));
    browser.click(By.id("dvs-support-send-confirm"));
    browser.await("support final", () -> textOf("dvs-support-send-status")
        .matches("Final at height \\d+\\."));
    JsonNode initiatives = client.call("dvs_listInitiatives", slowDeliberative).path("initiatives");
    assertEquals(0, initiatives.get(0).path("supporters").asLong());
    assertEquals(1, initiatives.get(1).path("supporters").asLong());
    // the page now offers to withdraw it; withdrawn, it offers support again
    browser.await("the support marked", () -> textOf("dvs-unsupport-1").equals("Withdraw support")
        && textOf("dvs-options").contains("you support it"));
    browser.click(By.id("dvs-unsupport-1"));
    browser.click(By.id("dvs-support-send-confirm"));
    browser.await("withdrawal final", () -> textOf("dvs-support-send-status")
        .matches("Final at height \\d+\\.") && textOf("dvs-support-1").equals("Support"));
    assertEquals(0, client.call("dvs_listInitiatives", slowDeliberative).path("initiatives")
        .get(1).path("supporters").asLong());
    browser.click(By.id("dvs-support-1"));
    browser.click(By.id("dvs-support-send-confirm"));
    browser.await("support final again", () -> textOf("dvs-unsupport-1").equals("Withdraw support"));

    // dev1 ranks a deliberative issue: the status quo is a candidate; one initiative is off
    // the ballot (no supporters) and not offered
    awaitPhase(fastDeliberative, "VOTING");
    open(fastDeliberative);
    browser.await("two initiatives and the status quo", () -> rankItems().size() == 3
        && rankText(2).equals("Status quo"));
    browser.click(By.cssSelector("button[aria-label='Move Status quo up']"));
    browser.await("status quo second", () -> rankText(1).equals("Status quo"));
    ballotShot("dvs-ballot-status-quo.png");
    browser.click(By.id("dvs-cast"));
    browser.click(By.id("dvs-send-confirm"));
    awaitFinal();
    assertEquals(List.of(1L, 3L, 0L, 2L), ballot(fastDeliberative, 0));

    // dev1 splits its weight of 600 on a weighted roll: 450 yes, 150 no (after a wrong part is
    // refused by the sum, then replaced)
    open(weightedYesNo);
    browser.await("my weight", () -> textOf("dvs-split-sum").equals("Your weight: 600"));
    browser.click(By.id("dvs-split"));
    browser.type(By.id("dvs-part-0-weight"), "450");
    browser.click(By.id("dvs-p0-opt-yes"));
    browser.type(By.id("dvs-part-1-weight"), "100");
    browser.click(By.id("dvs-p1-opt-no"));
    browser.click(By.id("dvs-cast"));
    browser.await("parts must add up",
        () -> textOf("dvs-ballot-problem").contains("(PART_WEIGHTS)"));
    // a third part of 150 no, and the 100 no part removed
    browser.click(By.id("dvs-split-add"));
    browser.type(By.id("dvs-part-2-weight"), "150");
    browser.click(By.id("dvs-p2-opt-no"));
    browser.click(By.id("dvs-part-1-remove"));
    browser.await("they do",
        () -> textOf("dvs-split-sum").equals("Parts add up to 600 of your weight 600"));
    ballotShot("dvs-ballot-split.png");
    browser.click(By.id("dvs-cast"));
    browser.click(By.id("dvs-send-confirm"));
    awaitFinal();
    JsonNode split = client.call("dvs_getBallot", weightedYesNo,
        voters.get(0).address().toString()).path("parts");
    assertEquals("[{\"weight\":450,\"values\":[0]},{\"weight\":150,\"values\":[1]}]",
        split.toString());

    // dev2: approval, fee-free with the stamp
    browser.unlock(node.url(), node.devWords(), 2);
    open(approval);
    browser.click(By.id("dvs-b-opt-0"));
    browser.click(By.id("dvs-b-opt-2"));
    ballotShot("dvs-ballot-approval.png");
    browser.click(By.id("dvs-cast"));
    browser.await("the stamp offered", () -> browser.find(By.id("dvs-send-stamp")).isSelected());
    assertTrue(browser.text(By.cssSelector(".dvs-fee")).contains("none"));
    browser.click(By.id("dvs-send-confirm"));
    awaitFinal();
    assertEquals(List.of(0L, 2L), ballot(approval, 1));

    // dev2: IRV by drag-and-drop (Wednesday dropped on the top half of Monday, Tuesday left
    // unranked), score
    open(irv);
    browser.await("the ranking", () -> rankItems().size() == 3);
    dragOnto(rankItems().get(2), rankItems().get(0));
    browser.await("dropped first", () -> rankText(0).equals("Wednesday")
        && textOf("dvs-b-ranking-live").equals("Wednesday is now at position 1 of 3"));
    // Tuesday left unranked (×): rank 0, listed apart
    browser.click(By.id("dvs-b-rank-toggle-1"));
    browser.await("Tuesday unranked", () -> rankItems().size() == 2
        && textOf("dvs-b-unranked").contains("Tuesday")
        && textOf("dvs-b-ranking-live").equals("Tuesday is now unranked"));
    ballotShot("dvs-ballot-unranked.png");
    browser.click(By.id("dvs-cast"));
    browser.click(By.id("dvs-send-confirm"));
    awaitFinal();
    assertEquals(List.of(2L, 0L, 1L), ballot(irv, 1));
    open(score);
    browser.type(By.id("dvs-b-opt-0"), "7");
    browser.type(By.id("dvs-b-opt-1"), "11");
    browser.click(By.id("dvs-cast"));
    browser.await("refused", () -> textOf("dvs-ballot-problem").contains("(SCORE_OUT_OF_RANGE)"));
    browser.type(By.id("dvs-b-opt-1"), "10");
    ballotShot("dvs-ballot-score.png");
    browser.click(By.id("dvs-cast"));
    browser.click(By.id("dvs-send-confirm"));
    awaitFinal();
    assertEquals(List.of(7L, 10L, 0L), ballot(score, 1));

    // dev3: yes/no, fee-free with the stamp, then the page at 375 px and in Korean
    browser.unlock(node.url(), node.devWords(), 3);
    open(yesNo);
    browser.click(By.id("dvs-b-opt-no"));
    ballotShot("dvs-ballot-yesno.png");
    browser.click(By.id("dvs-cast"));
    browser.click(By.id("dvs-send-confirm"));
    awaitFinal();
    assertEquals(List.of(1L), ballot(yesNo, 2));
    assertEquals(0, node.balance(voters.get(2).address()), "dev3 voted holding no DDC");
    ballotShot("dvs-final-1280.png");

    // quadratic: the credits left are shown live; over budget is refused by name, nothing sent
    open(quadratic);
    browser.type(By.id("dvs-b-opt-0"), "8");
    browser.type(By.id("dvs-b-opt-1"), "-6");
    browser.await("100 of 100 credits used", () -> textOf("dvs-b-credits")
        .equals("Voice credits left: 0 of 100"));
    browser.click(By.cssSelector("button[aria-label='One vote more for Lights']"));
    browser.await("over budget", () -> textOf("dvs-b-credits").startsWith("Over budget"));
    browser.click(By.id("dvs-cast"));
    browser.await("refused", () -> textOf("dvs-ballot-problem").contains("(OVER_BUDGET)"));
    ballotShot("dvs-ballot-quadratic.png");

    // a stamp too hard to find: the progress bar runs, Cancel stops it, nothing is sent
    open(hardStamp);
    browser.click(By.id("dvs-b-opt-yes"));
    browser.click(By.id("dvs-cast"));
    browser.click(By.id("dvs-send-confirm"));
    browser.await("progress", () -> textOf("dvs-send-attempts")
        .matches("[1-9][0-9,]* of about 1,073,741,824 attempts"));
    long first = attempts();
    Thread.sleep(1_000);
    System.out.println("stamp search in Chromium's worker: ~" + (attempts() - first)
        + " hashes/s");
    ballotShot("dvs-stamp-progress.png");
    browser.click(By.id("dvs-send-cancel"));
    browser.await("cancelled", () -> textOf("dvs-send-status")
        .equals("Cancelled: nothing was sent."));
    assertEquals("NOT_FOUND", assertThrows(RpcError.class, () -> client.call("dvs_getBallot",
        hardStamp, voters.get(2).address().toString())).reason());
    browser.size(375, 812);
    open(schulze);
    browser.await("the ranking", () -> rankItems().size() == 3);
    browser.screenshot("dvs-issue-375.png");
    ballotShot("dvs-ballot-375.png");
    browser.click(By.cssSelector("[data-lang=ko]"));
    browser.await("the Korean timeline", () -> textOf("dvs-timeline").contains("투표"));
    browser.screenshot("dvs-issue-375-ko.png");
    browser.click(By.cssSelector("[data-lang=en]"));
    browser.size(1280, 900);
    browser.assertNoConsoleProblems();
  }

  // --- helpers -----------------------------------------------------------------------------

  private static void open(long issue) {
    browser.driver.executeScript("location.hash = arguments[0]", "#/dvs/issue/" + issue);
    browser.await("issue " + issue + " open for voting",
        () -> !browser.driver.findElements(By.id("dvs-cast")).isEmpty());
  }

  /** The text of the element with {@code id}, read in the page (it may be redrawn each block). */
  private static String textOf(String id) {
    Object text = browser.driver.executeScript(
        "const e = document.getElementById(arguments[0]); return e ? e.innerText : '';", id);
    return String.valueOf(text);
  }

  private static void awaitPhase(long issue, String phase) {
    browser.await("issue " + issue + " in " + phase,
        () -> client.call("dvs_getIssue", issue).path("phase").asText().equals(phase));
  }

  /**
   * Drags {@code item} onto the upper half of {@code target} with the HTML5 drag events the page
   * listens to (WebDriver's own drag does not fire them in Chromium).
   */
  private static void dragOnto(WebElement item, WebElement target) {
    browser.driver.executeScript("""
        const [item, target] = arguments;
        const data = new DataTransfer();
        const r = target.getBoundingClientRect();
        const at = {bubbles: true, cancelable: true, dataTransfer: data,
            clientX: r.left + 5, clientY: r.top + 2};
        item.dispatchEvent(new DragEvent('dragstart', at));
        target.dispatchEvent(new DragEvent('dragover', at));
        target.dispatchEvent(new DragEvent('drop', at));
        item.dispatchEvent(new DragEvent('dragend', at));
        """, item, target);
  }

  private static long attempts() {
    return Long.parseLong(textOf("dvs-send-attempts").split(" ")[0].replace(",", ""));
  }

  /** Scrolls the ballot into view and saves a screenshot of it. */
  private static void ballotShot(String file) throws Exception {
    browser.driver.executeScript("document.getElementById('dvs-ballot').scrollIntoView()");
    browser.screenshot(file);
  }

  private static List<WebElement> rankItems() {
    return browser.driver.findElements(By.cssSelector("#dvs-b-ranking > li"));
  }

  private static String rankText(int i) {
    List<WebElement> items = rankItems();
    return items.size() > i ? items.get(i).findElement(By.className("dvs-text")).getText() : "";
  }

  private static void awaitFinal() {
    browser.await("final at height H", () -> browser.text(By.id("dvs-send-status"))
        .matches("Final at height \\d+\\."));
  }

  /** The values of the voter's stored ballot (one part). */
  private static List<Long> ballot(long issue, int voter) {
    JsonNode b = client.call("dvs_getBallot", issue, voters.get(voter).address().toString());
    assertEquals(1, b.path("parts").size(), b.toString());
    List<Long> out = new ArrayList<>();
    b.path("parts").get(0).path("values").forEach(v -> out.add(v.asLong()));
    return out;
  }

  private static DvsCreateIssue poll(Method method, String... options) {
    return new DvsCreateIssue(community, 0, false, DvsRules.of(method), List.of(options),
        node.dev.address(), 0);
  }

  /** A community of dev1..dev3 with {@code admissionBlocks}, and its deliberative issue. */
  private static long deliberative(long admissionBlocks, String... initiatives)
      throws InterruptedException {
    DvsParams params = new DvsParams(DvsParams.MEMBERS, admissionBlocks, 1, 1, VOTING_BLOCKS,
        1_000, 1_000, 8, 1, STAMP_BITS, false);
    long c = created(paid(new DvsCreateCommunity("Party " + admissionBlocks, params)),
        "communities");
    for (Ed25519KeyPair v : voters) paid(new DvsSetMember(c, v.address(), 1));
    return created(paid(new DvsCreateIssue(c, 0, true, DvsRules.of(Method.SCHULZE),
        List.of(initiatives), node.dev.address(), 0)), "issues");
  }

  private static Transaction sign(Message m) {
    return Transactions.build(node.chainId(), node.dev, node.pendingNonce(node.dev.address()),
        node.minFee(), node.height() + 1_000, m);
  }

  private static JsonNode paid(Message m) throws InterruptedException {
    return node.sendFromDev(m);
  }

  private static long created(JsonNode finalTx, String what) {
    return node.createdByDev(finalTx, what);
  }
}
