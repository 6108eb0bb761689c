package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import org.bcos.ledger.Genesis;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;

/**
 * The governance pages in headless Chromium against a dev node in this JVM whose gov periods are
 * short (docs/web/governance.md): as {@code dev} (operator of the only validator, so its yes
 * carries the bonded stake) the browser bonds more stake, proposes to double the minimum fee (a
 * value out of the parameter's bounds is refused by name first), adds the deposit that opens the
 * vote, votes yes, and after the voting period sees PASSED on the proposal page and the new
 * value on the parameters page; an account without stake is told so before it signs a ballot;
 * the upgrades page shows the protocol version. Another account registers a validator from the
 * page (a commission above its maximum refused by name first), renames it, is refused a commission
 * change above its max change, and dev redelegates part of its bond to it. Screenshots
 * governance-*.png.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GovernanceWebIT {
  /** Blocks are 200 ms: the vote lasts 30 s, the deposit period 60 s. */
  private static final int VOTING_BLOCKS = 150;
  private static final int DEPOSIT_BLOCKS = 300;
  private static final Duration VOTE_END_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path root;
  private InProcessNode node;
  private WebBrowser browser;

  @BeforeEach
  void start() throws Exception {
    browser = WebBrowser.open("governance");
    node = InProcessNode.start(root, c -> c, g -> new Genesis(
        GenesisParams.apply(g.params(), List.of("govVotingPeriodBlocks=" + VOTING_BLOCKS,
            "govDepositPeriodBlocks=" + DEPOSIT_BLOCKS), g.protocolVersion()),
        g.timeMillis(), g.validators(), g.allocations(), g.protocolVersion(), g.staking(),
        g.upgrades()));
  }

  @AfterEach
  void stop() {
    if (browser != null) browser.close();
    if (node != null) node.close();
  }

  /** Same-document navigation: the key unlocked in this tab stays unlocked. */
  private void go(String hash) {
    browser.driver.executeScript("location.hash = arguments[0]", hash);
  }

  /** Review → the fee shown → confirm → "Final at height H"; returns H's text. */
  private String signAndAwaitFinal(String flow) {
    reviewAndConfirm(flow);
    try {
      browser.await(flow + " final", () -> text(By.id(flow + "-final"))
          .startsWith("Final at height"));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the form says: "
          + text(By.id(flow + "-status")), e);
    }
    return text(By.id(flow + "-final"));
  }

  @Test
  void proposeDepositVoteAndSeeTheNewParameter() throws Exception {
    String dev = browser.unlock(node.url(), node.devWords(), 0);
    assertEquals(node.dev.address().toString(), dev);

    // staking: dev's bonded stake, then 100 DDC more through the delegate form
    go("#/governance/staking");
    browser.await("dev's bonded stake", () -> text(By.id("gov-my-bonded"))
        .startsWith("Bonded 1,000,000 DDC"));
    browser.type(By.id("gov-bond-amount"), "100");
    signAndAwaitFinal("gov-bond");
    browser.await("the stake after the bond", () -> text(By.id("gov-my-bonded"))
        .startsWith("Bonded 1,000,100 DDC"));
    browser.screenshot("governance-staking-1280.png");

    // a parameter change: out of bounds refused by name, then 0.0002 DDC with a 250 DDC deposit
    go("#/governance/new");
    new Select(browser.find(By.id("gov-param-0"))).selectByValue("minFeeUnits");
    browser.await("the parameter's bounds", () -> text(By.id("gov-param-info-0"))
        .contains("bounds 0 DDC … 1 DDC"));
    browser.type(By.id("gov-title"), "Double the minimum fee");
    browser.type(By.id("gov-param-value-0"), "2");
    browser.await("the bound check", () -> text(By.id("gov-param-check-0"))
        .startsWith("PARAM_OUT_OF_RANGE"));
    browser.type(By.id("gov-deposit"), "250");
    refusedOnReview("gov-submit", "PARAM_OUT_OF_RANGE");
    browser.type(By.id("gov-param-value-0"), "0.0002");
    browser.screenshot("governance-new-1280.png");
    signAndAwaitFinal("gov-submit");
    browser.click(By.id("gov-created-link"));

    // the deposit that reaches the minimum opens the vote
    browser.await("the proposal page", () -> text(By.id("gov-proposal-title"))
        .equals("#1 Double the minimum fee"));
    assertEquals("DEPOSIT_PERIOD", status());
    assertTrue(text(By.id("gov-proposal")).contains(
        "minFeeUnits = 0.0002 DDC (now 0.0001 DDC)"), text(By.id("gov-proposal")));
    browser.type(By.id("gov-deposit-amount"), "750");
    signAndAwaitFinal("gov-deposit");
    browser.await("the vote open", () -> "VOTING_PERIOD".equals(status()));

    // vote yes with dev's stake: told the stake before signing
    browser.await("dev's voting power", () -> text(By.id("gov-power"))
        .contains("1,000,100 DDC"));
    browser.click(By.id("gov-vote-yes"));
    browser.click(By.id("gov-vote-review"));
    browser.await("the stake the vote carries", () -> text(By.id("gov-vote-warning"))
        .startsWith("You vote with 1,000,100 DDC"));
    browser.click(By.id("gov-vote-confirm"));
    browser.await("the vote final", () -> text(By.id("gov-vote-final"))
        .startsWith("Final at height"));
    browser.await("the live tally with dev's yes", () -> text(By.id("gov-tally"))
        .contains("Yes: 1,000,100 DDC (100 %)"));
    assertTrue(text(By.id("gov-votes")).contains("Yes " + dev));
    browser.driver.executeScript("window.scrollTo(0, 0)");
    browser.screenshot("governance-proposal-1280.png");

    // an account without stake is told so before it signs
    String other = browser.unlock(node.url(), node.devWords(), 1);
    assertFalse(other.equals(dev));
    go("#/governance/proposal/1");
    browser.click(By.id("gov-vote-review"));
    browser.await("the no-stake warning", () -> text(By.id("gov-vote-warning"))
        .startsWith("You have no bonded stake"));
    browser.click(By.id("gov-vote-cancel"));

    // the vote ends: PASSED, and the parameter has its new value from the next block
    try {
      Await.until("the vote's end", VOTE_END_TIMEOUT, () -> "PASSED".equals(status()));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    browser.await("the final count", () -> text(By.id("gov-tally"))
        .contains("Outcome: passed"));
    browser.screenshot("governance-proposal-passed-1280.png");
    go("#/governance/params");
    By minFee = By.cssSelector("#gov-param-minFeeUnits .gov-param-value");
    browser.await("the new minimum fee", () -> text(minFee).equals("0.0002 DDC"));
    browser.type(By.id("gov-param-search"), "deposit");
    browser.await("the search", () -> !browser.driver.findElement(
        By.id("gov-param-minFeeUnits")).isDisplayed());
    assertTrue(browser.driver.findElement(By.id("gov-param-govMinDepositUnits")).isDisplayed());
    browser.screenshot("governance-params-1280.png");

    go("#/governance");
    browser.await("the list", () -> text(By.id("gov-proposals")).contains("Passed"));
    browser.screenshot("governance-list-1280.png");

    go("#/governance/upgrades");
    int version = node.client().call("upgrade_status").path("version").asInt();
    browser.await("the protocol version", () -> text(By.id("gov-version"))
        .startsWith("Protocol version " + version + " governs height"));
    browser.screenshot("governance-upgrades-1280.png");

    browser.size(375, 812);
    go("#/governance");
    browser.await("the list at 375 px", () -> text(By.id("gov-proposals")).contains("Passed"));
    browser.screenshot("governance-list-375.png");
    go("#/governance/proposal/1");
    browser.await("the proposal at 375 px", () -> text(By.id("gov-tally")).contains("passed"));
    browser.screenshot("governance-proposal-375.png");
    browser.click(By.cssSelector("[data-lang=ko]"));
    browser.await("the Korean proposal page", () -> text(By.id("gov-tally"))
        .contains("최종 집계"));
    browser.screenshot("governance-proposal-375-ko.png");
    browser.assertNoConsoleProblems();
  }

  @Test
  void runAValidatorEditItAndRedelegateToIt() throws Exception {
    String operator = browser.unlock(node.url(), node.devWords(), 1);
    node.fund(Address.parse(operator), Amount.parse("5000"));
    String consensusKey = InProcessNode.freshKey().address().toString();

    // "Run a validator": a commission above the maximum is refused by name before signing
    go("#/governance/staking");
    browser.await("the create form", () -> !text(By.id("gov-operator")).isEmpty());
    browser.type(By.id("gov-create-moniker"), "web-op");
    browser.type(By.id("gov-create-key"), consensusKey);
    browser.type(By.id("gov-create-commission"), "25%");
    browser.type(By.id("gov-create-bond"), "1000");
    refusedOnReview("gov-create", "COMMISSION_INVALID");
    browser.type(By.id("gov-create-commission"), "12.5%");
    reviewAndConfirm("gov-create");
    browser.await("the account's validator", () -> text(By.id("gov-operator-summary"))
        .startsWith("web-op: "));
    assertTrue(text(By.id("gov-operator-summary")).contains("commission 12.5 % (at most 20 %"),
        text(By.id("gov-operator-summary")));
    JsonNode created = node.client().call("stake_getValidator", operator);
    assertEquals(consensusKey, created.path("consensusKey").asText(), created.toString());
    assertEquals(1250, created.path("commission").path("rateBasisPoints").asInt());
    assertEquals(Amount.parse("1000"), created.path("tokensUnits").asLong());
    browser.screenshot("governance-validator-1280.png");
    browser.size(375, 812);
    browser.driver.executeScript("document.getElementById('gov-operator').scrollIntoView()");
    browser.screenshot("governance-validator-375.png");
    browser.size(1280, 900);

    // edit: a new name keeps the rate; a change above the max change is refused by the node
    browser.type(By.id("gov-edit-moniker"), "web-op 2");
    signAndAwaitFinal("gov-edit");
    browser.await("the new name in the table", () -> text(By.id("gov-validator-table"))
        .contains("web-op 2"));
    assertEquals(1250, node.client().call("stake_getValidator", operator)
        .path("commission").path("rateBasisPoints").asInt());
    browser.type(By.id("gov-edit-commission"), "15%");
    reviewAndConfirm("gov-edit");
    browser.await("the node's refusal", () -> text(By.id("gov-edit-status"))
        .startsWith("COMMISSION_CHANGE_TOO_LARGE"));

    // dev moves 10 DDC of its bond from the genesis validator to the new one, at once
    browser.unlock(node.url(), node.devWords(), 0);
    go("#/governance/staking");
    browser.await("dev's bonded validators", () -> !browser.driver.findElements(
        By.cssSelector("#gov-redelegate-destination option[value='" + operator + "']")).isEmpty());
    new Select(browser.find(By.id("gov-redelegate-destination"))).selectByValue(operator);
    browser.type(By.id("gov-redelegate-amount"), "10");
    signAndAwaitFinal("gov-redelegate");
    browser.await("the bond with the new validator", () -> text(By.id("gov-mine"))
        .contains("web-op 2: 10 DDC bonded"));
    assertEquals(Amount.parse("1010"), node.client().call("stake_getValidator", operator)
        .path("tokensUnits").asLong());
    browser.assertNoConsoleProblems();
  }

  /** Review → the fee shown → confirm (signs, has the node check, sends). */
  private void reviewAndConfirm(String flow) {
    browser.click(By.id(flow + "-review"));
    browser.await("the fee of " + flow, () -> text(By.id(flow + "-fee")).contains("DDC"));
    browser.click(By.id(flow + "-confirm"));
  }

  /** Review refuses the form's input by {@code reason}, and offers nothing to sign. */
  private void refusedOnReview(String flow, String reason) {
    browser.click(By.id(flow + "-review"));
    browser.await("the refusal before signing", () -> text(By.id(flow + "-status"))
        .startsWith(reason));
    assertTrue(browser.driver.findElements(By.id(flow + "-confirm")).isEmpty());
  }

  /** The element's text, "" while it is absent or being replaced by a re-render. */
  private String text(By by) {
    try {
      return browser.text(by);
    } catch (StaleElementReferenceException e) {
      return "";
    }
  }

  private String status() {
    try {
      return statusNow();
    } catch (StaleElementReferenceException e) {
      return "";
    }
  }

  private String statusNow() {
    return browser.driver.findElements(By.cssSelector(".gov-head .gov-badge")).stream()
        .findFirst().map(e -> e.getAttribute("data-status")).orElse("");
  }
}
