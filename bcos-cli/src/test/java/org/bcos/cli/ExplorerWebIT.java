package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web app in headless Chromium against a real dev node in this JVM (docs/WEB.md): the Explorer
 * home loads with no console error and no CSP violation, shows the chain id, and its block list
 * grows live over the WebSocket. Screenshots at 1280 and 375 px go to target/web-screenshots/.
 */
class ExplorerWebIT {
  @TempDir Path root;
  private InProcessNode node;
  private WebBrowser browser;

  @BeforeEach
  void start() throws Exception {
    browser = WebBrowser.open("explorer");
    node = InProcessNode.start(root);
  }

  @AfterEach
  void stop() {
    if (browser != null) browser.close();
    if (node != null) node.close();
  }

  @Test
  void explorerShowsTheChainAndItsBlocksLive() throws Exception {
    browser.get(node.url() + "/");
    String chainId = node.node().ledger().params().chainId();
    browser.await("the chain id in the header", () -> chainId.equals(browser.text(By.id("chain-id"))));
    browser.await("the first blocks", () -> blockRows().size() >= 2);
    long firstTop = topHeight();
    int firstCount = blockRows().size();
    browser.await("three more blocks, live", () -> topHeight() >= firstTop + 3);
    assertTrue(blockRows().size() >= Math.min(firstCount + 1, 20), "the list grew");
    assertEquals("live", browser.text(By.id("conn")));
    assertTrue(browser.text(By.cssSelector("dl.status")).contains(chainId));
    browser.screenshot("explorer-1280.png");
    browser.size(375, 812);
    browser.screenshot("explorer-375.png");
    browser.click(By.cssSelector("[data-lang=ko]"));
    browser.await("the Korean nav",
        () -> "탐색기".equals(browser.text(By.cssSelector("[data-route=explorer]"))));
    browser.screenshot("explorer-375-ko.png");
    browser.assertNoConsoleProblems();
  }

  @Test
  void theDevWordsUnlockTheDevAddressInTheBrowser() {
    String address = browser.unlock(node.url(), node.devWords(), 0);
    assertEquals(node.dev.address().toString(), address);
    assertEquals(address, browser.find(By.id("signer")).getDomAttribute("title"));
    browser.assertNoConsoleProblems();
  }

  private List<WebElement> blockRows() {
    return browser.driver.findElements(By.cssSelector("table.blocks tbody tr"));
  }

  private long topHeight() {
    List<WebElement> rows = blockRows();
    return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).getDomAttribute("data-height"));
  }
}
