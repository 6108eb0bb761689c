package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * What holds on every page of the web app (docs/WEB.md "Safety and accessibility"): axe-core finds
 * no serious or critical WCAG 2.1 A/AA violation on any main page, in English and Korean; and the
 * recovery words typed into the wallet never leave the browser — Chromium's own network log of
 * every HTTP request and WebSocket frame the page sent holds none of them.
 */
class WebSafetyIT {
  /** The pages axe checks: every route of the nav and the forms behind them. */
  static final List<String> PAGES = List.of("#/explorer", "#/explorer/validators", "#/wallet",
      "#/wallet/import", "#/dvs", "#/dvs/delegations", "#/poll", "#/governance",
      "#/governance/params", "#/governance/upgrades");

  @TempDir static Path root;
  private static InProcessNode node;
  private WebBrowser browser;

  @BeforeAll
  static void startNode() throws Exception {
    node = InProcessNode.start(root);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) node.close();
  }

  @BeforeEach
  void open() {
    browser = WebBrowser.open("safety");
  }

  @AfterEach
  void close() {
    if (browser != null) browser.close();
  }

  @Test
  void everyMainPageHasNoSeriousAccessibilityViolation() throws Exception {
    // the check sees a real violation: an input with no label, added to the page for a moment
    browser.get(node.url() + "/#/explorer");
    browser.await("the explorer", () -> !browser.text(By.id("page")).isBlank());
    browser.driver.executeScript("const i = document.createElement('input'); i.id = 'unlabelled';"
        + " document.getElementById('page').append(i);");
    assertTrue(browser.seriousAccessibilityViolations().stream().anyMatch(v -> v.contains("#unlabelled")),
        "axe-core did not report an input without a label");
    List<String> found = new ArrayList<>();
    for (String lang : List.of("en", "ko")) {
      browser.get(node.url() + "/#/explorer");
      browser.click(By.cssSelector("[data-lang=" + lang + "]"));
      browser.await("the " + lang + " texts", () -> browser.driver
          .findElement(By.cssSelector("html")).getDomAttribute("lang").equals(lang));
      for (String page : PAGES) {
        browser.get(node.url() + "/" + page);
        browser.await("the page " + page, () -> !browser.text(By.id("page")).isBlank());
        Thread.sleep(500); // its first RPC answers
        for (String v : browser.seriousAccessibilityViolations()) found.add(lang + " " + page + " " + v);
      }
    }
    assertEquals(List.of(), found, "serious or critical accessibility violations (axe-core)");
    browser.assertNoConsoleProblems();
  }

  @Test
  void recoveryWordsNeverLeaveTheBrowser() {
    String words = node.devWords();
    String address = browser.unlock(node.url(), words, 0);
    browser.get(node.url() + "/#/wallet");
    browser.await("the wallet page", () -> !browser.text(By.id("page")).isBlank());
    browser.get(node.url() + "/#/explorer");
    browser.await("the explorer", () -> !browser.text(By.id("chain-height")).equals("…"));
    List<String> sent = browser.networkSent();
    // the log is real: it saw the page's RPC calls and its WebSocket subscription
    assertTrue(sent.stream().anyMatch(s -> s.startsWith("POST ") && s.contains("/rpc")), "no RPC call logged: " + sent);
    assertTrue(sent.stream().anyMatch(s -> s.startsWith("WS ") && s.contains("bcos_subscribe")), "no WebSocket frame logged: " + sent);
    String[] each = words.split(" ");
    for (String s : sent) {
      assertFalse(s.contains(words), "the words were sent: " + s);
      // no run of three consecutive words of the phrase either (in any spacing or JSON form)
      for (int i = 0; i + 3 <= each.length; i++) {
        String three = each[i] + ".{0,3}" + each[i + 1] + ".{0,3}" + each[i + 2];
        assertFalse(java.util.regex.Pattern.compile(three).matcher(s).find(), "words were sent: " + s);
      }
    }
    assertTrue(address.startsWith("dd1"));
    browser.assertNoConsoleProblems();
  }
}
