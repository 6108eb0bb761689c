package org.bcos.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
      assertEquals(0, Amount.parse("0e-1000000000"));
    });
  }
}
