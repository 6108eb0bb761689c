package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Hash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The web app's explorer in headless Chromium against one real dev node in this JVM (docs/WEB.md,
 * docs/web/explorer.md). The node makes blocks only when a test mines them ({@code dev_mine}), so
 * a transaction stays pending until the test says: its page is seen turning final live. Every test
 * ends with no console error, warning or CSP violation. Screenshots go to target/web-screenshots/.
 */
class ExplorerWebIT {
  /** Blocks mined for the live-list test and before the validators page counts signatures. */
  private static final int BLOCKS_MINED = 3;
  private static final long AMOUNT_UNITS = 1_250_000_000L; // 12.5 DDC
  private static final String XSS = "<img src=x onerror=alert(1)>";

  @TempDir static Path root;
  private static InProcessNode node;
  private WebBrowser browser;

  @BeforeAll
  static void startNode() throws Exception {
    node = InProcessNode.startMinedOnDemand(root);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) node.close();
  }

  @BeforeEach
  void openBrowser() {
    browser = WebBrowser.open("explorer");
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) browser.close();
  }

  @Test
  void explorerShowsTheChainAndItsBlocksLive() throws Exception {
    browser.get(node.url() + "/");
    String chainId = node.node().ledger().params().chainId();
    browser.await("the chain id in the header", () -> chainId.equals(browser.text(By.id("chain-id"))));
    browser.await("the first block", () -> blockRows().size() >= 1);
    long firstTop = topHeight();
    int firstCount = blockRows().size();
    for (int i = 0; i < BLOCKS_MINED; i++) mine();
    browser.await("three more blocks, live", () -> topHeight() >= firstTop + BLOCKS_MINED);
    assertTrue(blockRows().size() >= Math.min(firstCount + 1, 20), "the list grew");
    assertEquals("live", browser.text(By.id("conn")));
    assertTrue(browser.text(By.cssSelector("dl.status")).contains(chainId));
    // heights are links to their block pages
    String href = blockRows().get(0).findElement(By.cssSelector("td a")).getDomAttribute("href");
    assertEquals("#/explorer/block/" + topHeight(), href);
    browser.screenshot("explorer-1280.png");
    browser.size(375, 812);
    browser.screenshot("explorer-375.png");
    browser.click(By.cssSelector("[data-lang=ko]"));
    browser.await("the Korean nav",
        () -> "탐색기".equals(browser.text(By.cssSelector("[data-route=explorer]"))));
    browser.screenshot("explorer-375-ko.png");
    browser.click(By.cssSelector("[data-lang=en]"));
    browser.assertNoConsoleProblems();
  }

  /**
   * The first load of the explorer in a fresh profile: every script, style and text file comes
   * gzip'd (the node keeps a gzip'd copy, WebRoot), and the figures are printed for
   * docs/PERFORMANCE.md.
   */
  @Test
  void theFirstLoadComesGzipped() {
    browser.get(node.url() + "/#/explorer");
    browser.await("the first block", () -> blockRows().size() >= 1);
    WebBrowser.Loaded first = browser.loaded();
    System.out.printf("first load of #/explorer: %d responses, %,d bytes on the wire, %,d "
        + "decoded (%d gzip'd)%n", first.responses(), first.wireBytes(), first.decodedBytes(),
        first.gzipped().size());
    List<String> text = first.plain().stream()
        .filter(u -> u.matches(".*\\.(js|css|json|html)$")).toList();
    assertEquals(List.of(), text, "files that came without gzip");
    // (no ratio of wire to decoded bytes is asserted: the JSON-RPC answers in both are not
    // compressed, and their size depends on how many blocks the page lists)
    assertTrue(first.gzipped().stream().anyMatch(u -> u.endsWith("/app.js")), first.toString());
    browser.assertNoConsoleProblems();
  }

  @Test
  void theDevWordsUnlockTheDevAddressInTheBrowser() {
    String address = browser.unlock(node.url(), node.devWords(), 0);
    assertEquals(node.dev.address().toString(), address);
    assertEquals(address, browser.find(By.id("signer")).getDomAttribute("title"));
    browser.assertNoConsoleProblems();
  }

  @Test
  void aTransferIsFoundPendingTurnsFinalLiveAndItsAccountIsProven() throws Exception {
    Ed25519KeyPair to = InProcessNode.freshKey();
    browser.get(node.url() + "/#/explorer");
    browser.await("the home", () -> blockRows().size() >= 1);
    Hash hash = sendTransfer(to, "rent <b>march</b>");

    search(hash.toHex());
    browser.await("the pending transaction page",
        () -> "pending".equals(browser.text(By.id("tx-status"))));
    long height = mine();
    browser.await("the transaction turned final live",
        () -> "final".equals(browser.text(By.id("tx-status"))));
    assertEquals(node.client().transaction(hash).path("height").asLong(),
        Long.parseLong(browser.text(By.id("tx-height"))));
    assertEquals(height, Long.parseLong(browser.text(By.id("tx-height"))));
    String page = browser.text(By.id("page"));
    assertTrue(page.contains("12.5 DDC") && page.contains("0.0001 DDC"), page);
    assertTrue(page.contains("rent <b>march</b>"), "the memo as text: " + page);
    browser.screenshot("explorer-tx-1280.png");

    browser.click(By.id("tx-height"));
    browser.await("the block page lists the transaction", () -> !browser.driver.findElements(
        By.cssSelector("table.xblocktxs tr[data-hash='" + hash.toHex() + "']")).isEmpty());
    assertTrue(browser.text(By.cssSelector("h1")).endsWith(" " + height));
    assertTrue(browser.text(By.id("page")).contains(node.validator().toString()),
        "the commit signers");
    browser.screenshot("explorer-block-1280.png");

    search(to.address().toString());
    browser.await("the account's proof checked",
        () -> "true".equals(attribute(By.id("account-proof"), "data-ok")));
    assertTrue(browser.text(By.id("account-proof")).contains("block "));
    assertEquals("12.5 DDC", browser.text(By.id("account-balance")));
    browser.await("the history lists the transfer", () -> !browser.driver.findElements(
        By.cssSelector("table.xhistory tr[data-hash='" + hash.toHex() + "']")).isEmpty());
    browser.screenshot("explorer-account-1280.png");
    browser.size(375, 812);
    browser.screenshot("explorer-account-375.png");
    browser.get(node.url() + "/#/explorer/tx/" + hash.toHex());
    browser.await("the tx page at 375", () -> "final".equals(browser.text(By.id("tx-status"))));
    browser.screenshot("explorer-tx-375.png");
    browser.size(1280, 900);

    // an absent account: its exclusion proof is checked too
    search(InProcessNode.freshKey().address().toString());
    browser.await("the absence proven",
        () -> "true".equals(attribute(By.id("account-proof"), "data-ok")));
    assertEquals("0 DDC", browser.text(By.id("account-balance")));

    // the home lists new transactions live
    browser.get(node.url() + "/#/explorer");
    browser.await("the home", () -> blockRows().size() >= 1);
    Hash second = sendTransfer(to, "");
    mine();
    browser.await("the new transaction on the home, live", () -> !browser.driver.findElements(
        By.cssSelector("table.xtxs tr[data-hash='" + second.toHex() + "']")).isEmpty());
    browser.assertNoConsoleProblems();
  }

  @Test
  void validatorsPageCountsTheDevValidatorsSignatures() throws Exception {
    for (int i = 0; i < BLOCKS_MINED; i++) mine();
    browser.get(node.url() + "/#/explorer/validators");
    String key = node.validator().toString();
    By signed = By.cssSelector("tr[data-key='" + key + "'] .xsigned");
    browser.await("the signing count", () -> attribute(signed, "data-signed") != null);
    assertTrue(Integer.parseInt(attribute(signed, "data-signed")) > 0);
    // a new block slides the window over /ws
    By window = By.id("validators-signing");
    long to = Long.parseLong(attribute(window, "data-to"));
    mine();
    browser.await("the window at the new block", () -> String.valueOf(to + 1)
        .equals(attribute(window, "data-to")));
    String row = browser.text(By.cssSelector("tr[data-key='" + key + "']"));
    assertTrue(row.contains("genesis") && row.contains("100.00 %") && row.contains("active"), row);
    browser.screenshot("explorer-validators-1280.png");
    browser.size(375, 812);
    browser.screenshot("explorer-validators-375.png");
    browser.click(By.cssSelector("[data-lang=ko]"));
    browser.await("the Korean validators page", () -> "검증자".equals(text(By.cssSelector("h1"))));
    browser.await("counted again", () -> attribute(signed, "data-signed") != null);
    browser.screenshot("explorer-validators-375-ko.png");
    browser.click(By.cssSelector("[data-lang=en]"));
    browser.size(1280, 900);

    // the header's height opens the head block
    browser.click(By.id("chain-height"));
    browser.await("the head block page", () -> text(By.cssSelector("h1")).matches("Block \\d+"));
    browser.assertNoConsoleProblems();
  }

  @Test
  void searchShowsWhatWasTypedAsTextOnly() throws Exception {
    browser.get(node.url() + "/#/explorer");
    search(XSS);
    browser.await("the not-found message", () -> browser.text(By.id("explorer-notfound")).contains(XSS));
    assertTrue(browser.driver.findElements(By.cssSelector("#page img")).isEmpty(), "no element made");
    assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    browser.screenshot("explorer-search-1280.png");

    search("ab".repeat(32));
    browser.await("an unknown hash named",
        () -> browser.text(By.id("explorer-notfound")).contains("ab".repeat(32)));
    search("1");
    browser.await("a height opens its block", () -> "Block 1".equals(text(By.cssSelector("h1"))));
    browser.assertNoConsoleProblems();
  }

  private void search(String text) {
    browser.type(By.id("explorer-q"), text);
    browser.click(By.id("explorer-search"));
  }

  private Hash sendTransfer(Ed25519KeyPair to, String memo) {
    return node.client().send(Transactions.transfer(node.chainId(), node.dev,
        node.pendingNonce(node.dev.address()), node.minFee(), node.height() + 1000, to.address(),
        AMOUNT_UNITS, memo));
  }

  /** Mines one block; its height. */
  private static long mine() {
    return node.client().call("dev_mine", 1).path("height").asLong();
  }

  /** An attribute of the first element {@code by} finds, null if none (or it was just replaced). */
  private String attribute(By by, String name) {
    try {
      List<WebElement> found = browser.driver.findElements(by);
      return found.isEmpty() ? null : found.get(0).getDomAttribute(name);
    } catch (StaleElementReferenceException replaced) {
      return null;
    }
  }

  /** The text of the first element {@code by} finds, "" if none (or it was just replaced). */
  private String text(By by) {
    try {
      return browser.text(by);
    } catch (StaleElementReferenceException replaced) {
      return "";
    }
  }

  private List<WebElement> blockRows() {
    return browser.driver.findElements(By.cssSelector("table.blocks tbody tr"));
  }

  private long topHeight() {
    List<WebElement> rows = blockRows();
    return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).getDomAttribute("data-height"));
  }
}
