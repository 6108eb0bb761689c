package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
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
    logs.enable(LogType.PERFORMANCE, Level.ALL); // the network events, for networkSent()
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

  /**
   * Waits until {@code condition} holds, failing with {@code what} after PAGE_TIMEOUT; an element
   * that went stale while the condition read it counts as "not yet".
   */
  void await(String what, BooleanSupplier condition) {
    try {
      // pages redraw parts of themselves each block: an element found a moment ago may be gone
      Await.until(what, PAGE_TIMEOUT, () -> {
        try {
          return condition.getAsBoolean();
        } catch (StaleElementReferenceException redrawn) {
          return false;
        }
      });
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

  /**
   * Everything the page sent over the network since the last call: each HTTP request's method,
   * URL and body (when Chromium records it) and each WebSocket frame the page sent, one string
   * each, from Chromium's performance log (Network.requestWillBeSent, webSocketFrameSent).
   */
  List<String> networkSent() {
    ArrayList<String> sent = new ArrayList<>();
    for (JsonNode m : performanceLog()) {
      String method = m.path("method").asText();
      JsonNode p = m.path("params");
      if (method.equals("Network.requestWillBeSent")) {
        JsonNode r = p.path("request");
        StringBuilder b = new StringBuilder(r.path("method").asText()).append(' ')
            .append(r.path("url").asText());
        if (r.has("postData")) b.append(' ').append(r.path("postData").asText());
        for (JsonNode entry : r.path("postDataEntries")) {
          b.append(' ').append(entry.path("bytes").asText());
        }
        sent.add(b.toString());
      } else if (method.equals("Network.webSocketFrameSent")) {
        sent.add("WS " + p.path("response").path("payloadData").asText());
      }
    }
    return sent;
  }

  /**
   * What the page loaded over HTTP since the log was last read: responses, bytes on the wire
   * (Chromium's encodedDataLength, headers included) and after decoding, and the URLs that came
   * with and without {@code Content-Encoding: gzip}.
   */
  record Loaded(int responses, long wireBytes, long decodedBytes, List<String> gzipped,
      List<String> plain) {}

  Loaded loaded() {
    int responses = 0;
    long wire = 0;
    long decoded = 0;
    List<String> gzipped = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    for (JsonNode m : performanceLog()) {
      JsonNode p = m.path("params");
      switch (m.path("method").asText()) {
        case "Network.responseReceived" -> {
          JsonNode r = p.path("response");
          if (!r.path("url").asText().startsWith("http")) break;
          responses++;
          boolean gz = false;
          for (var h : r.path("headers").properties()) {
            gz |= h.getKey().equalsIgnoreCase("Content-Encoding")
                && h.getValue().asText().equals("gzip");
          }
          (gz ? gzipped : plain).add(r.path("url").asText());
        }
        case "Network.loadingFinished" -> wire += p.path("encodedDataLength").asLong();
        case "Network.dataReceived" -> decoded += p.path("dataLength").asLong();
        default -> { }
      }
    }
    return new Loaded(responses, wire, decoded, gzipped, plain);
  }

  /** The DevTools events of Chromium's performance log since it was last read, in order. */
  private List<JsonNode> performanceLog() {
    List<JsonNode> out = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
      try {
        out.add(JSON.readTree(e.getMessage()).path("message"));
      } catch (JsonProcessingException bad) {
        throw new AssertionError("unreadable performance log entry: " + e.getMessage(), bad);
      }
    }
    return out;
  }

  private static final ObjectMapper JSON =
      new ObjectMapper();

  /**
   * Runs axe-core (test resource, docs in its README) on the current page and returns its
   * violations of impact "serious" or "critical" as "rule: target" lines.
   */
  List<String> seriousAccessibilityViolations() throws Exception {
    String axe;
    try (InputStream in = WebBrowser.class.getResourceAsStream("axe/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
      driver.executeScript(axe + "\n;return true;");
    }
    Object result = driver.executeAsyncScript(String.join("\n",
        "const done = arguments[arguments.length - 1];",
        "const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];",
        "axe.run(document, {runOnly: {type: 'tag', values: tags}}).then((r) => {",
        "  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');",
        "  const lines = [];",
        "  for (const v of bad) for (const n of v.nodes) {",
        "    lines.push(v.id + ': ' + n.target.join(' ') + ' - ' + (n.failureSummary || '').replace(/\\s+/g, ' '));",
        "  }",
        "  done(JSON.stringify(lines));",
        "}, (e) => done(JSON.stringify(['axe failed: ' + e])));"));
    ArrayList<String> out = new ArrayList<>();
    for (JsonNode n : JSON.readTree(String.valueOf(result))) {
      out.add(n.asText());
    }
    return out;
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
