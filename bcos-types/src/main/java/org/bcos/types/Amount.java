package org.bcos.types;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * DDC amounts. A value is a count of base units ({@code long}); 1 DDC = 10^8 units and the whole
 * fixed supply (5×10^18 units) fits a signed 64-bit integer. All arithmetic is checked.
 */
public final class Amount {
  public static final int DECIMALS = 8;
  public static final long UNITS_PER_DDC = 100_000_000L;
  public static final long TOTAL_SUPPLY_DDC = 50_000_000_000L;
  public static final long TOTAL_SUPPLY_UNITS = TOTAL_SUPPLY_DDC * UNITS_PER_DDC;

  private Amount() {}

  /** Formats base units as exact DDC decimal text without trailing zeros, e.g. "1250.5". */
  public static String format(long units) {
    BigDecimal ddc = BigDecimal.valueOf(units, DECIMALS).stripTrailingZeros();
    return ddc.scale() < 0 ? ddc.setScale(0).toPlainString() : ddc.toPlainString();
  }

  /**
   * Parses DDC decimal text ("1250.5", "0.00000001") into base units.
   *
   * @throws IllegalArgumentException naming the problem: not a number, more than 8 decimals,
   *     negative, or larger than the total supply
   */
  /** Digits before the point of the largest amount (the total supply, 5 x 10^10 DDC). */
  private static final int MAX_INTEGER_DIGITS = 11;

  public static long parse(String ddcText) {
    BigDecimal value;
    try {
      value = new BigDecimal(ddcText.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a DDC amount: '" + ddcText + "'");
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + ddcText);
    }
    value = value.stripTrailingZeros();
    // checked before scaling: "1e10000000" would otherwise build a ten-million-digit integer
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
      throw new IllegalArgumentException("amount exceeds the total supply: " + ddcText);
    }
    if (value.scale() > DECIMALS) {
      throw new IllegalArgumentException("DDC has at most 8 decimals: " + ddcText);
    }
    BigInteger units = value.movePointRight(DECIMALS).toBigIntegerExact();
    if (units.compareTo(BigInteger.valueOf(TOTAL_SUPPLY_UNITS)) > 0) {
      throw new IllegalArgumentException("amount exceeds the total supply: " + ddcText);
    }
    return units.longValueExact();
  }
}
