package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bcos.types.Amount;
import org.junit.jupiter.api.Test;

/** What {@code bcos stake} reads (rates, amounts) and how it shows heights, times and tables. */
class StakeTextTest {
  @Test
  void ratesReadAsPercentOrBasisPoints() {
    assertEquals(500, StakeText.basisPoints("5%", "--commission"));
    assertEquals(500, StakeText.basisPoints("5", "--commission"));
    assertEquals(25, StakeText.basisPoints("0.25%", "--commission"));
    assertEquals(500, StakeText.basisPoints("500bp", "--commission"));
    assertEquals(0, StakeText.basisPoints("0%", "--commission"));
    assertEquals(10_000, StakeText.basisPoints("100%", "--commission"));
  }

  @Test
  void badRatesAreRefusedByNameWithTheOption() {
    for (String bad : new String[] {"101%", "-1%", "0.001%", "five", "10001bp", "%"}) {
      CliException e = assertThrows(CliException.class,
          () -> StakeText.basisPoints(bad, "--max-change"));
      assertEquals("INVALID_RATE", e.reason(), bad);
      assertTrue(e.getMessage().contains("--max-change"), e.getMessage());
    }
  }

  @Test
  void amountsTakeAnOptionalDdcSuffixAndMustBePositive() {
    assertEquals(1000 * Amount.UNITS_PER_DDC, StakeText.amount("1000DDC", "--self-bond"));
    assertEquals(1000 * Amount.UNITS_PER_DDC, StakeText.amount("1000 ddc", "--self-bond"));
    assertEquals(Amount.parse("12.5"), StakeText.amount("12.5", "AMOUNT"));
    assertEquals("INVALID_AMOUNT", assertThrows(CliException.class,
        () -> StakeText.amount("0", "AMOUNT")).reason());
    assertEquals("INVALID_AMOUNT", assertThrows(CliException.class,
        () -> StakeText.amount("1e3", "AMOUNT")).reason());
  }

  @Test
  void heightsAndDurationsReadForPeople() {
    assertEquals("181,452", StakeText.height(181_452));
    assertEquals("~21 days", StakeText.duration(181_440, 10_000));
    assertEquals("~2 days", StakeText.duration(181_440, 1_000));
    assertEquals("~10 min", StakeText.duration(60, 10_000));
    assertEquals("~30 s", StakeText.duration(30, 1_000));
    assertEquals("5%", StakeText.percent(500));
    assertEquals("0.25%", StakeText.percent(25));
  }

  @Test
  void validatorTableNamesRankStatusStakeAndCommission() {
    ObjectNode answer = Output.object();
    ObjectNode v = answer.putArray("validators").addObject().put("operator", "dd1op")
        .put("moniker", "alice").put("status", "jailed").put("jailedUntil", 1_200)
        .put("votingPower", 0).put("tokens", "1500");
    v.putObject("commission").put("rateBasisPoints", 500);
    ObjectNode ranked = ((com.fasterxml.jackson.databind.node.ArrayNode) answer
        .path("validators")).addObject().put("operator", "dd1big").put("moniker", "genesis")
        .put("status", "active").put("rank", 1).put("votingPower", 9).put("tokens", "9");
    ranked.putObject("commission").put("rateBasisPoints", 0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StakeQueryCommands.Validators.print(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        answer.path("validators"));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("tokens (DDC)"), text);
    assertTrue(text.contains("jailed until 1,200"), text);
    assertTrue(text.contains("5%"), text);
    List<String> rows = text.lines().skip(1).toList();
    assertTrue(rows.get(0).startsWith("1 ") && rows.get(0).contains("genesis"), "rank order");
    assertTrue(rows.get(1).startsWith("-") && rows.get(1).contains("alice"), text);
  }
}
