package org.bcos.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AmountTest {
  @Test
  void formatsExactDecimals() {
    assertEquals("0", Amount.format(0));
    assertEquals("0.00000001", Amount.format(1));
    assertEquals("1250.5", Amount.format(125_050_000_000L));
    assertEquals("50000000000", Amount.format(Amount.TOTAL_SUPPLY_UNITS));
  }

  @Test
  void parsesAtTheEdges() {
    assertEquals(1, Amount.parse("0.00000001"));
    assertEquals(125_050_000_000L, Amount.parse("1250.5"));
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, Amount.parse("50000000000"));
    assertEquals(Amount.TOTAL_SUPPLY_UNITS - 1, Amount.parse("49999999999.99999999"));
  }

  @Test
  void refusesBadAmountsByName() {
    assertThrows(IllegalArgumentException.class, () -> Amount.parse("0.000000001"));
    assertThrows(IllegalArgumentException.class, () -> Amount.parse("-1"));
    assertThrows(IllegalArgumentException.class, () -> Amount.parse("50000000000.00000001"));
    assertThrows(IllegalArgumentException.class, () -> Amount.parse("12e"));
    assertThrows(IllegalArgumentException.class, () -> Amount.parse(""));
  }

  @Test
  void supplyFitsLong() {
    assertEquals(5_000_000_000_000_000_000L, Amount.TOTAL_SUPPLY_UNITS);
    assertEquals(Long.MAX_VALUE, Math.max(Long.MAX_VALUE, Amount.TOTAL_SUPPLY_UNITS));
  }

  /** Found by fuzzing genesis files: "1e10000000" built a ten-million-digit integer (4 GB). */
  @Test
  void refusesHugeExponentsWithoutExpandingThem() {
    assertTimeoutPreemptively(java.time.Duration.ofMillis(500), () -> {
      assertThrows(IllegalArgumentException.class, () -> Amount.parse("1000001e10000000"));
      assertThrows(IllegalArgumentException.class, () -> Amount.parse("1e-100000000"));
      assertThrows(IllegalArgumentException.class, () -> Amount.parse("0e-1000000000"));
      assertThrows(IllegalArgumentException.class, () -> Amount.parse("9".repeat(1_000_000)));
    });
  }

  /** Exact decimals only: each refused spelling says what is wrong with it. */
  @Test
  void refusesEverySpellingButExactDecimalsByName() {
    assertEquals(100_000_000_000L, Amount.parse(" 1000 "));
    assertEquals(50_000_000L, Amount.parse("0.5"));
    assertEquals(0, Amount.parse("000.000"));
    assertRefused("99999999999", "exceeds the total supply");
    assertRefused("50000000001", "exceeds the total supply");
    assertRefused("1e3", "exponents are not amounts");
    assertRefused("1E3", "exponents are not amounts");
    assertRefused("-1", "must not be negative");
    for (String text : List.of("+1", "1.", ".5", "1,000", "1_000", "1 000", "0x10", "NaN",
        "\u0661", "1..2", "")) {
      assertRefused(text, "not a DDC amount");
    }
  }

  private static void assertRefused(String text, String why) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Amount.parse(text));
    assertTrue(e.getMessage().contains(why), text + ": " + e.getMessage());
  }
}
