package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bcos send-many}: pay several recipients in one transaction ({@code coin.multiSend},
 * protocol version 5), all or nothing, from {@code --to NAME=DDC} options and/or a {@code --file}
 * of {@code recipient,amount} lines. Every output is checked before the key is unlocked; online,
 * the balance and the chain's {@code maxMultiSendOutputs} too.
 */
@Command(name = "send-many", description = "Pay several recipients in one transaction (all or"
    + " nothing; protocol version 5); waits until it is final")
final class SendManyCommand extends TxCommand {
  /** Largest payments file read, in bytes (40 lines of address and amount fit in 4 KiB). */
  static final int MAX_FILE_BYTES = 64 * 1024;

  @Option(names = "--to", paramLabel = "RECIPIENT=DDC", description = "a payment: dd1… address"
      + " or key name, '=', DDC amount (repeat for each recipient)") List<String> to =
      new ArrayList<>();
  @Option(names = "--file", paramLabel = "CSV", description = "payments, one 'recipient,amount'"
      + " line each (# comments and blank lines ignored), after any --to") Path file;
  @Option(names = "--memo", defaultValue = "", description = "up to 256 bytes of text, for all"
      + " payments") String memo;

  private CoinMultiSend send;

  /** The input is checked here, before the key is unlocked: a typo never costs a passphrase. */
  @Override
  Message message() {
    List<String[]> lines = new ArrayList<>();
    for (String t : to) lines.add(split(t, "=", "--to " + t));
    if (file != null) lines.addAll(readFile(file));
    send = build(lines, Keys.resolve(tx.from), memo);
    if (mayAskNode()) checkAgainstNode(send);
    return send;
  }

  /** The multi-send of {@code lines} (label, recipient, amount), checked as the ledger will. */
  static CoinMultiSend build(List<String[]> lines, Address sender, String memo) {
    if (lines.isEmpty()) {
      throw new CliException("NO_OUTPUTS", "give at least one --to RECIPIENT=DDC or a --file");
    }
    if (lines.size() > CoinMultiSend.MAX_OUTPUTS) {
      throw new CliException("TOO_MANY_OUTPUTS", lines.size() + " payments; one transaction"
          + " holds at most " + CoinMultiSend.MAX_OUTPUTS + ": split them");
    }
    if (memo.getBytes(StandardCharsets.UTF_8).length > CoinTransfer.MAX_MEMO_BYTES) {
      throw new CliException("MEMO_TOO_LONG", "--memo: at most " + CoinTransfer.MAX_MEMO_BYTES
          + " bytes");
    }
    TreeMap<Address, String> seen = new TreeMap<>();
    List<CoinMultiSend.Output> outputs = new ArrayList<>();
    for (String[] line : lines) {
      Address recipient = Keys.resolve(line[1]);
      long units = SendCommand.parseAmount(line[2], line[0]);
      if (units <= 0) {
        throw new CliException("AMOUNT_NOT_POSITIVE", line[0] + ": the amount must be above 0");
      }
      if (recipient.equals(sender)) {
        throw new CliException("SELF_TRANSFER", line[0] + ": pays the sender itself");
      }
      String before = seen.putIfAbsent(recipient, line[0]);
      if (before != null) {
        throw new CliException("DUPLICATE_RECIPIENT", line[0] + ": " + recipient + " is paid"
            + " already by " + before + " (one output per recipient: add the amounts)");
      }
      outputs.add(new CoinMultiSend.Output(recipient, units));
    }
    CoinMultiSend send = new CoinMultiSend(outputs, memo);
    try {
      send.totalUnits();
    } catch (ArithmeticException e) {
      throw new CliException("AMOUNT_OVERFLOW", "the amounts add up to more than exists");
    }
    return send;
  }

  /** The chain's output limit (when it runs version 5) and the sender's balance. */
  private void checkAgainstNode(CoinMultiSend send) {
    JsonNode params = common.client().call("bcos_params");
    for (JsonNode p : params.path("params")) {
      if (p.path("name").asText().equals("maxMultiSendOutputs")
          && send.outputs().size() > p.path("value").asLong()) {
        throw new CliException("TOO_MANY_OUTPUTS", send.outputs().size() + " payments; the chain"
            + " allows " + p.path("value").asLong() + " per transaction (maxMultiSendOutputs)");
      }
    }
    // a chain below version 5 has no such parameter: the node refuses it, MESSAGE_NOT_ACTIVE
    Address sender = Keys.resolve(tx.from);
    long fee = tx.fee != null ? SendCommand.parseAmount(tx.fee, "--fee")
        : Modules.minFeeUnits(send, Long.parseLong(common.client().status()
            .path("minFeeUnits").asText()));
    long cost = Math.addExact(send.totalUnits(), fee);
    long balance = StakeNode.balance(common, sender);
    if (cost > balance) {
      throw new CliException("INSUFFICIENT_BALANCE", "the payments and fee come to "
          + Amount.format(cost) + " DDC; " + sender + " has " + Amount.format(balance) + " DDC");
    }
  }

  /** The payment lines of a file as (label, recipient, amount). */
  static List<String[]> readFile(Path path) {
    String text;
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new CliException("INVALID_ARGUMENT", "--file " + path + " is larger than "
            + MAX_FILE_BYTES + " bytes");
      }
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("INVALID_ARGUMENT", "--file " + path + ": cannot read it ("
          + e.getMessage() + ")");
    }
    List<String[]> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      out.add(split(line, ",", path.getFileName() + " line " + (i + 1)));
    }
    return out;
  }

  private static String[] split(String text, String separator, String label) {
    int at = text.indexOf(separator);
    if (at <= 0 || at == text.length() - 1) {
      throw new CliException("INVALID_ARGUMENT", label + ": expected RECIPIENT" + separator
          + "DDC");
    }
    return new String[] {label, text.substring(0, at).strip(), text.substring(at + 1).strip()};
  }

  @Override
  void describe(ObjectNode out) {
    ArrayNode outputs = out.putArray("outputs");
    for (CoinMultiSend.Output o : send.outputs()) {
      outputs.addObject().put("to", o.to().toString()).put("amount", Amount.format(
          o.amountUnits())).put("amountUnits", Long.toString(o.amountUnits()));
    }
    out.put("outputCount", send.outputs().size()).put("total", Amount.format(send.totalUnits()))
        .put("totalUnits", Long.toString(send.totalUnits()));
  }

  @Override
  void print(ObjectNode out) {
    if (common.json) Output.json(System.out, out); else BlockText.printTransaction(System.out, out);
  }
}
