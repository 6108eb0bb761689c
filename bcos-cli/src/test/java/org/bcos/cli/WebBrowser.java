package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
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
 * One headless Chromium (Debian's chromium and chromium-driver) for the web app's browser tests
 * (docs/WEB.md): its own profile, the page's console kept for the report, screenshots into
 * target/web-screenshots/, and the helpers every web IT needs. Close it in {@code @AfterEach}.
 */
final class WebBrowser implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  static final Path SCREENSHOTS = Path.of("target", "web-screenshots");

  final ChromeDriver driver;
  private final String name;

  /** A browser named {@code name} (screenshot prefix on close) at 1280×900, English. */
  static WebBrowser open(String name) {
    assertTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "install chromium and chromium-driver (.ci/run does: apt-get install -y chromium "
            + "chromium-driver)");
    return new WebBrowser(name);
  }

  private WebBrowser(String name) {
    this.name = name;
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

  /** Opens {@code url} (e.g. node.url() + "/#/wallet"). */
  WebBrowser get(String url) {
    driver.get(url);
    return this;
  }

  /** Waits until {@code condition} holds, failing with {@code what} after PAGE_TIMEOUT. */
  void await(String what, BooleanSupplier condition) {
    try {
      Await.until(what, PAGE_TIMEOUT, condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }

  /** The visible text of the first element {@code by} finds, "" when none. */
  String text(By by) {
    List<WebElement> found = driver.findElements(by);
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  /** The first element {@code by} finds, once it is there. */
  WebElement find(By by) {
    await("an element " + by, () -> !driver.findElements(by).isEmpty());
    return driver.findElement(by);
  }

  /** Clears the field {@code by} and types {@code text} into it. */
  void type(By by, String text) {
    WebElement e = find(by);
    e.clear();
    e.sendKeys(text);
  }

  void click(By by) {
    find(by).click();
  }

  /**
   * Unlocks account {@code account} of {@code words} in this browser's tab through the wallet's
   * import form ({@code #/wallet/import} of {@code baseUrl}); returns the dd1… address shown.
   */
  String unlock(String baseUrl, String words, int account) {
    get(baseUrl + "/#/wallet/import");
    type(By.id("wallet-words"), words);
    type(By.id("wallet-account"), Integer.toString(account));
    click(By.id("wallet-import"));
    await("the unlocked address", () -> text(By.id("wallet-address")).startsWith("dd1"));
    return text(By.id("wallet-address"));
  }

  /** Resizes the window (375×812 for a phone). */
  void size(int width, int height) throws InterruptedException {
    driver.manage().window().setSize(new Dimension(width, height));
    Thread.sleep(300); // one layout pass at the new size
  }

  /** Saves a screenshot as target/web-screenshots/{@code file}. */
  void screenshot(String file) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Fails if the console logged a warning or error, or a CSP violation, since the last read. */
  void assertNoConsoleProblems() {
    List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()
            || e.getMessage().contains("Content Security Policy"))
        .map(LogEntry::getMessage).toList();
    assertEquals(List.of(), problems, "console errors or CSP violations");
  }

  /** Prints what the page logged (for a failure's report), saves {name}-last.png, quits. */
  @Override
  public void close() {
    try {
      driver.manage().logs().get(LogType.BROWSER).getAll()
          .forEach(e -> System.err.println(name + " browser: " + e.getLevel() + " "
              + e.getMessage()));
      screenshot(name + "-last.png");
    } catch (Exception e) {
      System.err.println(name + ": no last screenshot: " + e.getMessage());
    } finally {
      driver.quit();
    }
  }
}
