package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The web app in headless Chromium against a real dev node in this JVM (docs/WEB.md): the Explorer
 * home loads with no console error and no CSP violation, shows the chain id, and its block list
 * grows live over the WebSocket. Screenshots at 1280 and 375 px go to target/web-screenshots/.
 */
class ExplorerWebIT {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  static final Path SCREENSHOTS = Path.of("target", "web-screenshots");

  @TempDir Path root;
  private InProcessNode node;
  private ChromeDriver driver;

  @BeforeEach
  void start() throws Exception {
    assertTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "install chromium and chromium-driver (.ci/run does: apt-get install -y chromium "
            + "chromium-driver)");
    node = InProcessNode.start(root);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
            "--disable-gpu", "--lang=en-US", "--window-size=1280,900",
            // the machine's network is closed: no background, update, sync or QUIC connections
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-quic");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() throws Exception {
    if (driver != null) {
      // what the page said, for a failure's report
      driver.manage().logs().get(LogType.BROWSER).getAll()
          .forEach(e -> System.err.println("browser: " + e.getLevel() + " " + e.getMessage()));
      screenshot("last.png");
      driver.quit();
    }
    if (node != null) node.close();
  }

  @Test
  void explorerShowsTheChainAndItsBlocksLive() throws Exception {
    driver.get(node.url() + "/");
    String chainId = node.node().ledger().params().chainId();
    Await.until("the chain id in the header", PAGE_TIMEOUT,
        () -> chainId.equals(text(By.id("chain-id"))));
    Await.until("the first blocks", PAGE_TIMEOUT, () -> blockRows().size() >= 2);
    long firstTop = topHeight();
    int firstCount = blockRows().size();
    Await.until("three more blocks, live", PAGE_TIMEOUT, () -> topHeight() >= firstTop + 3);
    assertTrue(blockRows().size() >= Math.min(firstCount + 1, 20), "the list grew");
    assertEquals("live", text(By.id("conn")));
    assertTrue(text(By.cssSelector("dl.status")).contains(chainId));
    screenshot("explorer-1280.png");
    driver.manage().window().setSize(new Dimension(375, 812));
    Thread.sleep(300); // one layout pass at the new width
    screenshot("explorer-375.png");
    driver.findElement(By.cssSelector("[data-lang=ko]")).click();
    Await.until("the Korean nav", PAGE_TIMEOUT,
        () -> "탐색기".equals(text(By.cssSelector("[data-route=explorer]"))));
    screenshot("explorer-375-ko.png");
    List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()
            || e.getMessage().contains("Content Security Policy"))
        .toList();
    assertEquals(List.of(), problems.stream().map(LogEntry::getMessage).toList(),
        "console errors or CSP violations");
  }

  private String text(By by) {
    List<WebElement> found = driver.findElements(by);
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  private List<WebElement> blockRows() {
    return driver.findElements(By.cssSelector("table.blocks tbody tr"));
  }

  private long topHeight() {
    List<WebElement> rows = blockRows();
    return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).getDomAttribute("data-height"));
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
  }
}
