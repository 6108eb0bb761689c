package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bcos send-many}: payments from options and a file make one multi-send; every bad input
 * is named before any key or node is used; a multi-send reads well in {@code bcos tx}, a block and
 * a recipient's history (no node: signed offline).
 */
class SendManyCommandTest {
  private static final String SENDER = address(1);
  private static final List<String> OFFLINE = List.of("--from", SENDER, "--sign-only",
      "--chain-id", "bcos-dev", "--nonce", "0", "--fee", "0.0003", "--expiry-height", "100");

  private static String address(int n) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) n;
    return Address.wrap(bytes).toString();
  }

  private static CoinMultiSend message(String... args) {
    SendManyCommand c = new SendManyCommand();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(OFFLINE);
    new CommandLine(c).parseArgs(all.toArray(String[]::new));
    return (CoinMultiSend) c.message();
  }

  private static String refused(String... args) {
    return assertThrows(CliException.class, () -> message(args)).reason();
  }

  @Test
  void answersHelp() {
    String out = NotaryCommandTest.captured(() -> assertEquals(0, BcosCli.run("send-many",
        "--help")));
    assertTrue(out.contains("Usage: bcos send-many") && out.contains("RECIPIENT=DDC"), out);
  }

  @Test
  void paymentsFromOptionsAndAFileMakeOneMultiSend(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("payroll.csv");
    Files.writeString(file, "# March\n" + address(4) + ", 0.00000001\n\n" + address(5)
        + ",1000\n");
    CoinMultiSend send = message("--to", address(2) + "=1.5", "--to", address(3) + " = 2",
        "--file", file.toString(), "--memo", "March");
    assertEquals(List.of(
        new CoinMultiSend.Output(Address.parse(address(2)), 150_000_000),
        new CoinMultiSend.Output(Address.parse(address(3)), 2 * Amount.UNITS_PER_DDC),
        new CoinMultiSend.Output(Address.parse(address(4)), 1),
        new CoinMultiSend.Output(Address.parse(address(5)), 1000 * Amount.UNITS_PER_DDC)),
        send.outputs());
    assertEquals("March", send.memo());
  }

  @Test
  void everyBadPaymentIsNamedBeforeSigning(@TempDir Path dir) throws Exception {
    assertEquals("NO_OUTPUTS", refused());
    assertEquals("DUPLICATE_RECIPIENT", refused("--to", address(2) + "=1", "--to",
        address(2) + "=2"));
    assertEquals("SELF_TRANSFER", refused("--to", SENDER + "=1"));
    assertEquals("AMOUNT_NOT_POSITIVE", refused("--to", address(2) + "=0"));
    assertEquals("INVALID_AMOUNT", refused("--to", address(2) + "=1.123456789"));
    assertEquals("INVALID_ARGUMENT", refused("--to", address(2)));
    assertEquals("MEMO_TOO_LONG", refused("--to", address(2) + "=1", "--memo", "x".repeat(257)));
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= CoinMultiSend.MAX_OUTPUTS; i++) {
      many.add("--to");
      many.add(address(10 + i) + "=1");
    }
    assertEquals("TOO_MANY_OUTPUTS", refused(many.toArray(String[]::new)));
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, address(2) + ",1\n" + address(3) + " 2\n");
    CliException e = assertThrows(CliException.class, () -> message("--file", bad.toString()));
    assertEquals("INVALID_ARGUMENT", e.reason());
    assertTrue(e.getMessage().contains("bad.csv line 2"), e.getMessage());
    assertEquals("INVALID_ARGUMENT", refused("--to", address(2) + "=1", "--file",
        dir.resolve("missing.csv").toString()));
  }

  @Test
  void aMultiSendReadsWellInTxBlockAndHistory() {
    ObjectNode tx = Output.object().put("type", "coin.multiSend").put("from", SENDER)
        .put("amount", "3.5").put("amountUnits", "350000000").put("outputCount", 2)
        .put("index", 0).put("fee", "0.0002").put("hash", "cd");
    tx.putArray("outputs").add(Output.object().put("to", address(2)).put("amount", "1.5"))
        .add(Output.object().put("to", address(3)).put("amount", "2"));
    String shown = printed(out -> BlockText.printTransaction(out, tx));
    assertTrue(shown.contains("amount:") && shown.contains("3.5 DDC"), shown);
    assertTrue(shown.contains("  " + address(3) + "  2 DDC"), shown);
    ObjectNode block = Output.object().put("height", 3).put("timeMillis", 0).put("txCount", 1);
    block.putArray("transactions").add(tx);
    assertTrue(printed(out -> BlockText.print(out, block)).contains("2 recipients"));
    assertEquals("2", BlockText.paidTo(tx, address(3)));
    assertEquals("2 recipients", BlockText.recipient(tx, "-"));
  }

  private static String printed(java.util.function.Consumer<PrintStream> print) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
