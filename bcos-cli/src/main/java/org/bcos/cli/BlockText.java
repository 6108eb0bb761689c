package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;

/**
 * A block for people: its header as labelled lines with the time in ISO-8601, then its
 * transactions as hashes or, with full transactions, as a table.
 */
final class BlockText {
  private BlockText() {}

  /** Prints a {@code bcos_getBlock} answer. */
  static void print(PrintStream out, JsonNode block) {
    out.println("block " + block.path("height").asText() + " at "
        + Instant.ofEpochMilli(block.path("timeMillis").asLong()));
    line(out, "hash", block.path("hash"));
    line(out, "previous", block.path("previousHash"));
    line(out, "proposer", block.path("proposer"));
    line(out, "state root", block.path("stateRoot"));
    line(out, "tx root", block.path("txRoot"));
    line(out, "transactions", block.path("txCount"));
    JsonNode txs = block.path("transactions");
    if (txs.isEmpty()) return;
    if (!txs.get(0).isObject()) {
      txs.forEach(h -> out.println("  " + h.asText()));
      return;
    }
    Table table = new Table("INDEX", "TYPE", "FROM", "TO", "AMOUNT", "FEE", "HASH");
    for (JsonNode tx : txs) {
      table.row(tx.path("index").asText(), tx.path("type").asText(), tx.path("from").asText(),
          recipient(tx, "-"), tx.has("amount") ? tx.path("amount").asText() + " DDC" : "-",
          tx.path("fee").asText() + " DDC", tx.path("hash").asText());
    }
    table.print(out);
  }

  /**
   * A transaction for people ({@code bcos tx}, {@code bcos send-many}): labelled lines, and a
   * multi-send's outputs one per line with their DDC amounts.
   */
  static void printTransaction(PrintStream out, JsonNode tx) {
    if (!tx.has("outputs")) {
      Output.human(out, tx);
      return;
    }
    com.fasterxml.jackson.databind.node.ObjectNode head =
        ((com.fasterxml.jackson.databind.node.ObjectNode) tx).deepCopy();
    head.remove("outputs");
    Output.human(out, head);
    out.println("outputs:");
    for (JsonNode o : tx.path("outputs")) {
      out.println("  " + o.path("to").asText() + "  " + o.path("amount").asText() + " DDC");
    }
  }

  /** A transaction's recipient: its {@code to}, "N recipients" for a multi-send, else {@code none}. */
  static String recipient(JsonNode tx, String none) {
    if (tx.has("outputs")) return tx.path("outputs").size() + " recipients";
    return tx.path("to").asText(none);
  }

  /** What a multi-send paid {@code address} (DDC text; "0" if none of its outputs). */
  static String paidTo(JsonNode tx, String address) {
    for (JsonNode o : tx.path("outputs")) {
      if (o.path("to").asText().equals(address)) return o.path("amount").asText();
    }
    return "0";
  }

  private static void line(PrintStream out, String label, JsonNode value) {
    out.println(label + ":" + " ".repeat(14 - label.length()) + value.asText());
  }
}
