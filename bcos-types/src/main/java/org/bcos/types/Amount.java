package org.bcos.types;

import java.math.BigDecimal;

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

  /** Digits before the point of the largest amount (the total supply, 5 x 10^10 DDC). */
  private static final int MAX_INTEGER_DIGITS = 11;

  /**
   * Parses exact DDC decimal text ("1250.5", "0.00000001", "7") into base units. Only ASCII
   * digits with at most one point between digits are amounts: no exponent ("1e3"), no sign
   * ("+1", "-1"), no bare point ("1.", ".5"), no separators or spaces inside; surrounding
   * whitespace is ignored. One spelling per value keeps what a user typed and what is signed
   * obviously the same.
   *
   * @throws IllegalArgumentException naming the problem: an exponent, a sign, not a number, more
   *     than 8 decimals, or larger than the total supply
   */
  public static long parse(String ddcText) {
    String text = ddcText.strip();
    checkExactDecimal(ddcText, text);
    int point = text.indexOf('.');
    // leading zeros of the whole part and trailing zeros of the fraction carry no value; the
    // lengths are checked on the text, so a million-digit string never becomes a number
    String whole = stripLeading(point < 0 ? text : text.substring(0, point));
    String fraction = point < 0 ? "" : stripTrailing(text.substring(point + 1));
    long ddc = whole.isEmpty() ? 0 : whole.length() > MAX_INTEGER_DIGITS ? Long.MAX_VALUE
        : Long.parseLong(whole);
    if (ddc > TOTAL_SUPPLY_DDC) {
      throw new IllegalArgumentException("amount exceeds the total supply: " + ddcText);
    }
    if (fraction.length() > DECIMALS) {
      throw new IllegalArgumentException("DDC has at most 8 decimals: " + ddcText);
    }
    long units = ddc * UNITS_PER_DDC
        + (fraction.isEmpty() ? 0 : Long.parseLong(fraction + "0".repeat(DECIMALS
            - fraction.length())));
    if (units > TOTAL_SUPPLY_UNITS) {
      throw new IllegalArgumentException("amount exceeds the total supply: " + ddcText);
    }
    return units;
  }

  private static String stripLeading(String digits) {
    int i = 0;
    while (i < digits.length() && digits.charAt(i) == '0') i++;
    return digits.substring(i);
  }

  private static String stripTrailing(String digits) {
    int end = digits.length();
    while (end > 0 && digits.charAt(end - 1) == '0') end--;
    return digits.substring(0, end);
  }

  /** Refuses, by name, every text that is not digits with an optional point between digits. */
  private static void checkExactDecimal(String original, String text) {
    if (text.matches("[0-9]+(\\.[0-9]+)?")) return;
    if (text.startsWith("-")) {
      throw new IllegalArgumentException("amount must not be negative: " + original);
    }
    if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      throw new IllegalArgumentException("exponents are not amounts: '" + original
          + "'; write the exact decimal, e.g. 1000 or 0.5");
    }
    throw new IllegalArgumentException("not a DDC amount: '" + original
        + "' (exact decimals only: digits, optionally a point and up to 8 more digits)");
  }
}
