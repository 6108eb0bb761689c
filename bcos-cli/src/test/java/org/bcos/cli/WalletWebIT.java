package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bcos.types.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The wallet (docs/web/wallet.md) in headless Chromium against one dev node for the class: create
 * a key through the write-down check, receive from the dev key, send part back with the fee shown
 * and "final at height H", the history row, the payment request and its QR code (decoded by ZXing
 * from a screenshot), lock/unlock with a wrong passphrase, reveal; a fresh browser profile imports
 * the same words and sees the same address. Screenshots: target/web-screenshots/wallet-*.png.
 */
class WalletWebIT {
  static final String PASSPHRASE = "correct horse battery";
  static final long FUNDING_UNITS = 100_00000000L;

  @TempDir static Path root;
  static InProcessNode node;
  private WebBrowser browser;
  private WebBrowser other;

  @BeforeAll
  static void startNode() throws Exception {
    node = InProcessNode.start(root);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) node.close();
  }

  @AfterEach
  void closeBrowsers() {
    if (browser != null) browser.close();
    if (other != null) other.close();
  }

  @Test
  void createReceiveSendSeeHistoryAndImportTheSameWordsElsewhere() throws Exception {
    browser = WebBrowser.open("wallet");
    List<String> words = createThroughTheWriteDownCheck();
    String address = text(browser, By.id("wallet-account-address"));
    assertTrue(address.startsWith("dd1"), address);
    String stored = (String) browser.driver.executeScript("return localStorage.getItem('bcos.wallet.keys')");
    assertTrue(stored.contains(address) && stored.contains("\"version\":1"), stored);
    assertFalse(stored.contains(words.get(0) + " " + words.get(1)), "the words are stored encrypted");
    assertEquals("Main <b>key</b>", text(browser, By.cssSelector(".wallet-head h2")), "a label is text");

    node.fund(Address.parse(address), FUNDING_UNITS);
    browser.await("the balance after funding",
        () -> "100 DDC".equals(text(browser, By.id("wallet-balance"))));

    refusesBadInputByField(address);
    long height = sendBack();
    long expectedUnits = FUNDING_UNITS - 12_50000000L - node.minFee();
    browser.await("the balance after sending", () -> String.valueOf(expectedUnits)
        .equals(browser.find(By.id("wallet-balance")).getDomAttribute("data-units")));
    assertEquals(expectedUnits, node.balance(Address.parse(address)));
    browser.await("two history rows", () -> historyRows().size() == 2);
    String outRow = historyRows().get(0).getText();
    assertTrue(outRow.startsWith(height + " ") && outRow.contains("out") && outRow.contains("−12.5 DDC")
        && outRow.contains("0.0001 DDC"), outRow);
    assertTrue(historyRows().get(1).getText().contains("+100 DDC"), historyRows().get(1).getText());
    assertTrue(historyRows().get(0).getText().matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ.*"));

    List<String> sent = browser.networkSent(); // all the page sent since it opened (Chromium's log)
    assertTrue(sent.stream().anyMatch(b -> b.contains("bcos_sendRawTransaction")), sent.toString());
    for (String body : sent) {
      assertFalse(body.contains(PASSPHRASE), "the passphrase was sent: " + body);
      for (int i = 0; i + 1 < words.size(); i++) {
        assertFalse(body.contains(words.get(i) + " " + words.get(i + 1)), "words were sent: " + body);
      }
    }
    String uri = paymentRequestAndQr(address);
    sharedLinkOpensTheFilledSendForm(address);
    browser.driver.executeScript("window.scrollTo(0, 0)");
    browser.screenshot("wallet-account-1280.png");
    assertEquals(List.of(), browser.seriousAccessibilityViolations(), "axe-core on the account view");
    browser.size(375, 812);
    browser.driver.executeScript("window.scrollTo(0, 0)");
    browser.screenshot("wallet-account-375.png");
    scrollTo(".wallet-receive");
    browser.screenshot("wallet-receive-375.png");
    scrollTo(".wallet-history-card");
    browser.screenshot("wallet-history-375.png");
    browser.click(By.cssSelector("[data-lang=ko]"));
    browser.await("the Korean wallet", () -> "DDC 보내기".equals(text(browser, By.cssSelector(".wallet-send h2"))));
    browser.driver.executeScript("window.scrollTo(0, 0)");
    Thread.sleep(200); // one paint at the top before the screenshot
    browser.screenshot("wallet-account-375-ko.png");
    browser.click(By.cssSelector("[data-lang=en]"));
    browser.await("English again", () -> "Send DDC".equals(text(browser, By.cssSelector(".wallet-send h2"))));
    browser.size(1280, 900);
    lockUnlockAndReveal(address, words);
    browser.assertNoConsoleProblems();

    other = WebBrowser.open("wallet-import");
    importInAFreshProfile(address, words);
    assertEquals(node.dev.address().toString(), other.unlock(node.url(), node.devWords(), 0),
        "WebBrowser.unlock still unlocks without saving");
    assertTrue(uri.startsWith("bcos:" + address));
    other.assertNoConsoleProblems();
  }

  private List<String> createThroughTheWriteDownCheck() throws Exception {
    browser.get(node.url() + "/#/wallet/create");
    browser.await("24 words", () -> newWords().size() == 24);
    List<String> words = newWords().stream().map(WebElement::getText).toList();
    browser.screenshot("wallet-create-1280.png");
    assertEquals(List.of(), browser.seriousAccessibilityViolations(), "axe-core on the new words");
    browser.click(By.id("wallet-written"));
    List<WebElement> checks = browser.driver.findElements(By.cssSelector("input.wallet-check-word"));
    assertEquals(3, checks.size());
    int first = Integer.parseInt(checks.get(0).getDomAttribute("data-position"));
    for (WebElement check : checks) {
      check.sendKeys(words.get(Integer.parseInt(check.getDomAttribute("data-position")) - 1));
    }
    checks.get(0).clear();
    checks.get(0).sendKeys(words.get(first % 24)); // the next word: wrong
    browser.click(By.id("wallet-check-go"));
    browser.await("the wrong position named", () -> text(browser, By.id("wallet-error"))
        .equals("These positions do not match: " + first + ". Check your paper."));
    checks.get(0).clear();
    checks.get(0).sendKeys(words.get(first - 1));
    browser.click(By.id("wallet-check-go"));
    browser.type(By.id("wallet-label"), "Main <b>key</b>");
    browser.type(By.id("wallet-pass1"), "too short");
    browser.type(By.id("wallet-pass2"), "too short");
    browser.click(By.id("wallet-save-go"));
    browser.await("the minimum length named", () -> text(browser, By.id("wallet-error"))
        .equals("The passphrase needs at least 12 characters."));
    browser.type(By.id("wallet-pass1"), PASSPHRASE);
    browser.type(By.id("wallet-pass2"), PASSPHRASE + "!");
    browser.click(By.id("wallet-save-go"));
    browser.await("the mismatch named", () -> text(browser, By.id("wallet-error"))
        .equals("The two passphrases differ."));
    browser.type(By.id("wallet-pass1"), PASSPHRASE);
    browser.type(By.id("wallet-pass2"), PASSPHRASE);
    browser.click(By.id("wallet-save-go"));
    browser.await("the account view", () -> text(browser, By.id("wallet-account-address")).startsWith("dd1"));
    return words;
  }

  private void refusesBadInputByField(String address) {
    String dev = node.dev.address().toString();
    reviewExpectingError("dd1notanaddress", "1", "", "“To” is not a dd1… address");
    reviewExpectingError(dev, "1.123456789", "", "“Amount” is not a DDC amount");
    reviewExpectingError(dev, "1000", "", "“Amount” plus the fee (0.0001 DDC) is more than the balance (100 DDC).");
    reviewExpectingError(dev, "1", "x".repeat(257), "“Memo” is 257 bytes in UTF-8; the limit is 256.");
    assertEquals(0, node.pendingNonce(Address.parse(address)), "nothing was sent");
  }

  private void reviewExpectingError(String to, String amount, String memo, String error) {
    browser.type(By.id("wallet-to"), to);
    browser.type(By.id("wallet-amount"), amount);
    browser.type(By.id("wallet-memo"), memo);
    browser.click(By.id("wallet-review"));
    browser.await("the error: " + error, () -> text(browser, By.id("wallet-send-error")).startsWith(error));
    assertTrue(browser.driver.findElements(By.id("wallet-send")).isEmpty(), "no confirm step");
  }

  private long sendBack() throws Exception {
    browser.type(By.id("wallet-to"), node.dev.address().toString());
    browser.type(By.id("wallet-amount"), "12.5");
    browser.type(By.id("wallet-memo"), "thanks <img src=x onerror=alert(1)>");
    browser.click(By.id("wallet-review"));
    browser.await("the node's check", () -> "The node would accept it."
        .equals(text(browser, By.id("wallet-node-check"))));
    String confirm = text(browser, By.cssSelector(".wallet-confirm-list"));
    assertTrue(confirm.contains("Fee\n0.0001 DDC") && confirm.contains("Total\n12.5001 DDC")
        && confirm.contains("Balance after\n87.4999 DDC"), confirm);
    browser.screenshot("wallet-confirm-1280.png");
    assertEquals(List.of(), browser.seriousAccessibilityViolations(), "axe-core on the confirm step");
    browser.click(By.id("wallet-send"));
    browser.await("final at height H", () -> text(browser, By.id("wallet-final")).startsWith("Final at height "));
    WebElement final_ = browser.find(By.id("wallet-final"));
    long height = Long.parseLong(final_.getDomAttribute("data-height"));
    assertEquals("Final at height " + height, final_.getText());
    assertEquals("#/explorer/block/" + height,
        final_.findElement(By.tagName("a")).getDomAttribute("href"));
    String txHref = browser.find(By.cssSelector("#wallet-status a.mono")).getDomAttribute("href");
    assertTrue(txHref.startsWith("#/explorer/tx/"), txHref);
    browser.await("the sent transaction first in the history", () -> !historyRows().isEmpty()
        && txHref.endsWith(historyRows().get(0).getDomAttribute("data-hash")));
    return height;
  }

  private String paymentRequestAndQr(String address) throws Exception {
    browser.type(By.id("wallet-req-amount"), "1.123456789");
    browser.await("the bad requested amount named", () -> text(browser, By.id("wallet-req-error"))
        .startsWith("“Amount” is not a DDC amount"));
    assertEquals("", text(browser, By.id("wallet-uri")), "no stale payment request");
    assertTrue(browser.driver.findElements(By.id("wallet-qr")).isEmpty(), "no stale QR code");
    browser.type(By.id("wallet-req-amount"), "3.25");
    browser.type(By.id("wallet-req-memo"), "rent & 月");
    String uri = "bcos:" + address + "?amount=3.25&memo=rent%20%26%20%E6%9C%88";
    browser.await("the payment request", () -> uri.equals(text(browser, By.id("wallet-uri"))));
    browser.driver.executeScript("arguments[0].scrollIntoView()", browser.find(By.id("wallet-qr")));
    byte[] png = browser.find(By.id("wallet-qr")).getScreenshotAs(OutputType.BYTES);
    assertEquals(uri, decodeQr(png), "ZXing reads the URI from the drawn QR code");
    return uri;
  }

  private void sharedLinkOpensTheFilledSendForm(String address) {
    browser.click(By.id("wallet-share"));
    browser.await("the send route", () -> browser.driver.getCurrentUrl().contains("#/wallet/send?"));
    browser.await("the filled form", () -> address.equals(browser.find(By.id("wallet-to")).getDomProperty("value")));
    assertEquals("3.25", browser.find(By.id("wallet-amount")).getDomProperty("value"));
    assertEquals("rent & 月", browser.find(By.id("wallet-memo")).getDomProperty("value"));
  }

  private void lockUnlockAndReveal(String address, List<String> words) throws Exception {
    browser.get(node.url() + "/#/wallet");
    browser.driver.navigate().refresh(); // a reload: the session is gone, the stored key is not
    WebElement item = browser.find(By.cssSelector("li.wallet-key[data-address='" + address + "']"));
    item.findElement(By.cssSelector("button.wallet-unlock")).click();
    browser.type(By.id("wallet-passphrase"), "not the passphrase");
    browser.click(By.id("wallet-passphrase-go"));
    browser.await("the wrong passphrase named", () -> "Wrong passphrase: this key did not open."
        .equals(text(browser, By.id("wallet-error"))));
    browser.screenshot("wallet-keys-1280.png");
    assertEquals(List.of(), browser.seriousAccessibilityViolations(), "axe-core on the key list");
    browser.find(By.cssSelector("button.wallet-reveal")).click();
    browser.type(By.id("wallet-passphrase"), PASSPHRASE);
    browser.click(By.id("wallet-passphrase-go"));
    browser.await("the revealed words", () -> browser.driver.findElements(By.cssSelector("#wallet-revealed-words li")).size() == 24);
    assertEquals(words, browser.driver.findElements(By.cssSelector("#wallet-revealed-words li")).stream()
        .map(WebElement::getText).toList());
    browser.find(By.cssSelector("button.wallet-unlock")).click();
    browser.type(By.id("wallet-passphrase"), PASSPHRASE);
    browser.click(By.id("wallet-passphrase-go"));
    browser.await("unlocked again", () -> address.equals(text(browser, By.id("wallet-account-address"))));
    browser.click(By.id("wallet-lock"));
    browser.find(By.cssSelector("li.wallet-key"));
  }

  private void importInAFreshProfile(String address, List<String> words) throws Exception {
    other.get(node.url() + "/#/wallet");
    other.await("no key kept", () -> text(other, By.id("wallet-keys")).isEmpty()
        && !other.driver.findElements(By.id("wallet-go-import")).isEmpty());
    other.click(By.id("wallet-go-import"));
    other.type(By.id("wallet-words"), String.join(" ", words));
    other.click(By.id("wallet-import-save"));
    other.type(By.id("wallet-import-label"), "Imported");
    other.type(By.id("wallet-import-pass1"), PASSPHRASE);
    other.type(By.id("wallet-import-pass2"), PASSPHRASE);
    other.click(By.id("wallet-import"));
    other.await("the imported address", () -> address.equals(text(other, By.id("wallet-address"))));
    other.click(By.id("wallet-open-account"));
    other.await("the same balance", () -> text(other, By.id("wallet-balance")).equals("87.4999 DDC"));
    other.screenshot("wallet-import-account-1280.png");
    other.click(By.id("wallet-lock"));
    other.find(By.cssSelector("li.wallet-key button.wallet-delete")).click();
    other.click(By.id("wallet-delete-go"));
    other.await("the key deleted", () -> other.driver.findElements(By.cssSelector("li.wallet-key")).isEmpty());
    assertTrue(text(other, By.cssSelector(".wallet-keys-card")).contains("No key is kept in this browser yet."));
    assertEquals("[]", other.driver.executeScript("return localStorage.getItem('bcos.wallet.keys')"));
  }

  /** The element's text; "" while the page is replacing it (a re-render between find and read). */
  private static String text(WebBrowser b, By by) {
    try {
      return b.text(by);
    } catch (StaleElementReferenceException e) {
      return "";
    }
  }

  private void scrollTo(String css) throws InterruptedException {
    browser.driver.executeScript("arguments[0].scrollIntoView()", browser.find(By.cssSelector(css)));
    Thread.sleep(200); // one paint at the new position before the screenshot
  }

  private List<WebElement> newWords() {
    return browser.driver.findElements(By.cssSelector("#wallet-new-words li"));
  }

  private List<WebElement> historyRows() {
    return browser.driver.findElements(By.cssSelector("table.wallet-history tbody tr"));
  }

  /** The text of the QR code in a PNG, read by ZXing (an implementation independent of lib/qr.js). */
  static String decodeQr(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    var source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
        Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.CHARACTER_SET, "UTF-8")).getText();
  }
}
