package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Blocks and flat answers read with ISO times; a full block's transactions as a table. */
class BlockTextTest {
  private static String printed(java.util.function.Consumer<PrintStream> print) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    print.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aFullBlockShowsItsTimeInIsoAndItsTransactionsAsATable() {
    ObjectNode block = Output.object().put("height", 3).put("hash", "ab")
        .put("timeMillis", 1_700_000_000_000L).put("txCount", 1);
    block.putArray("transactions").addObject().put("index", 0).put("type", "coin.transfer")
        .put("from", "dd1a").put("to", "dd1b").put("amount", "5").put("fee", "0.001")
        .put("hash", "cd");
    String text = printed(out -> BlockText.print(out, block));
    assertTrue(text.startsWith("block 3 at 2023-11-14T22:13:20Z"), text);
    assertTrue(text.contains("INDEX") && text.contains("coin.transfer") && text.contains("5 DDC"),
        text);
  }

  @Test
  void flatAnswersShowEpochMillisecondTimesInIso() {
    ObjectNode status = Output.object().put("headTimeMillis", 1_700_000_000_000L)
        .put("height", 7);
    String text = printed(out -> Output.human(out, status));
    assertTrue(text.contains("headTimeMillis: 2023-11-14T22:13:20Z"), text);
    assertTrue(text.contains("height:         7"), text);
  }
}
