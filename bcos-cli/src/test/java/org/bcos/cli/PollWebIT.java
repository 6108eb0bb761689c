package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Mnemonic;
import org.bcos.types.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The poll designer and the delegations page in headless Chromium against one dev node
 * (docs/web/poll.md): as dev, create a weighted community, upload a CSV roll of dev1..dev3 with
 * weights and regions, create a Schulze issue whose options carry markup (shown as text, never
 * run), check all of it on the node over RPC and open the share link; then as dev1 delegate to
 * dev2, and as dev2 see the delegated weight and the graph. Screenshots poll-*.png and
 * delegation-*.png (1280, 375, Korean).
 */
class PollWebIT {
  private static final String XSS_SCRIPT = "<script>alert(1)</script>";
  private static final String XSS_IMG = "<img src=x onerror=alert(1)>";
  private static final long TEN_DDC = 1_000_000_000L;

  @TempDir static Path root;
  private static InProcessNode node;
  private static WebBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    browser = WebBrowser.open("poll");
    node = InProcessNode.start(root);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (node != null) node.close();
  }

  private static Address dev(int account) {
    return Mnemonic.toKeyPair(node.devWords(), account).address();
  }

  private static void go(String hash) {
    browser.driver.executeScript("location.hash = arguments[0]", hash);
  }

  private static void scrollTo(By by) throws InterruptedException {
    browser.driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", browser.find(by));
    Thread.sleep(100);
  }

  private static void awaitDone(String planId) {
    browser.await(planId + " to be final", () -> {
      String s = browser.find(By.id(planId)).getDomAttribute("data-state");
      if ("failed".equals(s)) {
        throw new AssertionError(planId + " failed: " + browser.text(By.id(planId)));
      }
      return "done".equals(s);
    });
  }

  /** Shows the review, checks each transaction names its fee, confirms, waits for "final". */
  private static void confirm(String planId, int transactions) {
    browser.await(planId + " review", () -> "review".equals(
        browser.find(By.id(planId)).getDomAttribute("data-state")));
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#" + planId + " li"));
    assertEquals(transactions, rows.size(), planId + " transactions");
    for (WebElement r : rows) assertTrue(r.getText().matches("(?s).*fee [0-9.,]+ DDC.*"), r.getText());
    browser.click(By.id(planId + "-confirm"));
    awaitDone(planId);
    for (WebElement r : browser.driver.findElements(By.cssSelector("#" + planId + " li"))) {
      assertTrue(r.getText().matches("(?s).*final at height [0-9]+.*"), r.getText());
    }
  }

  @Test
  void designAPollThenDelegateAndSeeTheWeight() throws Exception {
    Address dev1 = dev(1);
    Address dev2 = dev(2);
    Address dev3 = dev(3);
    node.fund(dev1, TEN_DDC);

    browser.get(node.url() + "/#/poll");
    browser.await("the wallet link without a key",
        () -> !browser.driver.findElements(By.cssSelector("#poll-need-key a[href='#/wallet']")).isEmpty());
    String devAddress = browser.unlock(node.url(), node.devWords(), 0);
    assertEquals(node.dev.address().toString(), devAddress);
    go("#/poll");

    // 1. a weighted community
    browser.type(By.id("poll-c-name"), "Busan AGM " + XSS_IMG);
    browser.find(By.cssSelector("#poll-c-electorate option[value=weighted]")).click();
    browser.type(By.id("poll-c-voting"), "500");
    browser.type(By.id("poll-c-min-cell"), "1");
    browser.click(By.id("poll-c-review"));
    confirm("poll-c-plan", 1);
    browser.await("the chosen community", () -> !browser.text(By.id("poll-community")).isEmpty());
    long community = Long.parseLong(browser.find(By.id("poll-community")).getDomAttribute("data-id"));
    assertTrue(browser.text(By.id("poll-community")).contains("Busan AGM " + XSS_IMG));

    // 2. areas and the regions; 3. the roll from a CSV file (and one bad paste first)
    browser.type(By.id("poll-areas"), "Transport");
    browser.click(By.id("poll-a-review"));
    confirm("poll-a-plan", 1);
    // a nested area: Trams under Transport, named by its path where areas are chosen
    browser.await("Transport offered as a parent", () -> browser.text(By.id("poll-a-parent"))
        .contains("Transport"));
    new Select(browser.find(By.id("poll-a-parent"))).selectByVisibleText("Transport");
    browser.type(By.id("poll-areas"), "Trams");
    browser.click(By.id("poll-a-review"));
    confirm("poll-a-plan", 1);
    JsonNode areas = node.client().call("dvs_listAreas", community).path("areas");
    assertEquals("Trams", areas.get(2).path("name").asText(), areas.toString());
    assertEquals(areas.get(1).path("id").asLong(), areas.get(2).path("parent").asLong());
    browser.await("the path in the issue form", () -> browser.text(By.id("poll-i-area"))
        .contains("Transport › Trams"));
    browser.type(By.id("poll-regions"), "KR-11, KR-26");
    browser.type(By.id("poll-m-csv"), dev1 + ",x,KR-11\n" + dev1 + ",3,Atlantis");
    browser.click(By.id("poll-m-check"));
    browser.await("the CSV errors", () -> browser.text(By.id("poll-m-errors")).contains("row 2"));
    String errors = browser.text(By.id("poll-m-errors"));
    assertTrue(errors.contains("row 1, column weight") && errors.contains("row 2, column address")
        && errors.contains("row 2, column region"), errors);
    Path csv = root.resolve("members.csv");
    Files.writeString(csv, "\uFEFFaddress,weight,region,label\r\n" + dev1 + ",10,KR-11,\"Kim, "
        + XSS_IMG + "\"\r\n" + dev2 + ",20,KR-26,Lee\r\n" + dev3 + ",30,KR-26,\r\n",
        StandardCharsets.UTF_8);
    browser.driver.findElement(By.id("poll-m-file")).sendKeys(csv.toAbsolutePath().toString());
    browser.await("the uploaded CSV", () -> browser.find(By.id("poll-m-csv")).getDomProperty("value")
        .contains(dev3.toString()));
    browser.click(By.id("poll-m-check"));
    confirm("poll-m-plan", 6);
    assertTrue(browser.text(By.id("poll-m-table")).contains("Kim, " + XSS_IMG));
    scrollTo(By.id("poll-m-table"));
    browser.screenshot("poll-members-1280.png");

    // 4. a Schulze issue with markup in its options, and its share link
    browser.await("the issue form", () -> !browser.driver.findElements(By.id("poll-i-options")).isEmpty());
    List<String> options = List.of("Tram " + XSS_SCRIPT, XSS_IMG, "Buses");
    browser.type(By.id("poll-i-options"), String.join("\n", options));
    browser.find(By.cssSelector("#poll-i-method option[value=SCHULZE]")).click();
    browser.click(By.id("poll-i-review"));
    confirm("poll-i-plan", 1);
    browser.await("the share link", () -> !browser.driver.findElements(By.id("poll-share")).isEmpty());
    String href = browser.find(By.id("poll-share")).getDomAttribute("href");
    assertTrue(href.matches("#/dvs/issue/[0-9]+"), href);
    long issue = Long.parseLong(href.substring(href.lastIndexOf('/') + 1));
    assertEquals(options, texts(By.cssSelector("#poll-i-preview li")));
    assertTrue(browser.driver.findElements(By.cssSelector("#page img, #page script")).isEmpty(),
        "markup from people is text, never elements");
    browser.click(By.id("poll-share-copy"));
    browser.screenshot("poll-1280.png");
    browser.size(375, 812);
    scrollTo(By.id("poll-share-box"));
    browser.screenshot("poll-375.png");
    browser.size(1280, 900);

    // the node has all of it
    JsonNode c = node.client().call("dvs_getCommunity", community);
    assertEquals("Busan AGM " + XSS_IMG, c.path("name").asText());
    assertEquals("weighted", c.path("params").path("electorate").asText());
    assertEquals(500, c.path("params").path("votingBlocks").asLong());
    assertEquals(3, c.path("members").asLong());
    assertEquals(60, c.path("totalWeight").asLong());
    assertEquals(3, c.path("areas").asLong()); // root, Transport, Trams
    JsonNode members = node.client().call("dvs_listMembers", community).path("members");
    List<String> roll = new ArrayList<>();
    for (JsonNode m : members) {
      roll.add(m.path("address").asText() + " " + m.path("weight").asLong() + " "
          + m.path("region").asText());
    }
    assertEquals(List.of(dev1 + " 10 KR-11", dev2 + " 20 KR-26", dev3 + " 30 KR-26").stream()
        .sorted().toList(), roll.stream().sorted().toList());
    JsonNode i = node.client().call("dvs_getIssue", issue);
    assertEquals(community, i.path("community").asLong());
    assertEquals("SCHULZE", i.path("rules").path("method").asText());
    assertEquals("VOTING", i.path("phase").asText());
    List<String> stored = new ArrayList<>();
    for (JsonNode o : i.path("options")) stored.add(o.path("text").asText());
    assertEquals(options, stored);

    browser.click(By.id("poll-share"));
    browser.await("the issue page", () -> browser.driver.getCurrentUrl().endsWith("#/dvs/issue/" + issue));
    assertTrue(browser.driver.findElements(By.cssSelector("#page img, #page script")).isEmpty());
    browser.assertNoConsoleProblems();

    // dev1 delegates to dev2
    browser.unlock(node.url(), node.devWords(), 1);
    go("#/dvs/delegations?community=" + community);
    browser.type(By.id("delegation-to"), dev2.toString());
    browser.click(By.id("delegation-go"));
    browser.await("the fee offered", () -> browser.text(By.cssSelector("label[for='delegation-send-fee']"))
        .contains("DDC"));
    browser.click(By.id("delegation-send-fee"));
    browser.click(By.id("delegation-send-confirm"));
    browser.await("the delegation final", () -> browser.text(By.id("delegation-send-status"))
        .matches("Final at height \\d+\\."));
    browser.await("my delegation listed", () -> browser.text(By.id("delegation-given")).contains(dev2.toString()));
    browser.screenshot("delegation-given-1280.png");
    JsonNode given = node.client().call("dvs_listDelegations", community, dev1.toString());
    assertEquals(dev2.toString(), given.path("delegations").get(0).path("to").asText());
    assertEquals("COMMUNITY", given.path("delegations").get(0).path("scope").asText());

    // dev2 sees the weight and the graph
    browser.unlock(node.url(), node.devWords(), 2);
    go("#/dvs/delegations?community=" + community);
    browser.await("the received weight", () -> "10".equals(
        browser.find(By.id("delegation-received-total")).getDomAttribute("data-weight")));
    assertTrue(browser.text(By.id("delegation-received")).contains(dev1.toString()));
    browser.await("the graph", () -> browser.driver.findElements(
        By.cssSelector("#delegation-graph .delegation-node")).size() == 2);
    assertEquals(1, browser.driver.findElements(By.cssSelector("#delegation-graph .delegation-edge")).size());
    assertEquals(dev2.toString(), browser.find(By.cssSelector("#delegation-graph .delegation-node.me"))
        .getDomAttribute("data-address"));
    scrollTo(By.id("delegation-received-total"));
    browser.screenshot("delegation-1280.png");
    browser.size(375, 812);
    scrollTo(By.id("delegation-graph"));
    browser.screenshot("delegation-375.png");
    browser.click(By.cssSelector("[data-lang=ko]"));
    browser.await("the Korean page", () -> heading().equals("위임"));
    browser.await("the Korean graph", () -> !browser.driver.findElements(By.id("delegation-graph")).isEmpty());
    scrollTo(By.id("delegation-body"));
    browser.screenshot("delegation-375-ko.png");
    browser.size(1280, 900);
    go("#/poll?community=" + community);
    browser.await("the Korean designer", () -> heading().equals("투표 만들기"));
    browser.await("the community", () -> !browser.text(By.id("poll-community")).isEmpty());
    browser.screenshot("poll-1280-ko.png");
    browser.click(By.cssSelector("[data-lang=en]"));
    browser.assertNoConsoleProblems();
  }

  /** The page's heading; "" while the page is being rebuilt (a language switch renders it anew). */
  private static String heading() {
    try {
      return browser.text(By.cssSelector("#page h1"));
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return "";
    }
  }

  private static List<String> texts(By by) {
    return browser.driver.findElements(by).stream().map(WebElement::getText).toList();
  }
}
